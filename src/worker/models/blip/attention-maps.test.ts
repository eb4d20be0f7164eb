import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { applyMapsDelta } from '../../../shared/maps-delta';
import type { BlipAttentionMaps } from '../../../shared/protocol';
import { DEMO_MODELS, type ModelSpec } from '../../../shared/model-registry';
import { FIXTURES_DIR, fixtureContext } from '../testing/fixtures';
import { crossMapNames } from './attention-maps';
import { createBlipEngine, openBlipEngine } from './blip-engine';
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

  it('streams each word’s map with its token: greedy appends, beam search shows its current best beam', async () => {
    for (const testCase of attention.blip_caption.cases) {
      let streamed: BlipAttentionMaps | undefined;
      const seen: { count: number; words: number; from: number; snapshot: BlipAttentionMaps }[] = [];
      const onText = (_: unknown, count: number, maps?: Parameters<typeof applyMapsDelta>[1]) => {
        if (!maps) return;
        streamed = applyMapsDelta(streamed, maps);
        seen.push({ count, words: streamed.steps.length, from: maps.from, snapshot: streamed });
      };
      const request = {
        ...(testCase.prompt ? { prompt: testCase.prompt } : {}),
        generation: settings(golden.blip_caption.max_new_tokens, testCase.num_beams),
        attentionMaps: true,
      };
      const run = await captioner.caption(image(testCase.image), request, { onText });
      // One delta per step, each bringing the map of every word streamed so far.
      expect(seen).toHaveLength(run.timings.stepMs.length);
      expect(seen.every(({ count, words }) => count === words)).toBe(true);
      if (testCase.num_beams === 1) {
        expect(seen.map(({ from }) => from)).toEqual(seen.map((_, step) => step));
        expect(worstDiff(streamed!.steps, testCase.steps)).toBeLessThanOrEqual(TOL);
      } else {
        // Beams: the streamed hypothesis changed under way, and wherever it agrees with the returned one its maps are the golden's.
        expect(seen.some(({ from }, step) => from < step)).toBe(true);
        const final = run.attentionMaps!.words;
        for (const { snapshot } of seen) {
          let agree = 0;
          while (agree < snapshot.words.length && snapshot.words[agree] === final[agree]) agree++;
          expect(worstDiff(snapshot.steps.slice(0, agree), testCase.steps.slice(0, agree))).toBeLessThanOrEqual(TOL);
        }
      }
    }
  });

  it('VQA streams the question encoder’s maps once, with the first word, and each answer word’s map with its token', async () => {
    const testCase = attention.blip_vqa.cases.find((item) => item.num_beams === 1)!;
    const deltas: Parameters<typeof applyMapsDelta>[1][] = [];
    const run = await answerer.answer(
      image(testCase.image),
      { question: testCase.question!, generation: settings(golden.blip_vqa.max_new_tokens, 1), attentionMaps: true },
      { onText: (_, __, maps) => maps && deltas.push(maps) },
    );
    expect(run.sequence).toEqual(testCase.output_ids);
    expect(deltas.map((delta) => delta.question !== undefined)).toEqual(deltas.map((_, index) => index === 0));
    expect(worstDiff(deltas[0]!.question!, testCase.question_maps!)).toBeLessThanOrEqual(TOL);
    const streamed = deltas.reduce<BlipAttentionMaps | undefined>((maps, delta) => applyMapsDelta(maps, delta), undefined)!;
    expect(worstDiff(streamed.steps, testCase.steps)).toBeLessThanOrEqual(TOL);
  });

  it('ordinary runs do not fetch the map outputs; runs with maps fetch them on every step', async () => {
    const { ort } = attnContext('caption');
    // Every session's run goes through the runtime's InferenceSession class, so its prototype sees each fetch list.
    const sessionClass = ort.InferenceSession as unknown as { prototype: { run(feeds: unknown, fetches: string[]): Promise<unknown> } };
    const spy = vi.spyOn(sessionClass.prototype, 'run');
    try {
      const request = { generation: settings(4, 1) };
      // The image is encoded (and cached) first, so only decoder steps are counted below.
      await captioner.caption(image('chelsea.png'), request);
      spy.mockClear();
      const plain = await captioner.caption(image('chelsea.png'), request);
      const plainFetches = spy.mock.calls.map((call) => call[1] as string[]);
      spy.mockClear();
      await captioner.caption(image('chelsea.png'), { ...request, attentionMaps: true });
      const mapFetches = spy.mock.calls.map((call) => call[1] as string[]);
      expect(plainFetches).toHaveLength(plain.timings.stepMs.length);
      expect(plainFetches.some((names) => names.some((name) => name.startsWith('cross_attentions')))).toBe(false);
      expect(mapFetches).toHaveLength(plain.timings.stepMs.length);
      expect(mapFetches.every((names) => names.includes('cross_attentions.0') && names.includes('cross_attentions.1'))).toBe(true);
    } finally {
      spy.mockRestore();
    }
  });

  it('the uncached reference decoder records the same maps', async () => {
    const reference = await openBlipEngine(attnContext('caption'), { decoding: 'uncached' });
    try {
      for (const testCase of attention.blip_caption.cases) {
        const run = await reference.caption(image(testCase.image), {
          ...(testCase.prompt ? { prompt: testCase.prompt } : {}),
          generation: settings(golden.blip_caption.max_new_tokens, testCase.num_beams),
          attentionMaps: true,
        });
        expect(run.sequence).toEqual(testCase.output_ids);
        expect(worstDiff(run.attentionMaps!.steps, testCase.steps)).toBeLessThanOrEqual(TOL);
      }
    } finally {
      await reference.dispose();
    }
  });

  it('an export without the outputs says so with null, and still captions', async () => {
    const run = await plain.caption(image('chelsea.png'), { generation: settings(golden.blip_caption.max_new_tokens, 1), attentionMaps: true });
    expect(run.attentionMaps).toBeNull();
    expect(run.sequence).toEqual(golden.blip_caption.cases.find((c) => c.image === 'chelsea.png' && c.num_beams === 1 && c.prompt === null)?.output_ids);
  });
});
