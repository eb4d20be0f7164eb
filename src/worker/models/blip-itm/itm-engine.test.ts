import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { image, maxAbsDiff } from '../blip/test-support';
import { fixtureContext, readGolden } from '../testing/fixtures';
import { createItmEngine, type ItmEngine } from './itm-engine';

interface ItmGolden {
  blip_itm: {
    texts: string[];
    logit_scale: number;
    itc_cosine: Record<string, number[]>;
    itc_probs: Record<string, number[]>;
    itm_logits: Record<string, [number, number][]>;
    itm_prob: Record<string, number[]>;
    rerank_top_k: number;
    search: { query: string; itc_cosine: Record<string, number>; itc_ranking: string[]; itm_prob: Record<string, number>; reranked: string[] }[];
  };
  images: Record<string, unknown>;
}

const golden = readGolden<ItmGolden>().blip_itm;
const IMAGES = Object.keys(golden.itc_cosine);
const FP32 = 1e-4;

describe('BLIP retrieval engine on the tiny fixture (fp32, WASM) against PyTorch', () => {
  let engine: ItmEngine;
  beforeAll(async () => {
    engine = await createItmEngine(fixtureContext('itm', 'fp32'));
  });
  afterAll(() => engine.dispose());

  it('reads BLIP’s own ITC temperature from config.json', () => {
    expect(engine.logitScale).toBeCloseTo(golden.logit_scale, 5);
  });

  it('gives ITC cosine and softmax and the ITM match probability of every label, per image', async () => {
    for (const name of IMAGES) {
      const scores = await engine.scoreLabels(image(name), golden.texts);
      expect(maxAbsDiff(scores.itcCosine, golden.itc_cosine[name]!)).toBeLessThanOrEqual(FP32);
      expect(maxAbsDiff(scores.itcProbs, golden.itc_probs[name]!)).toBeLessThanOrEqual(FP32);
      expect(maxAbsDiff(scores.itmLogits.flat(), golden.itm_logits[name]!.flat())).toBeLessThanOrEqual(FP32);
      expect(maxAbsDiff(scores.itmProb, golden.itm_prob[name]!)).toBeLessThanOrEqual(FP32);
    }
  });

  it('caches the vision output per image', async () => {
    const first = await engine.scoreLabels(image('rocket.png'), golden.texts.slice(0, 1));
    const again = await engine.scoreLabels(image('rocket.png'), golden.texts.slice(0, 1));
    expect(again.timings.cachedImages).toBe(1);
    expect(again.itmProb).toEqual(first.itmProb);
  });

  it('ranks by ITC and re-ranks the top-k by ITM as PyTorch does', async () => {
    const images = IMAGES.map(image);
    for (const testCase of golden.search) {
      const result = await engine.search(images, testCase.query, golden.rerank_top_k);
      expect(result.firstStage.map((i) => IMAGES[i])).toEqual(testCase.itc_ranking);
      expect(result.reranked.map((i) => IMAGES[i])).toEqual(testCase.reranked);
      expect(
        maxAbsDiff(
          result.itcCosine,
          IMAGES.map((n) => testCase.itc_cosine[n]!),
        ),
      ).toBeLessThanOrEqual(FP32);
      for (const index of result.reranked) {
        expect(Math.abs(result.itmProb[index]! - testCase.itm_prob[IMAGES[index]!]!)).toBeLessThanOrEqual(FP32);
      }
      expect(result.itmProb.filter((p) => p !== undefined)).toHaveLength(golden.rerank_top_k);
    }
  });

  it('re-ranks another first stage (e.g. CLIP’s order) when given one', async () => {
    const images = IMAGES.map(image);
    const order = [...IMAGES.keys()].reverse();
    const result = await engine.search(images, golden.search[0]!.query, 2, order);
    expect(result.firstStage).toEqual(order);
    expect([...result.reranked].sort()).toEqual(order.slice(0, 2).sort());
  });
});

describe.each(['fp32', 'q8'] as const)('BLIP retrieval scores do not depend on the batch (%s)', (dtype) => {
  let engine: ItmEngine;
  beforeAll(async () => {
    engine = await createItmEngine(fixtureContext('itm', dtype));
  });
  afterAll(() => engine.dispose());

  it('one label alone scores as inside a batch of 8', async () => {
    const texts = [...golden.texts, golden.search[0]!.query];
    expect(texts).toHaveLength(8);
    const batch = await engine.scoreLabels(image('chelsea.png'), texts);
    for (const [index, text] of texts.entries()) {
      const alone = await engine.scoreLabels(image('chelsea.png'), [text]);
      expect(Math.abs(alone.itcCosine[0]! - batch.itcCosine[index]!)).toBeLessThanOrEqual(1e-5);
      expect(maxAbsDiff(alone.itmLogits[0]!, batch.itmLogits[index]!)).toBeLessThanOrEqual(1e-5);
    }
  });
});
