/**
 * The WASM-only ORT build (ort-build.ts) that a worker without WebGPU loads must give the goldens the
 * WebGPU (asyncify) build gives: CLIP embeddings and probabilities, BLIP caption and VQA ids. This
 * file sets ORT up with that build before any fixture context does (setup is once per test file).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ortBuild } from '../runtime/ort-env';
import { createBlipEngine } from './blip';
import { golden, image, maxAbsDiff } from './blip/test-support';
import { createClipEngine } from './clip/clip-engine';
import { classify } from './clip/clip-tasks';
import { fixtureContext, fixtureImage, nodeOrt, readGolden } from './testing/fixtures';

interface ClipGolden {
  clip: { labels: string[]; template: string; image_embeds: Record<string, number[]>; probs: Record<string, number[]> };
}

const clip = readGolden<ClipGolden>().clip;

function unit(vector: number[]): number[] {
  const norm = Math.hypot(...vector);
  return vector.map((value) => value / norm);
}

beforeAll(() => {
  nodeOrt('wasm-only');
});

describe('the WASM-only ORT build on the tiny fixtures, against PyTorch', () => {
  it('is the build in use', () => {
    expect(ortBuild()).toBe('wasm-only');
  });

  it('CLIP: fp32 embeddings and probabilities within 1e-4; q8 within 2e-2 with the same top-1 (as clip-engine.test.ts)', async () => {
    const names = Object.keys(clip.probs).sort();
    for (const dtype of ['fp32', 'q8'] as const) {
      const engine = await createClipEngine(fixtureContext('clip', dtype));
      const images = names.map(fixtureImage);
      if (dtype === 'fp32') {
        const embedded = await engine.embedImages(images);
        names.forEach((name, index) => expect(maxAbsDiff(embedded.embeddings[index]!, unit(clip.image_embeds[name]!))).toBeLessThan(1e-4));
      }
      const result = await classify(engine, images, clip.labels, clip.template);
      result.results.forEach((row) => {
        const probabilities = row.scores.map((score) => score.probability);
        const expected = clip.probs[row.imageKey]!;
        expect(maxAbsDiff(probabilities, expected)).toBeLessThan(dtype === 'fp32' ? 1e-4 : 2e-2);
        expect(probabilities.indexOf(Math.max(...probabilities))).toBe(expected.indexOf(Math.max(...expected)));
      });
      await engine.dispose();
    }
  });

  it('BLIP caption and VQA: the same ids as PyTorch, greedy and beam', async () => {
    const captioner = await createBlipEngine(fixtureContext('caption', 'fp32'));
    const { max_new_tokens, cases } = golden.blip_caption;
    for (const testCase of cases) {
      const run = await captioner.caption(image(testCase.image), {
        ...(testCase.prompt ? { prompt: testCase.prompt } : {}),
        generation: { maxNewTokens: max_new_tokens, numBeams: testCase.num_beams },
      });
      expect(run.sequence).toEqual(testCase.output_ids);
    }
    await captioner.dispose();
    const answerer = await createBlipEngine(fixtureContext('vqa', 'fp32'));
    for (const testCase of golden.blip_vqa.cases) {
      const run = await answerer.answer(image(testCase.image), {
        question: testCase.question,
        generation: { maxNewTokens: golden.blip_vqa.max_new_tokens, numBeams: testCase.num_beams },
      });
      expect(run.sequence).toEqual(testCase.output_ids);
    }
    await answerer.dispose();
  });
});
