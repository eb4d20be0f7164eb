/**
 * Reads how many parameters an ONNX graph holds, straight from the model
 * bytes (ModelProto → GraphProto.initializer dims, including the subgraphs
 * of If nodes in merged decoders). Skips tensor payloads, so it costs
 * milliseconds even on a 500 MB file.
 */
import { fields, ONNX, readVarint, WIRE } from './onnx-proto';

export interface OnnxStats {
  /** Elements in all initializers (each name counted once). */
  parameters: number;
  initializers: number;
}

function tensorInfo(bytes: Uint8Array, start: number, end: number): { name: string; elements: number } {
  let elements = 1;
  let name = '';
  for (const field of fields(bytes, start, end)) {
    if (field.number === ONNX.tensor.dims && field.wire === WIRE.varint) elements *= field.value;
    if (field.number === ONNX.tensor.dims && field.wire === WIRE.length) {
      for (let offset = field.start; offset < field.end; ) {
        const dim = readVarint(bytes, offset);
        elements *= dim.value;
        offset = dim.next;
      }
    }
    if (field.number === ONNX.tensor.name && field.wire === WIRE.length) name = new TextDecoder().decode(bytes.subarray(field.start, field.end));
  }
  return { name, elements };
}

function walkGraph(bytes: Uint8Array, start: number, end: number, seen: Map<string, number>): void {
  for (const field of fields(bytes, start, end)) {
    if (field.wire !== WIRE.length) continue;
    if (field.number === ONNX.graph.initializer) {
      const tensor = tensorInfo(bytes, field.start, field.end);
      seen.set(tensor.name || `#${seen.size}`, tensor.elements);
    } else if (field.number === ONNX.graph.node) {
      for (const attribute of fields(bytes, field.start, field.end)) {
        if (attribute.number !== ONNX.node.attribute || attribute.wire !== WIRE.length) continue;
        for (const inner of fields(bytes, attribute.start, attribute.end)) {
          if ((inner.number === ONNX.attribute.g || inner.number === ONNX.attribute.graphs) && inner.wire === WIRE.length) {
            walkGraph(bytes, inner.start, inner.end, seen);
          }
        }
      }
    }
  }
}

export function onnxStats(model: Uint8Array): OnnxStats {
  const seen = new Map<string, number>();
  for (const field of fields(model, 0, model.length)) {
    if (field.number === ONNX.model.graph && field.wire === WIRE.length) walkGraph(model, field.start, field.end, seen);
  }
  let parameters = 0;
  for (const elements of seen.values()) parameters += elements;
  return { parameters, initializers: seen.size };
}
