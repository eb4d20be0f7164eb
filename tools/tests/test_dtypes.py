"""The 4-bit variants (q4, q4a8, q4f16): what makes each one distinct in the graph, and that the models pipeline
publishes exactly the dtypes the app's measured defaults load (models.yml MODEL_DTYPES). Their parity with PyTorch
runs in test_export.py (ALL_DTYPES)."""

from __future__ import annotations

import re

import numpy as np
import onnx
import onnxruntime as ort
import pytest
from onnx import TensorProto, helper

from tools.dtype_choice import token_agreement
from tools.export.dtypes import Q4A8_ACCURACY_LEVEL, SUFFIX
from tools.pipeline.__main__ import main

from .conftest import REPO
from .test_export import GRAPHS


def _nbits(path) -> tuple[onnx.ModelProto, list]:
    model = onnx.load(str(path))
    nodes = [n for n in model.graph.node if n.op_type == "MatMulNBits"]
    for node in model.graph.node:
        for attr in node.attribute:
            if attr.type == onnx.AttributeProto.GRAPH:  # the merged decoder's If branches
                nodes += [n for n in attr.g.node if n.op_type == "MatMulNBits"]
    return model, nodes


@pytest.mark.parametrize("task", ["clip", "caption", "vqa"])
def test_q4_variants_differ_where_named(exported, task):
    _, _, out, _ = exported[task]
    for graph in GRAPHS[task]:
        levels = {}
        for dtype in ("q4", "q4a8", "q4f16"):
            model, nodes = _nbits(out / "onnx" / f"{graph}{SUFFIX[dtype]}.onnx")
            assert nodes, f"{graph} {dtype}: no MatMulNBits"
            levels[dtype] = {helper.get_attribute_value(a) for n in nodes for a in n.attribute if a.name == "accuracy_level"}
            inits = {t.name: t.data_type for t in model.graph.initializer}
            scales = {inits.get(n.input[2]) for n in nodes}
            assert scales == {TensorProto.FLOAT16 if dtype == "q4f16" else TensorProto.FLOAT}, (graph, dtype)
            io = [v.type.tensor_type.elem_type for v in (*model.graph.input, *model.graph.output)]
            assert TensorProto.FLOAT16 not in io, "half precision stays inside the graph (keep_io_types)"
        assert levels == {"q4": set(), "q4a8": {Q4A8_ACCURACY_LEVEL}, "q4f16": set()}, graph


def test_q4a8_computes_differently_from_q4_on_the_cpu(exported):
    """accuracy_level 4 is not a label only: onnxruntime's CPU kernels quantize the activations (native build)."""
    _, _, out, _ = exported["clip"]
    outputs = {}
    for dtype in ("q4", "q4a8"):
        session = ort.InferenceSession(str(out / "onnx" / f"vision_model{SUFFIX[dtype]}.onnx"), providers=["CPUExecutionProvider"])
        shape = [d if isinstance(d, int) else 2 for d in session.get_inputs()[0].shape]
        pixels = np.random.default_rng(0).standard_normal(shape).astype(np.float32)
        outputs[dtype] = session.run(["image_embeds"], {"pixel_values": pixels})[0]
    assert np.abs(outputs["q4"] - outputs["q4a8"]).max() > 0


def test_pipeline_publishes_the_dtypes_of_the_measured_defaults(tmp_path):
    from tools.fixtures.build import SEARCH_START, _save_source
    from tools.fixtures.tiny import build_clip

    workflow = (REPO / ".github" / "workflows" / "models.yml").read_text(encoding="utf-8")
    dtypes = re.search(r"^\s*MODEL_DTYPES:\s*\"?([\w,]+)\"?\s*$", workflow, re.M).group(1).split(",")
    src, out = tmp_path / "src", tmp_path / "tiny-clip-onnx"
    _save_source(build_clip(SEARCH_START["clip"]), str(src))
    assert main(["build", "--task", "clip", "--model", str(src), "--out", str(out), "--dtypes", ",".join(dtypes),
                 "--images", str(REPO / "public" / "samples")]) == 0
    onnx_files = sorted(p.name for p in (out / "onnx").iterdir())
    assert onnx_files == sorted(f"{g}{SUFFIX[d]}.onnx" for g in GRAPHS["clip"] for d in dtypes)
    card = (out / "README.md").read_text(encoding="utf-8")
    assert all(f"| {d} |" in card for d in dtypes)


def test_token_agreement_helper_reproduces_the_goldens_at_fp32(golden):
    rows = token_agreement(golden, ["fp32"])
    assert [(r["task"], r["identical"] == r["cases"] > 0, r["tokens"] == r["total"]) for r in rows] == [
        ("blip_caption", True, True), ("blip_vqa", True, True)]
