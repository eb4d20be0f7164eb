import { describe, expect, it } from 'vitest';
import { liveCells } from './evidence';
import { REPORT_ROWS } from './report-table';
import type { ItmScoreResult } from '../../shared/protocol';

const itm: ItmScoreResult = {
  imageKey: 'a',
  logitScale: 14.29,
  timings: { visionMs: 5, itcMs: 4, itmMs: 40, cachedImages: 0 },
  scores: [
    { label: 'cat', text: 'a photo of a cat', itcCosine: 0.3, itcProbability: 0.7, itmProbability: 0.2 },
    { label: 'dog', text: 'a photo of a dog', itcCosine: 0.1, itcProbability: 0.3, itmProbability: 0.9 },
  ],
};
const clipScores = [
  { label: 'cat', text: 'a photo of a cat', cosine: 0.3, logit: 30, probability: 0.8 },
  { label: 'dog', text: 'a photo of a dog', cosine: 0.2, logit: 20, probability: 0.2 },
];

describe('BLIP retrieval evidence in the comparison table', () => {
  it('shows top-1 agreement of CLIP, BLIP-ITC and BLIP-ITM, and the cost per label of each', () => {
    const cells = liveCells({ clip: { scores: clipScores, totalMs: 10 }, caption: {}, vqa: {}, itm: { scores: itm } });
    expect(cells.applications).toContain('top-1 CLIP “cat”, BLIP-ITC “cat”, BLIP-ITM “dog”');
    expect(cells.applications).toContain('CLIP/ITC agree, CLIP/ITM disagree, ITC/ITM disagree');
    expect(cells.alignment).toContain('cost per label: CLIP 5');
    expect(cells.alignment).toMatch(/BLIP-ITC 2(\.0)? ?ms/);
    expect(cells.alignment).toMatch(/BLIP-ITM 20(\.0)? ?ms/);
  });

  it('says nothing about BLIP retrieval before it ran', () => {
    const cells = liveCells({ clip: {}, caption: {}, vqa: {} });
    expect(cells.applications).not.toContain('BLIP-ITC');
  });

  it('the Applications and Cross-modal alignment corrections cite BLIP §3.2 and §4', () => {
    for (const key of ['applications', 'alignment'] as const) {
      const row = REPORT_ROWS.find((candidate) => candidate.key === key);
      expect(row?.correction?.sources.map((source) => source.label)).toContain('Li et al. 2022, arXiv:2201.12086 §3.2, §4');
    }
  });
});
