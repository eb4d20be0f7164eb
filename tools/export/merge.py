"""Graph surgery: merge the two decoder graphs under one `If`, share initializers, tie transposed weights.

Written for this project (same idea as Optimum's merged decoders, not its code): the no-past graph and
the with-past graph become the else/then branches of an `If` on the bool input `use_cache_branch`.
Branch inputs turn into references to the outer graph's inputs; every initializer moves to the outer
graph, deduplicated by content, so weights shared by both branches are stored once.
"""

from __future__ import annotations

import hashlib

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

IR_VERSION = 8  # opset 17 needs IR >= 8; onnxruntime-web 1.2x/1.3x loads it


def _digest(tensor: TensorProto) -> str:
    array = numpy_helper.to_array(tensor)
    header = f"{tensor.data_type}:{list(tensor.dims)}:".encode()
    return hashlib.sha256(header + np.ascontiguousarray(array).tobytes()).hexdigest()


def _rename_inputs(nodes, mapping: dict[str, str]) -> None:
    for node in nodes:
        for i, name in enumerate(node.input):
            if name in mapping:
                node.input[i] = mapping[name]
        for attr in node.attribute:
            if attr.type == onnx.AttributeProto.GRAPH:
                _rename_inputs(attr.g.node, mapping)
            for g in attr.graphs:
                _rename_inputs(g.node, mapping)


def dedupe_initializers(graph: onnx.GraphProto, shared: dict[str, TensorProto], prefix: str) -> dict[str, str]:
    """Move graph's initializers into `shared` (keyed by canonical name); returns old name -> canonical name."""
    by_digest = {_digest(t): name for name, t in shared.items()}
    mapping = {}
    for tensor in graph.initializer:
        digest = _digest(tensor)
        if digest not in by_digest:
            canonical = f"{prefix}{len(shared)}_{tensor.name}" if tensor.name in shared else tensor.name
            copy = TensorProto()
            copy.CopyFrom(tensor)
            copy.name = canonical
            shared[canonical] = copy
            by_digest[digest] = canonical
        mapping[tensor.name] = by_digest[digest]
    return mapping


def _toposort(nodes: list, available: set[str]) -> list:
    """Stable topological order (some converters append nodes out of order; subgraphs must be sorted)."""
    ready = set(available) | {""}
    pending, ordered = list(nodes), []
    while pending:
        rest = []
        for node in pending:
            if all(name in ready for name in node.input):
                ordered.append(node)
                ready.update(node.output)
            else:
                rest.append(node)
        if len(rest) == len(pending):
            missing = sorted({n for node in rest for n in node.input if n not in ready})[:5]
            raise ValueError(f"graph has a cycle or undefined inputs: {missing}")
        pending = rest
    return ordered


def _branch(model: onnx.ModelProto, prefix: str, outer_inputs: set[str], out_names: list[str],
            shared: dict[str, TensorProto]) -> onnx.GraphProto:
    graph = model.graph
    init_map = dedupe_initializers(graph, shared, prefix)
    mapping = dict(init_map)
    for node in graph.node:
        node.name = prefix + (node.name or node.op_type)
        for i, name in enumerate(node.output):
            if name and name not in outer_inputs:
                mapping[name] = prefix + name
                node.output[i] = prefix + name
    _rename_inputs(graph.node, mapping)
    produced = {o for n in graph.node for o in n.output}
    nodes = list(graph.node)
    outputs = []
    by_name = {o.name: o for o in graph.output}
    for name in out_names:
        value = by_name[name]
        inner = mapping.get(value.name, value.name)
        if inner not in produced:  # an output that is an outer value directly: a subgraph must produce it
            alias = prefix + "identity_" + name
            nodes.append(helper.make_node("Identity", [inner], [alias], name=prefix + "Identity_" + name))
            inner = alias
        info = onnx.ValueInfoProto()
        info.CopyFrom(value)
        info.name = inner
        info.type.tensor_type.ClearField("shape")
        outputs.append(info)
    nodes = _toposort(nodes, outer_inputs | set(shared))
    return helper.make_graph(nodes, prefix.rstrip("_"), [], outputs)


def merge_decoders(no_past: onnx.ModelProto, with_past: onnx.ModelProto, cond_name: str = "use_cache_branch") -> onnx.ModelProto:
    out_names = [o.name for o in no_past.graph.output]
    assert out_names == [o.name for o in with_past.graph.output], "branches must have the same outputs"
    inputs = list(no_past.graph.input)
    known = {i.name for i in inputs}
    inputs += [i for i in with_past.graph.input if i.name not in known]
    inputs.append(helper.make_tensor_value_info(cond_name, TensorProto.BOOL, [1]))
    outer = {i.name for i in inputs}

    shared: dict[str, TensorProto] = {}
    else_branch = _branch(no_past, "nopast_", outer, out_names, shared)
    then_branch = _branch(with_past, "past_", outer, out_names, shared)
    node = helper.make_node("If", [cond_name], out_names, name="optimum::if", then_branch=then_branch, else_branch=else_branch)

    outputs = []
    for value in no_past.graph.output:
        info = onnx.ValueInfoProto()
        info.CopyFrom(value)
        dims = info.type.tensor_type.shape.dim
        if value.name.startswith("present.") and ".decoder." in value.name:
            dims[2].dim_param = "total_decoder_sequence_length"
        outputs.append(info)
    graph = helper.make_graph([node], "merged_decoder", inputs, outputs, initializer=list(shared.values()))
    opsets = {o.domain: o.version for o in list(no_past.opset_import) + list(with_past.opset_import)}
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid(d, v) for d, v in sorted(opsets.items())])
    model.ir_version = IR_VERSION
    model.producer_name = "tools.export"
    onnx.checker.check_model(model)
    return model


def tie_transposed_weights(model: onnx.ModelProto, min_elements: int = 1) -> int:
    """Replace a MatMul weight that is the exact transpose of another initializer (tied embeddings) by a
    Transpose node of that initializer, so the file stores it once. Returns how many were tied."""
    graph = model.graph
    inits = {t.name: t for t in graph.initializer}
    by_content = {}
    for t in graph.initializer:
        if len(t.dims) == 2:
            by_content.setdefault(_digest(t), t.name)
    consumers: dict[str, list] = {}
    for node in graph.node:
        for name in node.input:
            consumers.setdefault(name, []).append(node)
    tied = 0
    new_nodes = []
    for t in list(graph.initializer):
        if len(t.dims) != 2 or int(np.prod(t.dims)) < min_elements:
            continue
        users = consumers.get(t.name, [])
        if not users or any(n.op_type != "MatMul" or list(n.input).index(t.name) != 1 for n in users):
            continue
        transposed = numpy_helper.from_array(numpy_helper.to_array(t).T.copy(), name="probe")
        source = by_content.get(_digest(transposed))
        if source is None or source == t.name:
            continue
        out = t.name + "_tied"
        new_nodes.append(helper.make_node("Transpose", [source], [out], name="Transpose_" + out, perm=[1, 0]))
        for n in users:
            n.input[1] = out
        graph.initializer.remove(inits[t.name])
        tied += 1
    if new_nodes:
        nodes = new_nodes + list(graph.node)
        del graph.node[:]
        graph.node.extend(nodes)
    return tied


def normalize(model: onnx.ModelProto) -> onnx.ModelProto:
    model.ir_version = IR_VERSION
    model.producer_name = "tools.export"
    return model
