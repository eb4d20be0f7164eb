"""The committed fixtures: golden conditions of issue 3, consistency with the exported files, reproducibility."""

from __future__ import annotations

import hashlib
import json
import shutil

import numpy as np
import onnxruntime as ort
import pytest
from PIL import Image
from transformers import BlipImageProcessorPil, CLIPImageProcessorPil

from tools.fixtures import conditions
from tools.fixtures.build import build_fixtures
from tools.fixtures.golden import preprocess_summary, rnd
from tools.fixtures.images import IMAGE_NAMES, MAX_SIDE

from .conftest import FIXTURES

MAX_TOTAL_BYTES = 25 * 1024 * 1024


def test_golden_conditions(golden):
    assert conditions.caption_problems(golden["blip_caption"]) == []
    assert conditions.vqa_problems(golden["blip_vqa"]) == []
    assert conditions.clip_problems(golden["clip"]) == []


def test_caption_fixture_shapes(golden):
    config = json.loads((FIXTURES / "models" / golden["blip_caption"]["model"] / "config.json").read_text())
    assert config["vision_config"]["hidden_size"] != config["text_config"]["hidden_size"]


@pytest.mark.parametrize("key", ["blip_caption", "blip_vqa"])
def test_special_ids_come_from_config(golden, key):
    section = golden[key]
    folder = FIXTURES / "models" / section["model"]
    text = json.loads((folder / "config.json").read_text())["text_config"]
    ids = section["special_ids"]
    assert (ids["bos_token_id"], ids["sep_token_id"], ids["pad_token_id"], ids["config_eos_token_id"]) == (
        text["bos_token_id"], text["sep_token_id"], text["pad_token_id"], text["eos_token_id"])
    tokenizer = json.loads((folder / "tokenizer.json").read_text())
    added = {t["content"]: t["id"] for t in tokenizer["added_tokens"]}
    assert added["[DEC]"] == ids["bos_token_id"] and added["[SEP]"] == ids["sep_token_id"]
    assert added["[CLS]"] == ids["cls_token_id"]


def test_images(golden):
    for name in IMAGE_NAMES:
        path = FIXTURES / "images" / name
        info = golden["images"][name]
        assert hashlib.sha256(path.read_bytes()).hexdigest() == info["sha256"]
        with Image.open(path) as im:
            assert im.format == "PNG" and max(im.size) <= MAX_SIDE and im.size == (info["width"], info["height"])
    licenses = (FIXTURES / "images" / "LICENSES.md").read_text()
    assert all(name in licenses for name in IMAGE_NAMES)


def test_total_size():
    total = sum(p.stat().st_size for p in (FIXTURES / "models").rglob("*") if p.is_file())
    total += sum(p.stat().st_size for p in (FIXTURES / "images").rglob("*") if p.is_file())
    total += (FIXTURES / "golden.json").stat().st_size
    assert total < MAX_TOTAL_BYTES, total


@pytest.mark.parametrize("key,cls", [("clip", CLIPImageProcessorPil), ("blip", BlipImageProcessorPil)])
def test_preprocess_golden(golden, key, cls):
    model = golden["clip"]["model"] if key == "clip" else golden["blip_caption"]["model"]
    processor = cls.from_pretrained(str(FIXTURES / "models" / model))
    assert rnd(preprocess_summary(processor, str(FIXTURES / "images"))) == golden["preprocess"][key]


def _session(path):
    opts = ort.SessionOptions()
    opts.log_severity_level = 3
    return ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])


def test_clip_onnx_matches_golden(golden):
    clip = golden["clip"]
    folder = FIXTURES / "models" / clip["model"]
    config = json.loads((folder / "config.json").read_text())
    assert np.exp(config["logit_scale"]) == pytest.approx(clip["logit_scale"], rel=1e-6)
    text = _session(folder / "onnx" / "text_model.onnx")
    ids, mask = np.array(clip["input_ids"]), np.array(clip["attention_mask"])
    text_embeds = text.run(["text_embeds"], {"input_ids": ids, "attention_mask": mask})[0]
    assert np.abs(text_embeds - np.array(clip["text_embeds"])).max() <= 1e-4
    processor = CLIPImageProcessorPil.from_pretrained(str(folder))
    vision = _session(folder / "onnx" / "vision_model.onnx")
    unit_text = text_embeds / np.linalg.norm(text_embeds, axis=-1, keepdims=True)
    for name in IMAGE_NAMES:
        with Image.open(FIXTURES / "images" / name) as im:
            pixels = processor(im.convert("RGB"), return_tensors="np").pixel_values
        image_embeds = vision.run(["image_embeds"], {"pixel_values": pixels})[0][0]
        assert np.abs(image_embeds - np.array(clip["image_embeds"][name])).max() <= 1e-4
        logits = clip["logit_scale"] * unit_text @ (image_embeds / np.linalg.norm(image_embeds))
        assert np.abs(logits - np.array(clip["logits_per_image"][name])).max() <= 1e-3
        probs = np.exp(logits - logits.max())
        assert np.abs(probs / probs.sum() - np.array(clip["probs"][name])).max() <= 1e-4


def test_regenerating_gives_identical_files(tmp_path):
    """`python -m tools.fixtures` is deterministic: a fresh build (from the committed images) reproduces
    golden.json and, with the pinned library versions, every file byte for byte."""
    shutil.copytree(FIXTURES / "images", tmp_path / "images")
    build_fixtures(str(tmp_path), log=lambda *_: None)
    fresh = json.loads((tmp_path / "golden.json").read_text(encoding="utf-8"))
    committed = json.loads((FIXTURES / "golden.json").read_text(encoding="utf-8"))
    fresh_versions, committed_versions = fresh.pop("versions"), committed.pop("versions")
    assert fresh == committed, "golden.json content differs from a fresh build"
    if fresh_versions != committed_versions:
        pytest.skip(f"byte comparison needs the versions golden.json was made with: {committed_versions} "
                    f"(installed: {fresh_versions}); content matched")
    assert (tmp_path / "golden.json").read_bytes() == (FIXTURES / "golden.json").read_bytes()
    assert (tmp_path / "golden-attention.json").read_bytes() == (FIXTURES / "golden-attention.json").read_bytes()
    for path in sorted((FIXTURES / "models").rglob("*")):
        if path.is_file():
            rel = path.relative_to(FIXTURES)
            assert (tmp_path / rel).read_bytes() == path.read_bytes(), f"{rel} differs from a fresh build"


def test_clip_long_texts_keep_the_end_of_text_token(golden):
    """Texts over the limit are cut like HF does: [BOS] + the first limit-2 tokens + [EOS] (issue 13, failure 7)."""
    config = json.loads((FIXTURES / "models" / golden["clip"]["model"] / "config.json").read_text())
    eos = config["text_config"]["eos_token_id"]
    over = [case for case in golden["clip"]["long_texts"] if case["tokens"] > case["limit"]]
    assert len(over) == 2 and len(over) < len(golden["clip"]["long_texts"])
    for case in over:
        assert len(case["input_ids"]) == case["limit"] and case["input_ids"][-1] == eos
    assert over[0]["text_embeds"] == over[1]["text_embeds"]
