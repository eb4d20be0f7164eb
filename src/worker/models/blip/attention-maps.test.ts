import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MODELS, type ModelSpec } from '../../../shared/model-registry';
import { FIXTURES_DIR, fixtureContext } from '../testing/fixtures';
import { crossMapNames } from './attention-maps';
import { createBlipEngine } from './blip-engine';
import { golden, image, maxAbsDiff } from './test-support';
import type { BlipEngine } from './types';

interface MapsCase {
  image: string;
  prompt?: string | null;
  question?: string;
  num_beams: number;
  output_ids: number[];
  steps: number[][][];
  question_maps?: number[][][];
}
interface AttentionGolden {
  blip_caption: { model: string; cases: MapsCase[] };
  blip_vqa: { model: string; cases: MapsCase[] };
}

const attention = JSON.parse(readFileSync(join(FIXTURES_DIR, 'golden-attention.json'), 'utf8')) as AttentionGolden;
const TOL = 1e-5;

function attnContext(task: 'caption' | 'vqa') {
  const demo = DEMO_MODELS.find((model) => model.task === task) as ModelSpec;
  const repo = task === 'caption' ? attention.blip_caption.model : attention.blip_vqa.model;
  return fixtureContext(task, 'fp32', { ...demo, repo });
}

function worstDiff(got: number[][][], want: number[][][]): number {
  if (got.length !== want.length) return Infinity;
  return Math.max(...want.flatMap((layers, t) => layers.map((row, l) => maxAbsDiff(got[t]?.[l] ?? [], row))));
}

const settings = (maxNewTokens: number, numBeams: number) => ({ maxNewTokens, numBeams });

describe('crossMapNames', () => {
  it('finds cross_attentions.0..n-1 and refuses gaps', () => {
    expect(crossMapNames(['logits', 'cross_attentions.1', 'present.0.decoder.key', 'cross_attentions.0'])).toEqual([
      'cross_attentions.0',
      'cross_attentions.1',
    ]);
    expect(crossMapNames(['logits', 'cross_attentions.1'])).toEqual([]);
    expect(crossMapNames(['logits'])).toEqual([]);
  });
});

describe('BLIP cross-attention maps against PyTorch (fp32, WASM)', () => {
  let captioner: BlipEngine;
  let answerer: BlipEngine;
  let plain: BlipEngine;
  beforeAll(async () => {
    [captioner, answerer, plain] = await Promise.all([
      createBlipEngine(attnContext('caption')),
      createBlipEngine(attnContext('vqa')),
      createBlipEngine(fixtureContext('caption', 'fp32')),
    ]);
  });
  afterAll(async () => Promise.all([captioner?.dispose(), answerer?.dispose(), plain?.dispose()]));

  it('caption: the maps of every generated word, greedy and beam, and the golden ids unchanged', async () => {
    for (const testCase of attention.blip_caption.cases) {
      const recorded = golden.blip_caption.cases.find(
        (c) => c.image === testCase.image && c.prompt === testCase.prompt && c.num_beams === testCase.num_beams,
      );
      const request = {
        ...(testCase.prompt ? { prompt: testCase.prompt } : {}),
        generation: settings(golden.blip_caption.max_new_tokens, testCase.num_beams),
        attentionMaps: true,
      };
      const run = await captioner.caption(image(testCase.image), request);
      expect(run.sequence).toEqual(recorded?.output_ids);
      expect(run.attentionMaps?.steps.length).toBe(testCase.steps.length);
      expect(worstDiff(run.attentionMaps!.steps, testCase.steps)).toBeLessThanOrEqual(TOL);
      const without = await captioner.caption(image(testCase.image), { ...request, attentionMaps: false });
      expect(without.sequence).toEqual(run.sequence);
      expect(without.attentionMaps).toBeUndefined();
    }
  });

  it('VQA: answer maps over the question tokens and question maps over the image', async () => {
    for (const testCase of attention.blip_vqa.cases) {
      const run = await answerer.answer(image(testCase.image), {
        question: testCase.question!,
        generation: settings(golden.blip_vqa.max_new_tokens, testCase.num_beams),
        attentionMaps: true,
      });
      expect(run.sequence).toEqual(testCase.output_ids);
      expect(worstDiff(run.attentionMaps!.steps, testCase.steps)).toBeLessThanOrEqual(TOL);
      expect(worstDiff(run.attentionMaps!.question!, testCase.question_maps!)).toBeLessThanOrEqual(TOL);
    }
  });

  it('an export without the outputs says so with null, and still captions', async () => {
    const run = await plain.caption(image('chelsea.png'), { generation: settings(golden.blip_caption.max_new_tokens, 1), attentionMaps: true });
    expect(run.attentionMaps).toBeNull();
    expect(run.sequence).toEqual(golden.blip_caption.cases.find((c) => c.image === 'chelsea.png' && c.num_beams === 1 && c.prompt === null)?.output_ids);
  });
});
