"""Exporter: parity with PyTorch per task and dtype, folder layout, graph I/O contract, merged decoder structure."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import onnx
import pytest
from onnx import TensorProto, numpy_helper

from tools.export import graphs, validate
from tools.export.dtypes import SUFFIX
from tools.export.__main__ import main as export_main

from .conftest import ALL_DTYPES, REPO

GRAPHS = {
    "clip": ["text_model", "vision_model"],
    "caption": ["vision_model", "text_decoder_model_merged"],
    "vqa": ["vision_model", "text_encoder_model", "text_decoder_model_merged"],
}


@pytest.mark.parametrize("dtype", ALL_DTYPES)
@pytest.mark.parametrize("task", ["clip", "caption", "vqa"])
def test_parity_with_pytorch(exported, task, dtype):
    _, report, _, _ = exported[task]
    checks = [c for c in report.checks if c.dtype == dtype]
    assert checks, "no checks ran"
    failures = [f"{c.graph}/{name}: err={c.errors[name]:.2e} cos={c.cosines[name]:.5f}"
                for c in checks for name in c.errors if not c.passed(name)]
    assert not failures, failures
    if dtype == "fp32":
        assert max(e for c in checks for e in c.errors.values()) <= 1e-4


@pytest.mark.parametrize("task", ["clip", "caption", "vqa"])
def test_folder_layout(exported, task):
    _, _, out, _ = exported[task]
    for name in ("config.json", "generation_config.json", "preprocessor_config.json", "tokenizer.json",
                 "tokenizer_config.json", "special_tokens_map.json"):
        assert (out / name).is_file(), name
    for graph in GRAPHS[task]:
        for dtype in ALL_DTYPES:
            assert (out / "onnx" / f"{graph}{SUFFIX[dtype]}.onnx").is_file()
    pre = json.loads((out / "preprocessor_config.json").read_text())
    assert not pre["image_processor_type"].endswith("Pil")
    tok_cfg = json.loads((out / "tokenizer_config.json").read_text())
    assert "clean_up_tokenization_spaces" in tok_cfg


def test_clip_config_has_logit_scale(exported):
    tiny, _, out, _ = exported["clip"]
    config = json.loads((out / "config.json").read_text())
    assert config["logit_scale"] == pytest.approx(float(tiny.model.logit_scale.detach()), abs=1e-6)
    assert config["model_type"] == "clip" and "text_config" in config and "vision_config" in config


def _io(path):
    model = onnx.load(str(path))
    def describe(values):
        return {v.name: (v.type.tensor_type.elem_type,
                         [d.dim_param or d.dim_value for d in v.type.tensor_type.shape.dim]) for v in values}
    return describe(model.graph.input), describe(model.graph.output), model


def test_clip_io_names(exported):
    _, _, out, _ = exported["clip"]
    inputs, outputs, _ = _io(out / "onnx" / "text_model.onnx")
    assert list(inputs) == ["input_ids", "attention_mask"]
    assert list(outputs) == ["text_embeds", "last_hidden_state"]
    assert inputs["input_ids"] == (TensorProto.INT64, ["batch_size", "sequence_length"])
    inputs, outputs, _ = _io(out / "onnx" / "vision_model.onnx")
    assert list(inputs) == ["pixel_values"] and list(outputs) == ["image_embeds", "last_hidden_state"]


@pytest.mark.parametrize("task", ["caption", "vqa"])
def test_blip_io_names(exported, task):
    tiny, _, out, _ = exported[task]
    text = tiny.model.config.text_config
    layers, heads, head_dim = text.num_hidden_layers, text.num_attention_heads, text.hidden_size // text.num_attention_heads
    inputs, outputs, _ = _io(out / "onnx" / "vision_model.onnx")
    assert list(inputs) == ["pixel_values"] and list(outputs) == ["last_hidden_state"]
    if task == "vqa":
        inputs, outputs, _ = _io(out / "onnx" / "text_encoder_model.onnx")
        assert list(inputs) == ["input_ids", "attention_mask", "encoder_hidden_states", "encoder_attention_mask"]
        assert list(outputs) == ["last_hidden_state"]
    for dtype in ALL_DTYPES:
        inputs, outputs, _ = _io(out / "onnx" / f"text_decoder_model_merged{SUFFIX[dtype]}.onnx")
        past = [f"past_key_values.{i}.{k}" for i in range(layers) for k in ("decoder.key", "decoder.value", "encoder.key", "encoder.value")]
        assert list(inputs) == ["input_ids", "encoder_hidden_states", "encoder_attention_mask", *past, "use_cache_branch"]
        assert list(outputs) == ["logits", *[p.replace("past_key_values", "present") for p in past]]
        assert inputs["use_cache_branch"] == (TensorProto.BOOL, [1])
        assert inputs["input_ids"][0] == TensorProto.INT64 and inputs["encoder_attention_mask"][0] == TensorProto.INT64
        assert inputs["encoder_hidden_states"][0] == TensorProto.FLOAT
        for name in past:
            elem, dims = inputs[name]
            assert elem == TensorProto.FLOAT and len(dims) == 4 and dims[1] == heads and dims[3] == head_dim
        assert outputs["logits"][1][2] == text.vocab_size


def _reads(graph, name):
    return any(name in node.input for node in graph.node)


@pytest.mark.parametrize("task", ["caption", "vqa"])
def test_cache_branch_does_not_project_encoder_states(exported, task):
    _, _, out, _ = exported[task]
    for dtype in ALL_DTYPES:
        model = onnx.load(str(out / "onnx" / f"text_decoder_model_merged{SUFFIX[dtype]}.onnx"))
        (if_node,) = model.graph.node
        assert if_node.op_type == "If" and list(if_node.input) == ["use_cache_branch"]
        branches = {a.name: a.g for a in if_node.attribute}
        assert _reads(branches["else_branch"], "encoder_hidden_states")
        assert not _reads(branches["then_branch"], "encoder_hidden_states")
        assert not any(_reads(branches["else_branch"], f"past_key_values.0.{k}") for k in ("decoder.key", "encoder.key"))


def test_merged_decoder_shares_weights(exported):
    tiny, _, out, _ = exported["caption"]
    model = onnx.load(str(out / "onnx" / "text_decoder_model_merged.onnx"))
    contents = [(t.data_type, tuple(t.dims), numpy_helper.to_array(t).tobytes()) for t in model.graph.initializer]
    assert len(contents) == len(set(contents)), "duplicate initializers in the merged decoder"
    spec = graphs.blip_decoder_specs(tiny.model, tiny.model.config.vision_config.hidden_size)[0]
    single = len(graphs.export_graph(spec).SerializeToString())
    merged = (out / "onnx" / "text_decoder_model_merged.onnx").stat().st_size
    assert merged < 1.25 * single, (merged, single)


def test_cli_exports_and_validates(exported, tmp_path):
    _, _, _, src = exported["caption"]
    result = subprocess.run([sys.executable, "-m", "tools.export", "--model", str(src), "--task", "caption",
                             "--out", str(tmp_path / "out"), "--dtypes", "fp32"],
                            cwd=REPO, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "max_abs_err" in result.stdout and "MB" in result.stdout and result.stdout.strip().endswith("OK")


def test_cli_fails_when_parity_fails(exported, tmp_path, monkeypatch):
    _, _, _, src = exported["clip"]
    monkeypatch.setattr(validate, "FP32_ABS", 0.0)
    code = export_main(["--model", str(src), "--task", "clip", "--out", str(tmp_path / "o"), "--dtypes", "fp32"])
    assert code == 1


def test_decoder_feeds_zero_length_past_is_accepted(exported):
    """The no-cache branch must run with zero-length past tensors (what the runtime passes on step 1)."""
    tiny, _, out, _ = exported["caption"]
    text = tiny.model.config.text_config
    sess = validate.session(str(out / "onnx" / "text_decoder_model_merged_quantized.onnx"))
    feeds = validate.decoder_feeds(text.num_hidden_layers, text.num_attention_heads,
                                   text.hidden_size // text.num_attention_heads, np.array([[text.bos_token_id]]),
                                   np.zeros((1, 5, tiny.model.config.vision_config.hidden_size), np.float32),
                                   np.ones((1, 5), np.int64), None)
    logits = sess.run(["logits"], feeds)[0]
    assert logits.shape == (1, 1, text.vocab_size) and np.isfinite(logits).all()
