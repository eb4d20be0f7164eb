import { describe, expect, it } from 'vitest';
import { Mulberry32, sampleIndex, sampleWithoutReplacement } from './random';

describe('Mulberry32', () => {
  it('is deterministic per seed and matches the reference stream', () => {
    const a = new Mulberry32(42);
    // Same values as the Python mirror in tools/generation_vectors.py.
    expect([a.nextFloat(), a.nextFloat()]).toEqual([0.6011037519201636, 0.44829055899754167]);
    const b = new Mulberry32(7);
    const c = new Mulberry32(7);
    for (let i = 0; i < 100; i++) expect(b.nextFloat()).toBe(c.nextFloat());
  });

  it('stays in [0, 1)', () => {
    const r = new Mulberry32(1);
    for (let i = 0; i < 10000; i++) {
      const x = r.nextFloat();
      expect(x >= 0 && x < 1).toBe(true);
    }
  });
});

describe('sampleIndex', () => {
  it('draws in proportion to the weights and never picks a zero weight', () => {
    const weights = [0.1, 0, 0.6, 0.3];
    const counts = [0, 0, 0, 0];
    const rng = new Mulberry32(123);
    const n = 20000;
    for (let i = 0; i < n; i++) counts[sampleIndex(weights, rng)]!++;
    expect(counts[1]).toBe(0);
    weights.forEach((w, i) => expect(Math.abs(counts[i]! / n - w)).toBeLessThan(0.015));
  });

  it('returns -1 when nothing can be drawn', () => {
    expect(sampleIndex([0, 0], new Mulberry32(1))).toBe(-1);
  });
});

describe('sampleWithoutReplacement', () => {
  it('returns distinct indices', () => {
    const picks = sampleWithoutReplacement([0.2, 0.2, 0.2, 0.2, 0.2], 4, new Mulberry32(5), [0, 0, 0, 0, 0]);
    expect(new Set(picks).size).toBe(4);
  });

  it('fills from the highest fallback scores when the support is too small', () => {
    const picks = sampleWithoutReplacement([0, 1, 0, 0], 3, new Mulberry32(5), [-3, 0, -1, -2]);
    expect(picks).toEqual([1, 2, 3]);
  });
});
