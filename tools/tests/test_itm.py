"""BLIP retrieval (task `itm`, issue 15): the exporter on the tiny architecture at every dtype, the committed fixture
against its goldens, batch independence of the label scores, and the models pipeline's parity step."""

from __future__ import annotations

import json

import numpy as np
import pytest
from PIL import Image
from transformers import BlipImageProcessorPil

from tools.export.pipeline import export_model
from tools.export.validate import session
from tools.fixtures.build import SEARCH_START, _save_source
from tools.fixtures.images import IMAGE_NAMES
from tools.fixtures.itm_golden import itm_problems
from tools.fixtures.tiny import build_itm, init_weights
from tools.pipeline.__main__ import main

from .conftest import ALL_DTYPES, FIXTURES, PARITY_SCALES, REPO

FP32_ABS = 1e-4
SUFFIX = {"fp32": "", "q8": "_quantized"}


def _unit(x):
    return x / np.linalg.norm(x, axis=-1, keepdims=True)


def _softmax(x):
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


@pytest.fixture(scope="module")
def itm(golden):
    section = golden["blip_itm"]
    return section, FIXTURES / "models" / section["model"]


def _sessions(folder, dtype):
    return {name: session(str(folder / "onnx" / f"{name}{SUFFIX[dtype]}.onnx"))
            for name in ("vision_model", "text_model", "itm_model")}


def _padded(rows, pad_id):
    width = max(len(r) for r in rows)
    ids = np.array([r + [pad_id] * (width - len(r)) for r in rows], dtype=np.int64)
    mask = np.array([[1] * len(r) + [0] * (width - len(r)) for r in rows], dtype=np.int64)
    return ids, mask


def _images(folder):
    processor = BlipImageProcessorPil.from_pretrained(str(folder))
    ims = []
    for name in IMAGE_NAMES:
        with Image.open(FIXTURES / "images" / name) as im:
            ims.append(im.convert("RGB"))
    return processor(ims, return_tensors="np").pixel_values


def _scores(sess, states, ids, mask):
    """ITC text embeddings [labels, d] and ITM logits [images, labels, 2] for one batch of labels."""
    text = sess["text_model"].run(["text_embeds"], {"input_ids": ids, "attention_mask": mask})[0]
    logits = []
    for state in states:
        batch = np.repeat(state[None], len(ids), axis=0)
        logits.append(sess["itm_model"].run(["itm_logits"], {
            "input_ids": ids, "attention_mask": mask, "encoder_hidden_states": batch,
            "encoder_attention_mask": np.ones(batch.shape[:2], np.int64)})[0])
    return text, np.stack(logits)


def test_exporter_parity_every_dtype(tmp_path):
    """Vision, ITC text and ITM graphs against HF's modules; fails before `itm` is an exporter task."""
    tiny = build_itm(0)
    init_weights(tiny.model, 1234, {}, PARITY_SCALES)
    report = export_model(tiny.model, "itm", str(tmp_path), ALL_DTYPES, run_validation=True, log=lambda *_: None)
    assert report.ok, "\n".join(report.lines())
    graphs = {c.graph for c in report.checks}
    assert graphs == {"vision_model", "text_model", "itm_model"}
    assert all(c.errors[n] <= FP32_ABS for c in report.checks if c.dtype == "fp32" for n in c.errors)


def test_golden_conditions(itm):
    assert itm_problems(itm[0]) == []


def test_config_carries_the_itc_temperature(itm):
    section, folder = itm
    config = json.loads((folder / "config.json").read_text())
    assert np.exp(config["logit_scale"]) == pytest.approx(section["logit_scale"], rel=1e-6)
    assert config["image_text_hidden_size"] == len(section["text_embeds"][0]) != config["text_config"]["hidden_size"]


def test_fixture_onnx_matches_golden(itm):
    """All three scores per (image, label) and both search rankings, fp32 ONNX against the PyTorch goldens."""
    section, folder = itm
    sess = _sessions(folder, "fp32")
    embeds, states = sess["vision_model"].run(["image_embeds", "last_hidden_state"], {"pixel_values": _images(folder)})
    config = json.loads((folder / "config.json").read_text())
    ids, mask = _padded(section["input_ids"], config["text_config"]["pad_token_id"])
    text, logits = _scores(sess, states, ids, mask)
    assert np.abs(text - np.array(section["text_embeds"])).max() <= FP32_ABS
    cosine = _unit(embeds) @ _unit(text).T
    for i, name in enumerate(IMAGE_NAMES):
        assert np.abs(embeds[i] - np.array(section["image_embeds"][name])).max() <= FP32_ABS
        assert np.abs(cosine[i] - np.array(section["itc_cosine"][name])).max() <= FP32_ABS
        assert np.abs(_softmax(section["logit_scale"] * cosine[i]) - np.array(section["itc_probs"][name])).max() <= FP32_ABS
        assert np.abs(logits[i] - np.array(section["itm_logits"][name])).max() <= FP32_ABS
        assert np.abs(_softmax(logits[i])[:, 1] - np.array(section["itm_prob"][name])).max() <= FP32_ABS
    for case in section["search"]:
        q_text, q_logits = _scores(sess, states, np.array([case["input_ids"]]), np.ones((1, len(case["input_ids"])), np.int64))
        cos = _unit(embeds) @ _unit(q_text[0])
        order = [IMAGE_NAMES[i] for i in np.argsort(-cos, kind="stable")]
        assert order == case["itc_ranking"]
        prob = _softmax(q_logits[:, 0])[:, 1]
        top = [IMAGE_NAMES.index(n) for n in order[: section["rerank_top_k"]]]
        assert [IMAGE_NAMES[i] for i in sorted(top, key=lambda i: -prob[i])] == case["reranked"]


def _batch_effect(itm, dtype):
    """Max |alone - in a batch of 8| over ITC embeddings and ITM logits, one label alone vs inside a padded batch."""
    section, folder = itm
    sess = _sessions(folder, dtype)
    states = sess["vision_model"].run(["last_hidden_state"], {"pixel_values": _images(folder)[:2]})[0]
    pad = json.loads((folder / "config.json").read_text())["text_config"]["pad_token_id"]
    rows = section["input_ids"] + [section["search"][0]["input_ids"]]
    assert len(rows) == 8
    ids, mask = _padded(rows, pad)
    batch_text, batch_logits = _scores(sess, states, ids, mask)
    worst = 0.0
    for index, row in enumerate(rows):
        alone_text, alone_logits = _scores(sess, states, np.array([row]), np.ones((1, len(row)), np.int64))
        worst = max(worst, float(np.abs(alone_text[0] - batch_text[index]).max()),
                    float(np.abs(alone_logits[:, 0] - batch_logits[:, index]).max()))
    return worst


def test_fp32_label_scores_do_not_depend_on_the_batch(itm):
    assert _batch_effect(itm, "fp32") <= 1e-5


def test_q8_label_scores_depend_on_the_batch(itm):
    """Why the app scores q8 labels one row at a time: ORT's dynamic int8 quantization picks one activation scale
    per tensor, i.e. over the whole batch (padding included), so a label's q8 score moves with its neighbours
    (measured on the fixture: about 0.1 in embedding units). If ORT ever quantizes per row, this fails and
    batched q8 scoring becomes safe."""
    assert _batch_effect(itm, "q8") > 1e-3


def test_pipeline_builds_and_checks_itm(tmp_path):
    """The models pipeline (as models.yml runs it) exports the retrieval model and checks ITC/ITM parity."""
    tiny = build_itm(SEARCH_START["itm"])
    src, out = tmp_path / "src", tmp_path / "build" / "tiny-itm-onnx"
    _save_source(tiny, str(src))
    assert main(["build", "--task", "itm", "--model", str(src), "--out", str(out), "--dtypes", "q8",
                 "--images", str(REPO / "public" / "samples")]) == 0
    record = json.loads(open(f"{out}.record.json", encoding="utf-8").read())
    assert record["ok"] and record["parity"]["passed"]
    fp32 = record["parity"]["dtypes"]["fp32"]
    assert fp32["equal"] == fp32["total"] > 0 and fp32["max_abs_prob_diff"] <= 1e-3
