/**
 * Reads how many parameters an ONNX graph holds, straight from the model
 * bytes (ModelProto → GraphProto.initializer dims, including the subgraphs
 * of If nodes in merged decoders). Skips tensor payloads, so it costs
 * milliseconds even on a 500 MB file. Also notes dynamic quantization, whose
 * one activation scale per tensor makes a row's result depend on its batch.
 */
import { fields, ONNX, readVarint, WIRE } from './onnx-proto';

export interface OnnxStats {
  /** Elements in all initializers (each name counted once). */
  parameters: number;
  initializers: number;
  /** The graph quantizes activations at run time (DynamicQuantizeLinear). */
  dynamicQuantization: boolean;
}

const DYNAMIC_QUANTIZE = new TextEncoder().encode('DynamicQuantizeLinear');

function tensorInfo(bytes: Uint8Array, start: number, end: number): { name: string; elements: number } {
  let elements = 1;
  let name = '';
  for (const field of fields(bytes, start, end)) {
    if (field.number === ONNX.tensor.dims && field.wire === WIRE.varint) elements *= field.value;
    if (field.number === ONNX.tensor.dims && field.wire === WIRE.length) {
      for (let offset = field.start; offset < field.end;) {
        const dim = readVarint(bytes, offset);
        elements *= dim.value;
        offset = dim.next;
      }
    }
    if (field.number === ONNX.tensor.name && field.wire === WIRE.length) name = new TextDecoder().decode(bytes.subarray(field.start, field.end));
  }
  return { name, elements };
}

interface GraphFacts {
  seen: Map<string, number>;
  dynamicQuantization: boolean;
}

function isOpType(bytes: Uint8Array, start: number, end: number, name: Uint8Array): boolean {
  return end - start === name.length && name.every((byte, index) => bytes[start + index] === byte);
}

function walkGraph(bytes: Uint8Array, start: number, end: number, facts: GraphFacts): void {
  const { seen } = facts;
  for (const field of fields(bytes, start, end)) {
    if (field.wire !== WIRE.length) continue;
    if (field.number === ONNX.graph.initializer) {
      const tensor = tensorInfo(bytes, field.start, field.end);
      seen.set(tensor.name || `#${seen.size}`, tensor.elements);
    } else if (field.number === ONNX.graph.node) {
      for (const attribute of fields(bytes, field.start, field.end)) {
        if (attribute.number === ONNX.node.opType && attribute.wire === WIRE.length && isOpType(bytes, attribute.start, attribute.end, DYNAMIC_QUANTIZE)) {
          facts.dynamicQuantization = true;
        }
        if (attribute.number !== ONNX.node.attribute || attribute.wire !== WIRE.length) continue;
        for (const inner of fields(bytes, attribute.start, attribute.end)) {
          if ((inner.number === ONNX.attribute.g || inner.number === ONNX.attribute.graphs) && inner.wire === WIRE.length) {
            walkGraph(bytes, inner.start, inner.end, facts);
          }
        }
      }
    }
  }
}

export function onnxStats(model: Uint8Array): OnnxStats {
  const facts: GraphFacts = { seen: new Map<string, number>(), dynamicQuantization: false };
  for (const field of fields(model, 0, model.length)) {
    if (field.number === ONNX.model.graph && field.wire === WIRE.length) walkGraph(model, field.start, field.end, facts);
  }
  let parameters = 0;
  for (const elements of facts.seen.values()) parameters += elements;
  return { parameters, initializers: facts.seen.size, dynamicQuantization: facts.dynamicQuantization };
}
