/**
 * A tiny ONNX graph, written here byte by byte, that reorders KV-cache rows on the device holding
 * them: N `Gather(axis=0)` nodes sharing one int64 `indices` input. Beam search reorders the
 * self-attention cache after every step; on WebGPU this keeps the tensors on the GPU instead of
 * downloading and re-uploading them.
 *
 * Inputs `indices` (int64 [rows]) and `data_0..data_{N-1}`; outputs `rows_0..rows_{N-1}`. The encoding
 * follows onnx.proto (ModelProto → GraphProto → NodeProto/ValueInfoProto); opset 13, IR version 8.
 */

import { concat, message, ONNX, string, varintField } from '../onnx-proto';

const IR_VERSION = 8;
const OPSET = 13;

export type GatherElement = 'float32' | 'float16';

export function gatherInputName(index: number): string {
  return `data_${index}`;
}

export function gatherOutputName(index: number): string {
  return `rows_${index}`;
}

export function buildGatherModel(count: number, element: GatherElement): Uint8Array {
  const { node, attribute, graph: g } = ONNX;
  const nodes = Array.from({ length: count }, (_, i) =>
    message(g.node, [
      string(node.input, gatherInputName(i)),
      string(node.input, 'indices'),
      string(node.output, gatherOutputName(i)),
      string(node.name, `gather_${i}`),
      string(node.opType, 'Gather'),
      message(node.attribute, [string(attribute.name, 'axis'), varintField(attribute.i, 0), varintField(attribute.type, ONNX.attributeType.int)]),
    ]),
  );
  const elementType = ONNX.dataType[element];
  const data = Array.from({ length: count }, (_, i) => valueInfo(g.input, gatherInputName(i), elementType, ['d0', 'd1', 'd2', 'd3']));
  const outputs = Array.from({ length: count }, (_, i) => valueInfo(g.output, gatherOutputName(i), elementType, ['rows', 'd1', 'd2', 'd3']));
  const graph = message(ONNX.model.graph, [
    ...nodes,
    string(g.name, 'kv_reorder'),
    valueInfo(g.input, 'indices', ONNX.dataType.int64, ['rows']),
    ...data,
    ...outputs,
  ]);
  return concat([
    varintField(ONNX.model.irVersion, IR_VERSION),
    string(ONNX.model.producerName, 'blip-kv-reorder'),
    graph,
    message(ONNX.model.opsetImport, [varintField(ONNX.opset.version, OPSET)]),
  ]);
}

/** ValueInfoProto of a tensor whose dims are symbolic names. */
function valueInfo(field: number, name: string, elementType: number, dims: readonly string[]): Uint8Array {
  const shape = message(
    ONNX.tensorType.shape,
    dims.map((dim) => message(ONNX.shape.dim, [string(ONNX.dimension.param, dim)])),
  );
  const tensorType = message(ONNX.type.tensorType, [varintField(ONNX.tensorType.elemType, elementType), shape]);
  return message(field, [string(ONNX.valueInfo.name, name), message(ONNX.valueInfo.type, [tensorType])]);
}
