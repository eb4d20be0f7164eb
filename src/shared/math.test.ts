import { describe, expect, it } from 'vitest';
import { argmax, cosineSimilarity, l2Norm, l2Normalize, logSoftmaxInto, softmax, topKIndices } from './math';

describe('math', () => {
  it('log-softmax matches log(softmax) and keeps -inf', () => {
    const row = Float32Array.from([1, 2, -Infinity, 0.5]);
    const out = new Float32Array(4);
    logSoftmaxInto(row, out);
    const p = softmax(row);
    expect(out[2]).toBe(-Infinity);
    for (const i of [0, 1, 3]) expect(out[i]).toBeCloseTo(Math.log(p[i]!), 6);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('softmax of an all -inf row is all zeros', () => {
    expect([...softmax([-Infinity, -Infinity])]).toEqual([0, 0]);
  });

  it('argmax returns the first maximum, like torch', () => {
    expect(argmax([1, 3, 3, 2])).toBe(1);
  });

  it('topKIndices sorts descending and keeps index order among ties', () => {
    expect(topKIndices([0.5, 2, 2, -1, 3, 2], 4)).toEqual([4, 1, 2, 5]);
    expect(topKIndices([1, 2], 5)).toEqual([1, 0]);
    expect(topKIndices([-Infinity, -Infinity, 0], 2)).toEqual([2, 0]);
  });
});

describe('embedding helpers', () => {
  it('normalises to unit length and measures cosine similarity', () => {
    expect(l2Norm(l2Normalize([3, 4]))).toBeCloseTo(1, 6);
    expect(Array.from(l2Normalize([3, 4]))).toEqual([Math.fround(0.6), Math.fround(0.8)]);
    expect(cosineSimilarity([1, 0], [0, 1])).toBe(0);
    expect(cosineSimilarity([1, 2], [2, 4])).toBeCloseTo(1, 12);
    expect(cosineSimilarity([0, 0], [1, 1])).toBe(0);
  });

  it('softmax of scaled cosines matches a hand computation', () => {
    const probs = softmax([100 * 0.3, 100 * 0.25]);
    expect(probs[0]).toBeCloseTo(1 / (1 + Math.exp(-5)), 12);
  });
});
