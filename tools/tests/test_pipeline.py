"""The models pipeline (tools/pipeline) end to end on the tiny fixture architectures: pin → export → parity with
PyTorch generate on the app's sample images (greedy and beam 3) → model card → publish beside the site → manifest.
The real run differs only in the source (a Hub id at a pinned revision) and the Hub upload."""

from __future__ import annotations

import json
import os
import re

import pytest

from tools.fixtures.build import SEARCH_START, _save_source
from tools.fixtures.tiny import build_blip, build_clip
from tools.pipeline import manifest as M
from tools.pipeline import parity, publish
from tools.pipeline.__main__ import main
from tools.pipeline.build import build

from .conftest import REPO

SAMPLES = str(REPO / "public" / "samples")
SEP_BIAS = {"caption": 10.0, "vqa": 8.0}
APP_FILES = {  # what src/shared/model-registry.ts loads per task (q8)
    "clip": ["onnx/text_model_quantized.onnx", "onnx/vision_model_quantized.onnx"],
    "caption": ["onnx/vision_model_quantized.onnx", "onnx/text_decoder_model_merged_quantized.onnx",
                "generation_config.json"],
    "vqa": ["onnx/vision_model_quantized.onnx", "onnx/text_encoder_model_quantized.onnx",
            "onnx/text_decoder_model_merged_quantized.onnx", "generation_config.json"],
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The three tasks built once through the CLI, as the workflow runs it."""
    root = tmp_path_factory.mktemp("pipeline")
    outs = {}
    for task in ("clip", "caption", "vqa"):
        tiny = build_clip(SEARCH_START["clip"]) if task == "clip" else build_blip(task, SEARCH_START[task], SEP_BIAS[task])
        src = root / "src" / task
        _save_source(tiny, str(src))
        out = root / "build" / f"tiny-{task}-onnx"
        code = main(["build", "--task", task, "--model", str(src), "--out", str(out), "--dtypes", "q8", "--images", SAMPLES])
        assert code == 0
        outs[task] = out
    return root, outs


def record(out) -> dict:
    return json.loads(open(f"{out}.record.json", encoding="utf-8").read())


@pytest.mark.parametrize("task", ["clip", "caption", "vqa"])
def test_build_checks_parity_on_the_sample_images(built, task):
    rec = record(built[1][task])
    assert rec["ok"] and rec["graphs_ok"] and rec["parity"]["passed"]
    assert rec["parity"]["images"] == sorted(n for n in os.listdir(SAMPLES) if n.endswith(".jpg"))
    fp32, q8 = rec["parity"]["dtypes"]["fp32"], rec["parity"]["dtypes"]["q8"]
    assert fp32["equal"] == fp32["total"] > 0 and q8["total"] == fp32["total"]
    if task != "clip":
        cases = rec["parity"]["cases"]
        assert {c["num_beams"] for c in cases} == {1, 3}
        assert any(c["onnx"]["fp32"]["ids"] != c["torch_ids"][:1] for c in cases)  # real decoding happened
    else:
        assert fp32["max_abs_prob_diff"] <= parity.CLIP_FP32_TOLERANCE


@pytest.mark.parametrize("task", ["clip", "caption", "vqa"])
def test_folder_holds_the_app_dtypes_and_a_model_card(built, task):
    out = built[1][task]
    rec = record(out)
    paths = [f["path"] for f in rec["files"]]
    assert all(p in paths for p in APP_FILES[task])
    onnx = [p for p in paths if p.endswith(".onnx")]
    assert onnx and all(p.endswith("_quantized.onnx") for p in onnx), "fp32 is validated, not published"
    card = (out / "README.md").read_text(encoding="utf-8")
    assert rec["source"]["revision"] in card and re.fullmatch(r"[0-9a-f]{40}", rec["source"]["revision"])
    assert f"license: {rec['license']}" in card and "| fp32 |" in card and "| q8 |" in card
    for f in rec["files"]:
        if f["path"] != "README.md":
            assert f"| `{f['path']}` | {f['size']:,} | `{f['sha256']}` |" in card


def test_publish_beside_the_site_then_manifest(built, tmp_path):
    root, outs = built
    site = tmp_path / "site" / "models"
    commit = "0123456789abcdef0123456789abcdef01234567"
    for out in outs.values():
        assert main(["publish", "--folder", str(out), "--site-models", str(site), "--site-revision", commit]) == 0
    target = tmp_path / "models-manifest.json"
    assert main(["manifest", "--out", str(target), *map(str, outs.values())]) == 0
    manifest = json.loads(target.read_text(encoding="utf-8"))
    assert [e["task"] for e in manifest["models"]] == ["clip", "caption", "vqa"]
    for e in manifest["models"]:
        assert e["host"] == publish.SITE_HOST and e["revision"] == commit and e["dtypes"] == ["q8"]
        for f in e["files"]:
            assert (site / e["repo"] / f["path"]).stat().st_size == f["size"]


def test_a_failed_build_never_becomes_a_default(built):
    rec = {**record(built[1]["caption"]), "ok": False}
    with pytest.raises(ValueError, match="did not pass"):
        M.entry(rec, {"repo": "x/y", "revision": "0" * 40})
    with pytest.raises(ValueError, match="40-digit"):
        M.entry(record(built[1]["caption"]), {"repo": "x/y", "revision": "main"})


def test_parity_fails_when_one_fp32_caption_differs(built):
    summary = json.loads(json.dumps(record(built[1]["caption"])["parity"]))
    assert parity.passed("caption", summary)
    summary["dtypes"]["fp32"]["equal"] -= 1
    assert not parity.passed("caption", summary)


def test_resolve_pins_each_checkpoint_to_the_commit_main_points_at(monkeypatch, capsys):
    """The Hub call itself is untested here (no network); what the workflow does with its answer is."""
    import huggingface_hub

    class Info:
        def __init__(self, repo):
            self.sha = {"openai/clip-vit-base-patch32": "1" * 40}.get(repo, "2" * 40)
            self.card_data = {"license": "bsd-3-clause"} if repo.startswith("Salesforce/") else None

    monkeypatch.setattr(huggingface_hub.HfApi, "model_info", lambda self, repo: Info(repo))
    assert main(["resolve"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["task"], r["repo"], r["revision"]) for r in rows] == [
        ("clip", "openai/clip-vit-base-patch32", "1" * 40),
        ("caption", "Salesforce/blip-image-captioning-base", "2" * 40),
        ("vqa", "Salesforce/blip-vqa-base", "2" * 40),
        ("itm", "Salesforce/blip-itm-base-coco", "2" * 40)]
    assert [r["license"] for r in rows] == ["mit", "bsd-3-clause", "bsd-3-clause", "bsd-3-clause"]


def test_cli_dtype_names_are_the_exporters():
    from tools.export.dtypes import SUFFIX
    from tools.pipeline.__main__ import DTYPES

    assert DTYPES == tuple(SUFFIX)


@pytest.mark.parametrize("task", ["caption", "vqa"])
def test_onnx_beam_search_reproduces_every_committed_golden_case(golden, task):
    """The committed fixtures' PyTorch generate ids (golden.json, greedy and beam 3) from the exported graphs."""
    from transformers import AutoImageProcessor

    from tools.blip_onnx import BlipOnnx
    from tools.fixtures.images import load_rgb
    from tools.pipeline.onnx_generate import generate

    from .conftest import FIXTURES

    section = golden["blip_caption" if task == "caption" else "blip_vqa"]
    folder = str(FIXTURES / "models" / "fixtures" / f"tiny-blip-{task}")
    processor, blip = AutoImageProcessor.from_pretrained(folder), BlipOnnx(folder)
    assert {case["num_beams"] for case in section["cases"]} == {1, 3}
    for case in section["cases"]:
        pixels = processor(images=load_rgb(str(FIXTURES / "images" / case["image"])), return_tensors="np").pixel_values
        states = blip.encode_image(pixels)
        if task == "vqa":
            states, prompt = blip.encode_question(case["question_ids"], states), case["decoder_input_ids"]
        else:
            prompt = case["input_ids"]
        assert generate(blip, prompt, states, case["num_beams"], section["max_new_tokens"]) == case["output_ids"], case
