"""Weight formats: fp32 (as exported), fp16, q8 (dynamic int8/uint8), q4 (MatMulNBits, 4-bit blocks), q4a8 (q4 with
int8 activation compute) and q4f16 (q4 weights in an fp16 graph)."""

from __future__ import annotations

import logging
import os
import tempfile

import onnx

from .merge import normalize, tie_transposed_weights

# File-name suffixes as transformers.js uses them.
# q4f16 is transformers.js's name (DEFAULT_DTYPE_SUFFIX_MAPPING in @huggingface/transformers' utils/dtypes.js; the
# app's registry test reads it from there). q4a8 is ours: transformers.js has no such dtype.
SUFFIX = {"fp32": "", "fp16": "_fp16", "q8": "_quantized", "q4": "_q4", "q4a8": "_q4a8", "q4f16": "_q4f16"}

# Ops kept in fp32 in the fp16 graphs: normalisation and softmax (reductions over many fp16 values lose
# precision or overflow), plus onnxruntime's default block list.
FP16_KEEP_FP32 = ["LayerNormalization", "Softmax", "ReduceMean", "Pow", "Sqrt", "Range", "CumSum", "ArgMax"]

Q4_BLOCK_SIZE = 32

# MatMulNBits' `accuracy_level` (the com.microsoft.MatMulNBits schema in onnxruntime, docs/ContribOperators.md): the
# lowest precision input A may be computed in; 0 = unset (A is not downcast: fp32 in our q4, fp16 in q4f16),
# 4 = int8 (A quantized to int8 per block of block_size, then an int8 dot product). q4 leaves it unset; q4a8
# sets 4. Only the CPU kernels read it; an execution provider without an int8 path computes as in q4.
Q4A8_ACCURACY_LEVEL = 4


def _float16(model: onnx.ModelProto) -> onnx.ModelProto:
    from onnxruntime.transformers.float16 import DEFAULT_OP_BLOCK_LIST, convert_float_to_float16

    return convert_float_to_float16(
        model, keep_io_types=True, op_block_list=sorted(set(DEFAULT_OP_BLOCK_LIST + FP16_KEEP_FP32))
    )


def to_fp16(model: onnx.ModelProto) -> onnx.ModelProto:
    converted = _float16(model)
    tie_transposed_weights(converted)
    return normalize(converted)


def q8_weight_type(model: onnx.ModelProto):
    """transformers.js's rule for `_quantized`: uint8 weights when the graph has a Conv (onnxruntime's
    ConvInteger only takes uint8 weights), signed int8 otherwise."""
    from onnxruntime.quantization import QuantType

    has_conv = any(node.op_type == "Conv" for node in model.graph.node)
    return QuantType.QUInt8 if has_conv else QuantType.QInt8


def to_q8(model: onnx.ModelProto) -> onnx.ModelProto:
    """Dynamic quantization (MatMulInteger/ConvInteger + DynamicQuantizeLinear, Gather tables too), one scale per
    output channel. reduce_range keeps weights in 7 bits: x86 CPUs without VNNI saturate in u8*s8 products
    (onnxruntime's documented issue), which made full 8-bit weights noticeably less accurate on such CPUs."""
    from onnxruntime.quantization import quantize_dynamic

    weight_type = q8_weight_type(model)
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = os.path.join(tmp, "in.onnx"), os.path.join(tmp, "out.onnx")
        onnx.save(model, src)
        root = logging.getLogger()
        level = root.level
        root.setLevel(logging.ERROR)  # quantize_dynamic logs a pre-processing hint on the root logger
        try:
            quantize_dynamic(
                src, dst, weight_type=weight_type, per_channel=True, reduce_range=True,
                extra_options={"EnableSubgraph": False},
            )
        finally:
            root.setLevel(level)
        return normalize(onnx.load(dst))


def to_q4(model: onnx.ModelProto, accuracy_level: int | None = None) -> onnx.ModelProto:
    """MatMul weights to 4-bit blocks (MatMulNBits). The quantizer reads fp16 weights too (q4f16: the fp16
    graph's MatMuls become MatMulNBits with fp16 A and scales)."""
    logging.getLogger("onnxruntime.quantization.matmul_nbits_quantizer").setLevel(logging.WARNING)
    from onnxruntime.quantization.matmul_nbits_quantizer import MatMulNBitsQuantizer

    quantizer = MatMulNBitsQuantizer(
        model, bits=4, block_size=Q4_BLOCK_SIZE, is_symmetric=True, accuracy_level=accuracy_level
    )
    quantizer.process()
    return normalize(quantizer.model.model)


def to_q4f16(model: onnx.ModelProto) -> onnx.ModelProto:
    """fp16 first, without tying transposed weights (a tied weight reaches its MatMul through a Transpose and
    would stay fp16), then 4-bit MatMul weights."""
    return to_q4(_float16(model))


def convert(model: onnx.ModelProto, dtype: str) -> onnx.ModelProto:
    """Return a converted copy. fp32 also ties transposed duplicate weights (see merge.tie_transposed_weights);
    the quantized formats keep them separate so that both copies get quantized."""
    copy = onnx.ModelProto()
    copy.CopyFrom(model)
    if dtype == "fp32":
        tie_transposed_weights(copy)
        return normalize(copy)
    if dtype == "fp16":
        return to_fp16(copy)
    if dtype == "q8":
        return to_q8(copy)
    if dtype == "q4":
        return to_q4(copy)
    if dtype == "q4a8":
        return to_q4(copy, accuracy_level=Q4A8_ACCURACY_LEVEL)
    if dtype == "q4f16":
        return to_q4f16(copy)
    raise ValueError(f"unknown dtype {dtype!r}; expected one of {sorted(SUFFIX)}")
