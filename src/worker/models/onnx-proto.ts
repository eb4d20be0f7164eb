/**
 * The slice of onnx.proto this app reads and writes, by hand: reading counts
 * parameters without decoding tensor payloads (milliseconds on a 500 MB file),
 * writing builds the tiny KV-cache reorder graph. Field numbers are named once
 * here, as onnx.proto numbers them, so reader and writer cannot disagree.
 */

export const WIRE = { varint: 0, fixed64: 1, length: 2, fixed32: 5 } as const;

/** Field numbers of onnx.proto (IR version 8). */
export const ONNX = {
  model: { irVersion: 1, producerName: 2, graph: 7, opsetImport: 8 },
  opset: { version: 2 },
  graph: { node: 1, name: 2, initializer: 5, input: 11, output: 12 },
  node: { input: 1, output: 2, name: 3, opType: 4, attribute: 5 },
  attribute: { name: 1, i: 3, g: 6, graphs: 11, type: 20 },
  attributeType: { int: 2 },
  tensor: { dims: 1, name: 8 },
  valueInfo: { name: 1, type: 2 },
  type: { tensorType: 1 },
  tensorType: { elemType: 1, shape: 2 },
  shape: { dim: 1 },
  dimension: { param: 2 },
  dataType: { float32: 1, int64: 7, float16: 10 },
} as const;

// ---- reading ----

export interface Field {
  number: number;
  wire: number;
  /** For length-delimited fields, the payload's range; for varints, the value's bytes. */
  start: number;
  end: number;
  /** The varint value, or the payload length. */
  value: number;
}

/** Iterates the fields of one message in bytes[start, end); fixed-width fields are skipped. */
export function* fields(bytes: Uint8Array, start: number, end: number): Generator<Field> {
  let offset = start;
  while (offset < end) {
    const key = readVarint(bytes, offset);
    offset = key.next;
    const number = Math.floor(key.value / 8);
    const wire = key.value % 8;
    if (wire === WIRE.varint) {
      const value = readVarint(bytes, offset);
      yield { number, wire, start: offset, end: value.next, value: value.value };
      offset = value.next;
    } else if (wire === WIRE.length) {
      const length = readVarint(bytes, offset);
      const from = length.next;
      yield { number, wire, start: from, end: from + length.value, value: length.value };
      offset = from + length.value;
    } else if (wire === WIRE.fixed64) {
      offset += 8;
    } else if (wire === WIRE.fixed32) {
      offset += 4;
    } else {
      throw new Error(`Unsupported protobuf wire type ${wire} at byte ${offset}.`);
    }
  }
}

export function readVarint(bytes: Uint8Array, offset: number): { value: number; next: number } {
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

// ---- writing ----

export function message(field: number, parts: readonly Uint8Array[]): Uint8Array {
  return lengthDelimited(field, concat(parts));
}

export function string(field: number, value: string): Uint8Array {
  return lengthDelimited(field, new TextEncoder().encode(value));
}

export function varintField(field: number, value: number): Uint8Array {
  return concat([varint(field * 8 + WIRE.varint), varint(value)]);
}

function lengthDelimited(field: number, payload: Uint8Array): Uint8Array {
  return concat([varint(field * 8 + WIRE.length), varint(payload.length), payload]);
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

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
