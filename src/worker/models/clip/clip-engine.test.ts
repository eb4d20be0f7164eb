import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureContext, fixtureImage, readGolden } from '../testing/fixtures';
import { createClipEngine, type ClipEngine } from './clip-engine';
import { classify, search } from './clip-tasks';

interface ClipGolden {
  clip: {
    labels: string[];
    template: string;
    logit_scale: number;
    image_embeds: Record<string, number[]>;
    text_embeds: number[][];
    probs: Record<string, number[]>;
    logits_per_image: Record<string, number[]>;
    search: { query: string; ranking: string[]; cosine: Record<string, number> }[];
    q8: { probs: Record<string, number[]> };
    long_texts: { text: string; tokens: number; limit: number; input_ids: number[]; text_embeds: number[] }[];
  };
}

const golden = readGolden<ClipGolden>().clip;
const imageNames = Object.keys(golden.probs).sort();

function unit(vector: number[]): number[] {
  const norm = Math.hypot(...vector);
  return vector.map((value) => value / norm);
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff = Math.max(diff, Math.abs((a[i] as number) - (b[i] as number)));
  return diff;
}

describe('CLIP engine on the tiny fixture (WASM in Node) against PyTorch', () => {
  let engine: ClipEngine;
  beforeAll(async () => {
    engine = await createClipEngine(fixtureContext('clip', 'fp32'));
  });
  afterAll(async () => engine?.dispose());

  it('reads logit_scale from the exported config', () => {
    expect(engine.facts.logitScaleSource).toBe('config');
    expect(engine.facts.logitScale).toBeCloseTo(golden.logit_scale, 4);
  });

  it('embeds images and texts like PyTorch (fp32, 1e-4)', async () => {
    const images = imageNames.map(fixtureImage);
    const imageOutcome = await engine.embedImages(images);
    imageNames.forEach((name, index) => {
      expect(maxDiff(imageOutcome.embeddings[index] as Float32Array, unit(golden.image_embeds[name] as number[]))).toBeLessThan(1e-4);
    });
    const texts = golden.labels.map((label) => golden.template.replace('{}', label));
    const textOutcome = await engine.embedTexts(texts);
    golden.text_embeds.forEach((expected, index) => {
      expect(maxDiff(textOutcome.embeddings[index] as Float32Array, unit(expected))).toBeLessThan(1e-4);
    });
  });

  it('encodes texts over the token limit like PyTorch, [EOS] kept, and says they were cut (issue 13, failure 7)', async () => {
    const outcome = await engine.embedTexts(golden.long_texts.map((entry) => entry.text));
    golden.long_texts.forEach((entry, index) => {
      expect(maxDiff(outcome.embeddings[index] as Float32Array, unit(entry.text_embeds)), entry.text).toBeLessThan(1e-4);
      expect(outcome.cuts[index]).toEqual(entry.tokens > entry.limit ? { tokens: entry.tokens, limit: entry.limit } : undefined);
    });
    // Cached embeddings keep their note.
    const again = await engine.embedTexts([golden.long_texts[0]!.text]);
    expect(again.cached).toBe(1);
    expect(again.cuts[0]).toEqual({ tokens: golden.long_texts[0]!.tokens, limit: golden.long_texts[0]!.limit });
  });

  it('classifies with the golden probabilities (1e-4) and caches embeddings', async () => {
    const images = imageNames.map(fixtureImage);
    const first = await classify(engine, images, golden.labels, golden.template);
    for (const result of first.results) {
      const probabilities = result.scores.map((score) => score.probability);
      expect(maxDiff(probabilities, golden.probs[result.imageKey] as number[])).toBeLessThan(1e-4);
      expect(
        maxDiff(
          result.scores.map((score) => score.logit),
          golden.logits_per_image[result.imageKey] as number[],
        ),
      ).toBeLessThan(1e-3);
    }
    expect(first.cache).toEqual({ imagesEncoded: 0, imagesCached: images.length, textsEncoded: 0, textsCached: golden.labels.length });
  });

  it('ranks images for a query as PyTorch does', async () => {
    const images = imageNames.map(fixtureImage);
    for (const query of golden.search) {
      const result = await search(engine, images, query.query);
      expect(result.ranking.map((entry) => entry.imageKey)).toEqual(query.ranking);
      for (const entry of result.ranking) expect(Math.abs(entry.cosine - (query.cosine[entry.imageKey] as number))).toBeLessThan(1e-4);
      expect(result.cache.imagesEncoded).toBe(0);
    }
  });
});

describe('CLIP engine, q8 fixture', () => {
  it('stays within 2e-2 of PyTorch fp32 with the same top-1', async () => {
    const engine = await createClipEngine(fixtureContext('clip', 'q8'));
    try {
      const result = await classify(engine, imageNames.map(fixtureImage), golden.labels, golden.template);
      for (const entry of result.results) {
        const probabilities = entry.scores.map((score) => score.probability);
        const expected = golden.probs[entry.imageKey] as number[];
        expect(maxDiff(probabilities, expected)).toBeLessThan(2e-2);
        expect(probabilities.indexOf(Math.max(...probabilities))).toBe(expected.indexOf(Math.max(...expected)));
      }
    } finally {
      await engine.dispose();
    }
  });
});
