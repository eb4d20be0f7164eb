import { describe, expect, it } from 'vitest';
import { buildTextBatch, textTokenLimit } from './clip-text-batch';

describe('buildTextBatch (issue 13, failure 7)', () => {
  it('cuts a long text to [BOS] + the first limit-2 tokens + [EOS], and records it', () => {
    const long = [900, 1, 2, 3, 4, 5, 6, 901];
    const batch = buildTextBatch([long, [900, 7, 901]], 5, 0);
    expect(batch.ids).toEqual([
      [900, 1, 2, 3, 901],
      [900, 7, 901, 0, 0],
    ]);
    expect(batch.mask).toEqual([
      [1, 1, 1, 1, 1],
      [1, 1, 1, 0, 0],
    ]);
    expect(batch.cutFrom).toEqual([8, undefined]);
  });

  it('leaves texts at the limit alone', () => {
    expect(buildTextBatch([[900, 1, 2, 901]], 4, 0)).toEqual({ ids: [[900, 1, 2, 901]], mask: [[1, 1, 1, 1]], cutFrom: [undefined] });
  });
});

describe('textTokenLimit', () => {
  it('takes the smaller known limit', () => {
    expect(textTokenLimit(77, 77)).toBe(77);
    expect(textTokenLimit(1e30, 77)).toBe(77);
    expect(textTokenLimit(64, undefined)).toBe(64);
    expect(textTokenLimit(undefined, undefined)).toBe(77);
  });
});
