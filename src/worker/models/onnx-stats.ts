/**
 * Reads how many parameters an ONNX graph holds, straight from the model
 * bytes (ModelProto → GraphProto.initializer dims, including the subgraphs
 * of If nodes in merged decoders). A minimal protobuf walk that skips tensor
 * payloads, so it costs milliseconds even on a 500 MB file.
 */

const WIRE_VARINT = 0;
const WIRE_64BIT = 1;
const WIRE_LENGTH = 2;
const WIRE_32BIT = 5;

const MODEL_GRAPH = 7;
const GRAPH_NODE = 1;
const GRAPH_INITIALIZER = 5;
const NODE_ATTRIBUTE = 5;
const ATTRIBUTE_GRAPH = 6;
const ATTRIBUTE_GRAPHS = 11;
const TENSOR_DIMS = 1;
const TENSOR_NAME = 8;

export interface OnnxStats {
  /** Elements in all initializers (each name counted once). */
  parameters: number;
  initializers: number;
}

interface Field {
  number: number;
  wire: number;
  start: number;
  end: number;
  value: number;
}

/** Iterates the fields of one message in bytes[start, end). */
function* fields(bytes: Uint8Array, start: number, end: number): Generator<Field> {
  let offset = start;
  while (offset < end) {
    const key = readVarint(bytes, offset);
    offset = key.next;
    const number = Math.floor(key.value / 8);
    const wire = key.value % 8;
    if (wire === WIRE_VARINT) {
      const value = readVarint(bytes, offset);
      yield { number, wire, start: offset, end: value.next, value: value.value };
      offset = value.next;
    } else if (wire === WIRE_LENGTH) {
      const length = readVarint(bytes, offset);
      const from = length.next;
      yield { number, wire, start: from, end: from + length.value, value: length.value };
      offset = from + length.value;
    } else if (wire === WIRE_64BIT) {
      offset += 8;
    } else if (wire === WIRE_32BIT) {
      offset += 4;
    } else {
      throw new Error(`Unsupported protobuf wire type ${wire} at byte ${offset}.`);
    }
  }
}

function readVarint(bytes: Uint8Array, offset: number): { value: number; next: number } {
  let value = 0;
  let scale = 1;
  let position = offset;
  for (;;) {
    const byte = bytes[position];
    if (byte === undefined) throw new Error('Truncated protobuf varint.');
    value += (byte & 0x7f) * scale;
    position += 1;
    if (byte < 0x80) return { value, next: position };
    scale *= 128;
  }
}

function tensorInfo(bytes: Uint8Array, start: number, end: number): { name: string; elements: number } {
  let elements = 1;
  let name = '';
  for (const field of fields(bytes, start, end)) {
    if (field.number === TENSOR_DIMS && field.wire === WIRE_VARINT) elements *= field.value;
    if (field.number === TENSOR_DIMS && field.wire === WIRE_LENGTH) {
      for (let offset = field.start; offset < field.end; ) {
        const dim = readVarint(bytes, offset);
        elements *= dim.value;
        offset = dim.next;
      }
    }
    if (field.number === TENSOR_NAME && field.wire === WIRE_LENGTH) name = new TextDecoder().decode(bytes.subarray(field.start, field.end));
  }
  return { name, elements };
}

function walkGraph(bytes: Uint8Array, start: number, end: number, seen: Map<string, number>): void {
  for (const field of fields(bytes, start, end)) {
    if (field.wire !== WIRE_LENGTH) continue;
    if (field.number === GRAPH_INITIALIZER) {
      const tensor = tensorInfo(bytes, field.start, field.end);
      seen.set(tensor.name || `#${seen.size}`, tensor.elements);
    } else if (field.number === GRAPH_NODE) {
      for (const attribute of fields(bytes, field.start, field.end)) {
        if (attribute.number !== NODE_ATTRIBUTE || attribute.wire !== WIRE_LENGTH) continue;
        for (const inner of fields(bytes, attribute.start, attribute.end)) {
          if ((inner.number === ATTRIBUTE_GRAPH || inner.number === ATTRIBUTE_GRAPHS) && inner.wire === WIRE_LENGTH) {
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
    if (field.number === MODEL_GRAPH && field.wire === WIRE_LENGTH) walkGraph(model, field.start, field.end, seen);
  }
  let parameters = 0;
  for (const elements of seen.values()) parameters += elements;
  return { parameters, initializers: seen.size };
}
