import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-web/webgpu';
import { convertStates, expandRows, floatToHalf, halfToFloat, lastLogits } from './tensors';

describe('float16 conversion', () => {
  it('rounds float32 to float16 bits like numpy', () => {
    // numpy: np.float32(v).astype(np.float16).view(np.uint16)
    const expected: [number, number][] = [
      [0, 0x0],
      [-0, 0x8000],
      [1, 0x3c00],
      [-2.5, 0xc100],
      [0.1, 0x2e66],
      [65504, 0x7bff],
      [65520, 0x7c00],
      [1e-8, 0x0],
      [5.96e-8, 0x1],
      [3e-5, 0x1f7],
      [6.1e-5, 0x3ff],
      [1 / 3, 0x3555],
      [2049, 0x6800],
      [2051, 0x6802],
      [1e9, 0x7c00],
    ];
    for (const [value, bits] of expected) expect(floatToHalf(value), `${value}`).toBe(bits);
    expect(floatToHalf(NaN) & 0x7c00).toBe(0x7c00);
  });

  it('reads float16 bits back, subnormals and infinities included', () => {
    expect(halfToFloat(0x3c00)).toBe(1);
    expect(halfToFloat(0xc100)).toBe(-2.5);
    expect(halfToFloat(0x0001)).toBeCloseTo(5.96e-8, 10);
    expect(halfToFloat(0x7c00)).toBe(Infinity);
    expect(halfToFloat(0x7e00)).toBeNaN();
    for (let bits = 0; bits < 0x7c00; bits += 97) expect(floatToHalf(halfToFloat(bits))).toBe(bits);
  });

  it('converts encoder states between float32 and float16', () => {
    const states = { type: 'float32' as const, data: Float32Array.from([1, -2.5, 0.1]), dims: [1, 1, 3] as const };
    const half = convertStates(states, 'float16');
    expect(Array.from(half.data)).toEqual([0x3c00, 0xc100, 0x2e66]);
    expect(convertStates(states, 'float32')).toBe(states);
    expect(Array.from(convertStates(half, 'float32').data)).toEqual([1, -2.5, halfToFloat(0x2e66)]);
  });
});

describe('tensor helpers', () => {
  it('takes the last position of every row from [rows, T, V] logits', () => {
    const logits = new ort.Tensor(
      'float32',
      Float32Array.from({ length: 2 * 3 * 2 }, (_, i) => i),
      [2, 3, 2],
    );
    expect(Array.from(lastLogits(logits, 2))).toEqual([4, 5, 10, 11]);
    const half = new ort.Tensor('float16', Uint16Array.from([0x3c00, 0xc100]), [1, 1, 2]);
    expect(Array.from(lastLogits(half, 1))).toEqual([1, -2.5]);
    expect(() => lastLogits(logits, 3)).toThrow(/expected \[3, length, vocab\]/);
  });

  it('hands a cached step’s float32 logits [rows, 1, V] over without copying them (issue 17: no per-step copy of 30,524 floats)', () => {
    const data = Float32Array.from({ length: 3 * 4 }, (_, i) => i);
    const step = lastLogits(new ort.Tensor('float32', data, [3, 1, 4]), 3);
    expect(Array.from(step)).toEqual(Array.from(data));
    expect(step.buffer).toBe(data.buffer);
  });

  it('repeats [1, L, H] encoder states for every row', () => {
    const states = { type: 'float32' as const, data: Float32Array.from([1, 2, 3, 4]), dims: [1, 2, 2] as const };
    const expanded = expandRows(ort.Tensor, states, 3);
    expect(expanded.dims).toEqual([3, 2, 2]);
    expect(Array.from(expanded.data as Float32Array)).toEqual([1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4]);
  });
});
