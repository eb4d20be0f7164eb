"""The committed BLIP fixtures, run with onnxruntime like the browser runtime does: KV-cache decoding equals
no-cache decoding, and both reproduce the token ids PyTorch generated (golden.json)."""

from __future__ import annotations

import numpy as np
import pytest
from transformers import BlipImageProcessorPil

from tools.blip_onnx import BlipOnnx
from tools.fixtures.images import load_rgb

from .conftest import FIXTURES


def _pixels(folder, image: str) -> np.ndarray:
    processor = BlipImageProcessorPil.from_pretrained(str(folder))
    return processor(load_rgb(str(FIXTURES / "images" / image)), return_tensors="np").pixel_values


def _greedy_cases(section):
    return [c for c in section["cases"] if c["num_beams"] == 1]


@pytest.mark.parametrize("key", ["blip_caption", "blip_vqa"])
def test_cache_equals_no_cache_and_pytorch(golden, key):
    section = golden[key]
    folder = FIXTURES / "models" / section["model"]
    runtime = BlipOnnx(str(folder))
    for case in _greedy_cases(section):
        states = runtime.encode_image(_pixels(folder, case["image"]))
        if key == "blip_vqa":
            states = runtime.encode_question(case["question_ids"], states)
            prompt = case["decoder_input_ids"]
        else:
            prompt = case["input_ids"]
        cached, cached_logits = runtime.greedy(prompt, states, section["max_new_tokens"], use_cache=True)
        plain, plain_logits = runtime.greedy(prompt, states, section["max_new_tokens"], use_cache=False)
        assert cached == plain == case["output_ids"], case
        worst = max(float(np.abs(a - b).max()) for a, b in zip(cached_logits, plain_logits))
        assert worst <= 1e-4, worst


def test_first_step_logits_match_pytorch(golden):
    section = golden["blip_caption"]
    first = section["first_step_logits"]
    folder = FIXTURES / "models" / section["model"]
    runtime = BlipOnnx(str(folder))
    states = runtime.encode_image(_pixels(folder, first["image"]))
    logits, _ = runtime.step(np.array([first["input_ids"]]), states, None)
    last = logits[0, -1]
    assert np.abs(last[:32] - np.array(first["first_32"])).max() <= 1e-4
    assert int(last.argmax()) == first["argmax"] and abs(float(last.max()) - first["max"]) <= 1e-4


def test_quantized_fixtures_decode(golden):
    """q8 files load and decode through the cache path (their tokens may differ from fp32)."""
    for key in ("blip_caption", "blip_vqa"):
        section = golden[key]
        folder = FIXTURES / "models" / section["model"]
        runtime = BlipOnnx(str(folder), dtype="q8")
        case = section["cases"][0]
        states = runtime.encode_image(_pixels(folder, case["image"]))
        if key == "blip_vqa":
            states = runtime.encode_question(case["question_ids"], states)
        prompt = case.get("decoder_input_ids") or case["input_ids"]
        ids, _ = runtime.greedy(prompt, states, section["max_new_tokens"])
        assert ids[: len(prompt)] == prompt and 1 <= len(ids) - len(prompt) <= section["max_new_tokens"]
