"""Attention-map fixtures (issue 14): the exported extra outputs reproduce PyTorch's maps (golden-attention.json)
and leave the generated ids and CLIP scores of golden.json unchanged."""

from __future__ import annotations

import json

import numpy as np
import pytest
from PIL import Image
from transformers import BlipImageProcessorPil, CLIPImageProcessorPil

from tools.blip_onnx import BlipOnnx
from tools.export.validate import session
from tools.fixtures.attention import GOLDEN_FILE
from tools.fixtures.images import IMAGE_NAMES
from tools.pipeline.onnx_generate import generate

from .conftest import FIXTURES

TOL = 1e-5


@pytest.fixture(scope="module")
def attention_golden() -> dict:
    return json.loads((FIXTURES / GOLDEN_FILE).read_text(encoding="utf-8"))


def _folder(section: dict):
    return FIXTURES / "models" / section["model"]


def _pixels(folder, image: str) -> np.ndarray:
    processor = BlipImageProcessorPil.from_pretrained(str(folder))
    with Image.open(FIXTURES / "images" / image) as im:
        return processor(im.convert("RGB"), return_tensors="np").pixel_values


def _maps_along(blip: BlipOnnx, ids: list[int], prompt_len: int, memory: np.ndarray) -> np.ndarray:
    """[new tokens, layers, memory tokens]: one teacher-forced pass over the returned sequence. The decoder is
    causal, so position p sees what the beam that produced token p+1 saw."""
    _, outputs = blip.step(np.array([ids[:-1]]), memory, None)
    maps = np.stack([outputs[f"cross_attentions.{i}"][0] for i in range(blip.layers)], axis=1)
    return maps[prompt_len - 1:]


def _check(case: dict, got: np.ndarray) -> None:
    want = np.array(case["steps"])
    assert got.shape == want.shape
    assert np.abs(got - want).max() <= TOL
    assert np.allclose(want.sum(axis=-1), 1.0, atol=1e-6)  # probabilities over the memory tokens


def test_caption_maps_and_ids(golden, attention_golden):
    section = attention_golden["blip_caption"]
    blip = BlipOnnx(str(_folder(section)))
    assert section["grid"][0] * section["grid"][1] + 1 == len(section["cases"][0]["steps"][0][0])
    for case in section["cases"]:
        recorded = next(c for c in golden["blip_caption"]["cases"] if c["image"] == case["image"]
                        and c["prompt"] == case["prompt"] and c["num_beams"] == case["num_beams"])
        states = blip.encode_image(_pixels(_folder(section), case["image"]))
        ids = generate(blip, recorded["input_ids"], states, case["num_beams"], golden["blip_caption"]["max_new_tokens"])
        assert ids == recorded["output_ids"] == case["output_ids"]
        _check(case, _maps_along(blip, ids, len(recorded["input_ids"]), states))


def test_vqa_maps_and_ids(golden, attention_golden):
    section = attention_golden["blip_vqa"]
    blip = BlipOnnx(str(_folder(section)))
    for case in section["cases"]:
        states = blip.encode_image(_pixels(_folder(section), case["image"]))
        ids = np.array([case["question_ids"]], dtype=np.int64)
        names = ["last_hidden_state"] + [f"cross_attentions.{i}" for i in range(blip.layers)]
        feeds = {"input_ids": ids, "attention_mask": np.ones_like(ids), "encoder_hidden_states": states,
                 "encoder_attention_mask": np.ones(states.shape[:2], dtype=np.int64)}
        question, *question_maps = blip.text_encoder.run(names, feeds)
        assert np.abs(np.stack([m[0] for m in question_maps]) - np.array(case["question_maps"])).max() <= TOL
        answer = generate(blip, [blip.bos], question, case["num_beams"], golden["blip_vqa"]["max_new_tokens"])
        assert answer == case["output_ids"]
        _check(case, _maps_along(blip, answer, 1, question))


def test_maps_not_fetched_cost_nothing_and_change_nothing(attention_golden):
    """Fetching only logits (what the app does with maps off) gives the same logits as fetching everything."""
    blip = BlipOnnx(str(_folder(attention_golden["blip_caption"])))
    states = blip.encode_image(_pixels(_folder(attention_golden["blip_caption"]), "chelsea.png"))
    logits, outputs = blip.step(np.array([[blip.bos]]), states, None)
    assert "cross_attentions.0" in outputs
    plain = blip.decoder.run(["logits"], {
        "input_ids": np.array([[blip.bos]]), "encoder_hidden_states": states,
        "encoder_attention_mask": np.ones(states.shape[:2], dtype=np.int64), "use_cache_branch": np.array([False]),
        **{f"past_key_values.{i}.{k}": np.zeros((1, blip.heads, 0, blip.head_dim), dtype=np.float32)
           for i in range(blip.layers) for k in ("decoder.key", "decoder.value", "encoder.key", "encoder.value")}})[0]
    assert np.array_equal(plain, logits)


def test_clip_patch_cosines_and_scores(golden, attention_golden):
    section, clip = attention_golden["clip"], golden["clip"]
    folder = _folder(section)
    text = session(str(folder / "onnx" / "text_model.onnx"))
    vision = session(str(folder / "onnx" / "vision_model.onnx"))
    text_embeds = text.run(["text_embeds"], {"input_ids": np.array(clip["input_ids"]),
                                             "attention_mask": np.array(clip["attention_mask"])})[0]
    unit_text = text_embeds / np.linalg.norm(text_embeds, axis=-1, keepdims=True)
    processor = CLIPImageProcessorPil.from_pretrained(str(folder))
    for name in IMAGE_NAMES:
        with Image.open(FIXTURES / "images" / name) as im:
            pixels = processor(im.convert("RGB"), return_tensors="np").pixel_values
        image_embeds, patches = vision.run(["image_embeds", "patch_embeds"], {"pixel_values": pixels})
        assert np.abs(image_embeds[0] - np.array(clip["image_embeds"][name])).max() <= 1e-4  # scores unchanged
        unit_patches = patches[0] / np.linalg.norm(patches[0], axis=-1, keepdims=True)
        cosine = (unit_patches @ unit_text.T).T  # [labels, patches]
        assert cosine.shape[1] == section["grid"][0] * section["grid"][1]
        assert np.abs(cosine - np.array(section["patch_cosine"][name])).max() <= TOL


@pytest.mark.parametrize("task", ["clip", "caption", "vqa"])
def test_exporter_option_adds_only_the_named_outputs(tmp_path, task):
    """--attention-maps adds cross_attentions.{i} / patch_embeds (validated against HF's own attentions inside
    export_model); without it the graphs keep exactly their old outputs."""
    from tools.export.pipeline import export_model

    from .conftest import _tiny

    tiny = _tiny(task)
    outputs = {}
    for maps in (False, True):
        out = tmp_path / str(maps)
        report = export_model(tiny.model, task, str(out), ("fp32",), run_validation=True, log=lambda *_: None, attention_maps=maps)
        assert report.ok
        outputs[maps] = {p.name: {o.name for o in session(str(p)).get_outputs()} for p in sorted((out / "onnx").glob("*.onnx"))}
    for graph, names in outputs[True].items():
        extra = names - outputs[False][graph]
        expected = {"vision_model.onnx": {"patch_embeds"} if task == "clip" else set(),
                    "text_model.onnx": set()}.get(graph, {"cross_attentions.0", "cross_attentions.1"})
        assert extra == expected, graph
        assert outputs[False][graph] <= names
