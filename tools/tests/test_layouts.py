"""Third-party layouts: the exporter option, and the committed tiny fixtures in those layouts."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from PIL import Image

from tools.export import validate
from tools.export.layouts import LAYOUT_FILES, graph_io, greedy_no_cache
from tools.fixtures.layouts import LAYOUT_FIXTURES, build_layout_fixtures

from .conftest import FIXTURES, REPO

DECODER_INPUTS = ["input_ids", "attention_mask", "encoder_hidden_states", "encoder_attention_mask"]


def _folder(task):
    return FIXTURES / "models" / LAYOUT_FIXTURES[task][1]


def test_cli_writes_the_split_layout_and_validates(exported, tmp_path):
    _, _, _, src = exported["caption"]
    out = tmp_path / "split"
    result = subprocess.run([sys.executable, "-m", "tools.export", "--model", str(src), "--task", "caption",
                             "--out", str(out), "--dtypes", "fp32", "--layout", "onnx-community-split"],
                            cwd=REPO, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().endswith("OK") and "split_1.onnx" in result.stdout
    assert graph_io(str(out / "onnx/split_0.onnx")) == (["pixel_values"], ["encoder_hidden_states", "encoder_attention_mask"])
    assert graph_io(str(out / "onnx/split_1.onnx")) == (DECODER_INPUTS, ["logits"])
    assert (out / "config.json").is_file() and (out / "tokenizer.json").is_file()
    assert not (out / "onnx" / "vision_model.onnx").exists()


def test_cli_refuses_a_layout_for_the_other_task(exported, tmp_path):
    _, _, _, src = exported["caption"]
    result = subprocess.run([sys.executable, "-m", "tools.export", "--model", str(src), "--task", "caption",
                             "--out", str(tmp_path / "x"), "--dtypes", "fp32", "--layout", "mpai"],
                            cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode != 0 and "--layout mpai writes task vqa" in result.stderr


def test_mpai_fixture_names_and_external_data():
    folder = _folder("vqa")
    files = LAYOUT_FILES["mpai"]
    assert graph_io(str(folder / files["vision"])) == (["pixel_values"], ["last_hidden_state"])
    assert graph_io(str(folder / files["text_encoder"])) == (DECODER_INPUTS, ["last_hidden_state"])
    assert graph_io(str(folder / files["decoder"])) == (DECODER_INPUTS, ["logits"])
    data = folder / (files["vision"] + ".data")
    assert data.stat().st_size > 10 * (folder / files["vision"]).stat().st_size  # the weights live outside
    import onnx
    model = onnx.load(str(folder / files["vision"]), load_external_data=False)
    locations = {entry.value for t in model.graph.initializer for entry in t.external_data if entry.key == "location"}
    assert locations == {data.name}


def _pixels(processor_folder, image):
    from transformers import BlipImageProcessor
    processor = BlipImageProcessor.from_pretrained(str(processor_folder))
    return processor(Image.open(FIXTURES / "images" / image).convert("RGB"), return_tensors="np").pixel_values


def test_split_fixture_greedy_equals_golden(golden):
    folder, gold = _folder("caption"), golden["blip_caption"]
    sep = gold["special_ids"]["sep_token_id"]
    vision = validate.session(str(folder / LAYOUT_FILES["onnx-community-split"]["vision"]))
    cases = [c for c in gold["cases"] if c["num_beams"] == 1]
    assert len(cases) >= 6
    for case in cases:
        states = vision.run(["encoder_hidden_states"], {"pixel_values": _pixels(folder, case["image"]).astype(np.float32)})[0]
        ids = greedy_no_cache(str(folder / "onnx/split_1.onnx"), states, case["input_ids"], sep, gold["max_new_tokens"])
        assert ids == case["output_ids"], case["image"]


def test_mpai_fixture_greedy_equals_golden(golden):
    folder, gold, files = _folder("vqa"), golden["blip_vqa"], LAYOUT_FILES["mpai"]
    sep = gold["special_ids"]["sep_token_id"]
    vision, encoder = validate.session(str(folder / files["vision"])), validate.session(str(folder / files["text_encoder"]))
    for case in [c for c in gold["cases"] if c["num_beams"] == 1]:
        image = vision.run(["last_hidden_state"], {"pixel_values": _pixels(folder, case["image"]).astype(np.float32)})[0]
        q = np.array([case["question_ids"]], dtype=np.int64)
        states = encoder.run(["last_hidden_state"], {
            "input_ids": q, "attention_mask": np.ones_like(q), "encoder_hidden_states": image,
            "encoder_attention_mask": np.ones(image.shape[:2], dtype=np.int64)})[0]
        ids = greedy_no_cache(str(folder / files["decoder"]), states, case["decoder_input_ids"], sep, gold["max_new_tokens"])
        assert ids == case["output_ids"], case["question"]


def test_regenerating_layout_fixtures_gives_identical_files(golden, tmp_path):
    import shutil
    from tools.fixtures.build import versions
    if versions() != golden["versions"]:
        pytest.skip(f"byte comparison needs the versions golden.json was made with: {golden['versions']}")
    shutil.copy(FIXTURES / "golden.json", tmp_path / "golden.json")
    shutil.copytree(FIXTURES / "images", tmp_path / "images")
    for folder in build_layout_fixtures(str(tmp_path), log=lambda *_: None):
        repo = folder[len(str(tmp_path / "models")) + 1:]
        for path in sorted(p for p in (tmp_path / "models" / repo).rglob("*") if p.is_file()):
            committed = FIXTURES / "models" / repo / path.relative_to(tmp_path / "models" / repo)
            assert committed.read_bytes() == path.read_bytes(), str(committed)
