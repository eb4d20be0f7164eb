import { describe, expect, it } from 'vitest';
import type { BlipAttentionMaps } from '../shared/protocol';
import { wordGrid } from './attention-grid';

// CLS + a 2×2 grid, two layers.
const caption: BlipAttentionMaps = {
  layers: 2,
  keyLength: 5,
  words: ['cat'],
  steps: [
    [
      [0.2, 0.1, 0.2, 0.3, 0.2],
      [0.6, 0.3, 0.0, 0.1, 0.0],
    ],
  ],
};

describe('wordGrid', () => {
  it('drops CLS and lays the patches on a square grid, per layer or averaged', () => {
    expect(wordGrid(caption, 0, 1)).toEqual({ side: 2, values: [0.3, 0.0, 0.1, 0.0] });
    const mean = wordGrid(caption, 0, 'mean')!;
    expect(mean.side).toBe(2);
    mean.values.forEach((value, i) => expect(value).toBeCloseTo([0.2, 0.1, 0.2, 0.1][i]!, 12));
  });

  it('VQA: weights each question token’s image map by the answer word’s attention to it', () => {
    const vqa: BlipAttentionMaps = {
      layers: 1,
      keyLength: 2,
      words: ['two'],
      steps: [[[0.25, 0.75]]],
      question: [
        [
          [0, 1, 0, 0, 0],
          [0, 0, 0, 0, 1],
        ],
      ],
    };
    expect(wordGrid(vqa, 0, 0)).toEqual({ side: 2, values: [0.25, 0, 0, 0.75] });
  });

  it('gives nothing for a memory that is not CLS + a square grid', () => {
    expect(wordGrid({ ...caption, steps: [[[0.5, 0.25, 0.25]]] }, 0, 0)).toBeUndefined();
    expect(wordGrid(caption, 3, 0)).toBeUndefined();
  });
});
