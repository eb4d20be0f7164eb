/**
 * A tiny ONNX graph, written here byte by byte, that reorders KV-cache rows on the device holding
 * them: N `Gather(axis=0)` nodes sharing one int64 `indices` input. Beam search reorders the
 * self-attention cache after every step; on WebGPU this keeps the tensors on the GPU instead of
 * downloading and re-uploading them.
 *
 * Inputs `indices` (int64 [rows]) and `data_0..data_{N-1}`; outputs `rows_0..rows_{N-1}`. The encoding
 * follows onnx.proto (ModelProto → GraphProto → NodeProto/ValueInfoProto); opset 13, IR version 8.
 */

const ELEMENT_TYPE = { float32: 1, int64: 7, float16: 10 } as const;
const ATTRIBUTE_INT = 2;
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
  const nodes = Array.from({ length: count }, (_, i) =>
    message(1, [
      string(1, gatherInputName(i)),
      string(1, 'indices'),
      string(2, gatherOutputName(i)),
      string(3, `gather_${i}`),
      string(4, 'Gather'),
      message(5, [string(1, 'axis'), varintField(3, 0), varintField(20, ATTRIBUTE_INT)]),
    ]),
  );
  const data = Array.from({ length: count }, (_, i) => valueInfo(11, gatherInputName(i), ELEMENT_TYPE[element], ['d0', 'd1', 'd2', 'd3']));
  const outputs = Array.from({ length: count }, (_, i) => valueInfo(12, gatherOutputName(i), ELEMENT_TYPE[element], ['rows', 'd1', 'd2', 'd3']));
  const graph = message(7, [...nodes, string(2, 'kv_reorder'), valueInfo(11, 'indices', ELEMENT_TYPE.int64, ['rows']), ...data, ...outputs]);
  return concat([varintField(1, IR_VERSION), string(2, 'blip-kv-reorder'), graph, message(8, [varintField(2, OPSET)])]);
}

/** ValueInfoProto of a tensor whose dims are symbolic names. */
function valueInfo(field: number, name: string, elementType: number, dims: readonly string[]): Uint8Array {
  const shape = message(2, dims.map((dim) => message(1, [string(2, dim)])));
  const tensorType = message(1, [varintField(1, elementType), shape]);
  return message(field, [string(1, name), message(2, [tensorType])]);
}

function message(field: number, parts: readonly Uint8Array[]): Uint8Array {
  return lengthDelimited(field, concat(parts));
}

function string(field: number, value: string): Uint8Array {
  return lengthDelimited(field, new TextEncoder().encode(value));
}

function lengthDelimited(field: number, payload: Uint8Array): Uint8Array {
  return concat([varint(field * 8 + 2), varint(payload.length), payload]);
}

function varintField(field: number, value: number): Uint8Array {
  return concat([varint(field * 8), varint(value)]);
}

function varint(value: number): Uint8Array {
  const bytes: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  bytes.push(rest);
  return Uint8Array.from(bytes);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
