/** Small tensor helpers for the BLIP sessions (CPU-side data only). */
import type { Ort, OrtSession, OrtTensor } from '../../runtime/ort-env';

export type TensorCtor = Ort['Tensor'];
export type FloatType = 'float32' | 'float16';
/** float16 data as ORT Web hands it out: raw bits (Uint16Array) or a Float16Array where one exists. */
export type FloatData = Float32Array | Uint16Array;

/** Encoder states kept on the CPU: [1, tokens, hidden]. */
export interface HostStates {
  type: FloatType;
  data: FloatData;
  dims: readonly [number, number, number];
}

export function int64Tensor(Tensor: TensorCtor, rows: readonly (readonly number[])[]): OrtTensor {
  const width = rows[0]?.length ?? 0;
  const data = new BigInt64Array(rows.length * width);
  rows.forEach((row, r) => row.forEach((value, c) => (data[r * width + c] = BigInt(value))));
  return new Tensor('int64', data, [rows.length, width]);
}

export function onesMask(Tensor: TensorCtor, rows: number, length: number): OrtTensor {
  return new Tensor('int64', new BigInt64Array(rows * length).fill(1n), [rows, length]);
}

export function boolTensor(Tensor: TensorCtor, value: boolean): OrtTensor {
  return new Tensor('bool', new Uint8Array([value ? 1 : 0]), [1]);
}

export function emptyFloat(Tensor: TensorCtor, type: FloatType, dims: readonly number[]): OrtTensor {
  return type === 'float16' ? new Tensor('float16', new Uint16Array(0), [...dims]) : new Tensor('float32', new Float32Array(0), [...dims]);
}

export function zeroStates(Tensor: TensorCtor, type: FloatType, rows: number, hidden: number): OrtTensor {
  return type === 'float16'
    ? new Tensor('float16', new Uint16Array(rows * hidden), [rows, 1, hidden])
    : new Tensor('float32', new Float32Array(rows * hidden), [rows, 1, hidden]);
}

/** [1, L, H] → [rows, L, H]: HF expands the encoder states to the beam (or sample) rows. */
export function expandRows(Tensor: TensorCtor, states: HostStates, rows: number): OrtTensor {
  const [, tokens, hidden] = states.dims;
  const size = tokens * hidden;
  const data = states.type === 'float16' ? new Uint16Array(rows * size) : new Float32Array(rows * size);
  const source = asStorage(states.data);
  for (let r = 0; r < rows; r++) data.set(source.subarray(0, size), r * size);
  return states.type === 'float16'
    ? new Tensor('float16', data as Uint16Array, [rows, tokens, hidden])
    : new Tensor('float32', data as Float32Array, [rows, tokens, hidden]);
}

/** A CPU output tensor as host states (copied, so the result outlives ORT's buffer). */
export function toHostStates(tensor: OrtTensor, what: string): HostStates {
  const [batch, tokens, hidden] = tensor.dims;
  if (tensor.dims.length !== 3 || batch !== 1 || tokens === undefined || hidden === undefined) {
    throw new Error(`${what} has dims [${tensor.dims.join(', ')}], expected [1, tokens, hidden].`);
  }
  const type = floatType(tensor.type, what);
  const data = asStorage(tensor.data as FloatData).slice();
  return { type, data, dims: [1, tokens, hidden] };
}

export function floatType(type: string, what: string): FloatType {
  if (type === 'float32' || type === 'float16') return type;
  throw new Error(`${what} is ${type}; BLIP sessions must use float32 or float16 tensors.`);
}

/** The element type a session expects for an input, from its metadata (float32 when it does not say). */
export function inputFloatType(session: { readonly inputMetadata?: OrtSession['inputMetadata'] } | undefined, name: string): FloatType {
  const meta = session?.inputMetadata?.find((entry) => entry.name === name);
  return meta && meta.isTensor && meta.type === 'float16' ? 'float16' : 'float32';
}

/** Logits [rows, T, V] → the last position of each row, [rows × V] float32. */
export function lastLogits(tensor: OrtTensor, rows: number): Float32Array {
  const [batch, length, vocab] = tensor.dims;
  if (tensor.dims.length !== 3 || batch !== rows || !length || !vocab) {
    throw new Error(`logits have dims [${tensor.dims.join(', ')}], expected [${rows}, length, vocab].`);
  }
  const source = tensor.data as FloatData;
  // A cached step's float32 logits are already [rows × V]: a view spares a copy of 30,524 floats per row
  // and step (the Stepper makes the one private copy the processors edit).
  if (length === 1 && source instanceof Float32Array) return source.subarray(0, rows * vocab);
  const out = new Float32Array(rows * vocab);
  for (let r = 0; r < rows; r++) {
    const start = (r * length + length - 1) * vocab;
    copyAsFloat32(source, start, vocab, out, r * vocab);
  }
  return out;
}

function copyAsFloat32(source: FloatData, start: number, count: number, out: Float32Array, at: number): void {
  if (source instanceof Uint16Array) {
    for (let i = 0; i < count; i++) out[at + i] = halfToFloat(source[start + i] ?? 0);
  } else {
    // Float32Array, or a Float16Array whose elements already read as numbers.
    for (let i = 0; i < count; i++) out[at + i] = source[start + i] ?? 0;
  }
}

/** float16 kept as its raw bits, so copies never round through a number. */
export function asStorage(data: FloatData): FloatData {
  if (data instanceof Float32Array || data instanceof Uint16Array) return data;
  const view = data as ArrayBufferView;
  return new Uint16Array(view.buffer, view.byteOffset, view.byteLength / 2);
}

/** The same states in another float type (exports may mix float32 and float16 inputs and outputs). */
export function convertStates(states: HostStates, type: FloatType): HostStates {
  if (states.type === type) return states;
  const source = asStorage(states.data);
  const data = type === 'float32' ? Float32Array.from(source as Uint16Array, halfToFloat) : Uint16Array.from(source as Float32Array, floatToHalf);
  return { type, data, dims: states.dims };
}

/** float32 → float16 bits, rounding to nearest even (as onnxruntime and numpy do). */
export function floatToHalf(value: number): number {
  scratch[0] = value;
  const bits = scratchBits[0] ?? 0;
  const sign = (bits >>> 16) & 0x8000;
  const exponent = ((bits >>> 23) & 0xff) - 127 + 15;
  const mantissa = bits & 0x7fffff;
  if (exponent >= 0x1f) return sign | (((bits >>> 23) & 0xff) === 0xff && mantissa ? 0x7e00 : 0x7c00);
  if (exponent <= 0) {
    if (exponent < -10) return sign;
    const full = mantissa | 0x800000;
    const shift = 14 - exponent;
    return sign | roundShift(full, shift);
  }
  return sign | ((exponent << 10) + roundShift(mantissa, 13));
}

const scratch = new Float32Array(1);
const scratchBits = new Uint32Array(scratch.buffer);

/** value >> shift, rounded to nearest even; a carry out of the mantissa correctly bumps the exponent. */
function roundShift(value: number, shift: number): number {
  const kept = value >>> shift;
  const rest = value - kept * 2 ** shift;
  const half = 2 ** (shift - 1);
  return rest > half || (rest === half && kept & 1) ? kept + 1 : kept;
}

export function halfToFloat(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 0x1f) return fraction ? NaN : sign * Infinity;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}
