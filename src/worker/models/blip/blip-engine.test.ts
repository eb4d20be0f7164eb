import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { golden, image, maxAbsDiff } from './test-support';
import { AppError } from '../../../shared/errors';
import { applyEdit } from '../../../shared/text-delta';
import { readJson } from '../engine';
import { preprocessImage, type PreprocessorConfig } from '../image-preprocess';
import { fixtureContext } from '../testing/fixtures';
import { createBlipEngine, openBlipEngine } from './blip-engine';
import { loadBlipTokenizer } from './blip-tokenizer';
import type { TextDelta } from './generation';
import type { BlipEngine, BlipRun } from './types';

const caption = golden.blip_caption;
const vqa = golden.blip_vqa;

/** The fixture's own sizes, so the expectations follow a re-generated fixture instead of restating it. */
interface FixtureConfig {
  vision_config: { num_hidden_layers: number; hidden_size: number; image_size: number; patch_size: number };
  text_config: { num_hidden_layers: number; hidden_size: number; vocab_size: number };
}
const fixtureConfig = (task: 'caption' | 'vqa') => readJson<FixtureConfig>(fixtureContext(task), 'config.json');
const captionConfig = fixtureConfig('caption');
const vqaConfig = fixtureConfig('vqa');
const imageTokens = (vision: FixtureConfig['vision_config']) => (vision.image_size / vision.patch_size) ** 2 + 1;

function applyDeltas(deltas: readonly TextDelta[]): string {
  return deltas.reduce(applyEdit, '');
}

function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  return expect(promise).rejects.toSatisfy((error) => error instanceof AppError && error.code === code);
}

describe('BLIP preprocessing', () => {
  it('gives the pixel statistics of HF’s BlipImageProcessor', () => {
    const expected = golden.preprocess.blip;
    const config = readJson<PreprocessorConfig>(fixtureContext('caption'), 'preprocessor_config.json');
    const pixels = preprocessImage(image(expected.image), config);
    expect(pixels.dims).toEqual(expected.shape);
    const plane = pixels.data.length / 3;
    const stats = [0, 1, 2].map((channel) => {
      const values = pixels.data.subarray(channel * plane, (channel + 1) * plane);
      const mean = values.reduce((sum, value) => sum + value, 0) / plane;
      const std = Math.sqrt(values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / plane);
      return { mean, std };
    });
    expect(
      maxAbsDiff(
        stats.map((s) => s.mean),
        expected.mean_per_channel,
      ),
    ).toBeLessThan(1e-5);
    expect(
      maxAbsDiff(
        stats.map((s) => s.std),
        expected.std_per_channel,
      ),
    ).toBeLessThan(1e-5);
    expect(Math.abs(pixels.data.reduce((sum, value) => sum + value, 0) - expected.sum)).toBeLessThan(1e-2);
    expect(maxAbsDiff(pixels.data.subarray(0, 16), expected.first_values)).toBeLessThan(1e-6);
  });
});

describe('BLIP tokenizer (transformers.js, from the fetched files)', () => {
  it('encodes prompts and questions and decodes outputs as HF does', async () => {
    const tokenizer = await loadBlipTokenizer(fixtureContext('vqa'));
    expect(tokenizer.specials).toEqual({ bos: vqa.special_ids.bos_token_id, sep: vqa.special_ids.sep_token_id, pad: vqa.special_ids.pad_token_id });
    for (const testCase of vqa.cases) {
      expect(tokenizer.encode(testCase.question)).toEqual(testCase.question_ids);
      expect(tokenizer.decode(testCase.output_ids)).toBe(testCase.text);
    }
    const prompted = caption.cases.find((c) => c.prompt !== null)!;
    expect(tokenizer.encode(prompted.prompt!)).toEqual(prompted.prompt_ids);
  });
});

describe('BLIP captioning engine on the tiny fixture (fp32, WASM) against PyTorch', () => {
  let engine: BlipEngine;
  beforeAll(async () => {
    engine = await createBlipEngine(fixtureContext('caption', 'fp32'));
  });
  afterAll(async () => engine?.dispose());

  it('reports the model facts from its config files', () => {
    expect(engine.facts).toEqual({
      task: 'caption',
      decoderLayout: 'merged',
      visionLayers: captionConfig.vision_config.num_hidden_layers,
      textLayers: captionConfig.text_config.num_hidden_layers,
      // Every BLIP text layer cross-attends.
      crossAttentionLayers: captionConfig.text_config.num_hidden_layers,
      imageTokens: imageTokens(captionConfig.vision_config),
      visionHidden: captionConfig.vision_config.hidden_size,
      textHidden: captionConfig.text_config.hidden_size,
      vocabSize: captionConfig.text_config.vocab_size,
      specialIds: {
        decoderStart: caption.special_ids.bos_token_id,
        sep: caption.special_ids.sep_token_id,
        pad: caption.special_ids.pad_token_id,
        bos: caption.special_ids.bos_token_id,
      },
    });
    expect(engine.sessions().map((session) => session.name)).toEqual(['vision_model', 'text_decoder_model_merged']);
  });

  for (const testCase of caption.cases) {
    it(`${testCase.image}, prompt ${JSON.stringify(testCase.prompt)}, ${testCase.num_beams} beam(s): same ids and text`, async () => {
      const run = await engine.caption(image(testCase.image), {
        ...(testCase.prompt ? { prompt: testCase.prompt } : {}),
        generation: { maxNewTokens: caption.max_new_tokens, numBeams: testCase.num_beams },
      });
      expect(run.promptIds).toEqual(testCase.input_ids);
      expect(run.sequence).toEqual(testCase.output_ids);
      expect(run.text).toBe(testCase.text);
      expect(run.finishReason).toBe(testCase.ends_with_sep ? 'eos' : 'length');
      expect(run.crossAttention).toEqual({ layers: captionConfig.text_config.num_hidden_layers, keyLength: imageTokens(captionConfig.vision_config) });
    });
  }

  it('encodes each image once and reuses its states', async () => {
    const fresh = await createBlipEngine(fixtureContext('caption', 'fp32'));
    try {
      const first = await fresh.caption(image('coffee.png'), { generation: { maxNewTokens: 2 } });
      const second = await fresh.caption(image('coffee.png'), { prompt: 'a picture of', generation: { maxNewTokens: 2 } });
      expect([first.timings.visionCached, second.timings.visionCached]).toEqual([false, true]);
      expect(second.timings.preprocessMs).toBe(0);
      expect(first.timings.stepMs.length).toBe(2);
      expect(first.timings.firstTokenMs).toBeGreaterThan(0);
      expect(first.timings.totalMs).toBeGreaterThanOrEqual(first.timings.firstTokenMs);
    } finally {
      await fresh.dispose();
    }
  });

  it('streams deltas that add up to the final text, prompt words included', async () => {
    for (const testCase of [caption.cases[2]!, caption.cases[8]!, caption.cases[12]!]) {
      const deltas: TextDelta[] = [];
      const counts: number[] = [];
      const run = await engine.caption(
        image(testCase.image),
        { ...(testCase.prompt ? { prompt: testCase.prompt } : {}), generation: { maxNewTokens: caption.max_new_tokens, numBeams: testCase.num_beams } },
        { onText: (delta, tokens) => (deltas.push(delta), counts.push(tokens)) },
      );
      expect(applyDeltas(deltas)).toBe(run.text);
      if (testCase.num_beams > 1) continue;
      // Greedy text only grows: plain concatenation works and the token counts never go down.
      expect(deltas.map((delta) => delta.text).join('')).toBe(run.text);
      expect(counts.every((count, index) => index === 0 || count >= (counts[index - 1] as number))).toBe(true);
    }
  });

  it('stops within one step of an abort and says so', async () => {
    const controller = new AbortController();
    let abortedAt = 0;
    const run = await engine.caption(
      image('chelsea.png'),
      { generation: { maxNewTokens: caption.max_new_tokens } },
      {
        signal: controller.signal,
        onText: (_, tokens) => {
          if (abortedAt) return;
          abortedAt = tokens;
          controller.abort();
        },
      },
    );
    expect(run.finishReason).toBe('aborted');
    expect(run.timings.stepMs.length).toBe(abortedAt);
    expect(run.sequence).toEqual(caption.cases[1]!.output_ids.slice(0, 1 + abortedAt));

    const before = await engine.caption(image('astronaut.png'), {}, { signal: AbortSignal.abort() });
    expect(before).toMatchObject({ finishReason: 'aborted', sequence: [275], timings: { stepMs: [] } });
  });

  it('rejects VQA requests and unusable generation settings with typed errors', async () => {
    await expectCode(engine.answer(image('astronaut.png'), { question: 'what is it?' }), 'bad-request');
    await expectCode(engine.caption(image('astronaut.png'), { generation: { maxNewTokens: 64 } }), 'bad-request');
    await expectCode(engine.caption(image('astronaut.png'), { generation: { numBeams: 0 } }), 'bad-request');
  });

  it('decodes uncached (reference mode) to the same ids', async () => {
    const uncached = await openBlipEngine(fixtureContext('caption', 'fp32'), { decoding: 'uncached' });
    try {
      for (const testCase of [caption.cases[0]!, caption.cases[6]!, caption.cases[10]!]) {
        const run = await uncached.caption(image(testCase.image), {
          ...(testCase.prompt ? { prompt: testCase.prompt } : {}),
          generation: { maxNewTokens: caption.max_new_tokens, numBeams: testCase.num_beams },
        });
        expect(run.sequence).toEqual(testCase.output_ids);
      }
    } finally {
      await uncached.dispose();
    }
  });
});

describe('BLIP VQA engine on the tiny fixture (fp32, WASM) against PyTorch', () => {
  let engine: BlipEngine;
  beforeAll(async () => {
    engine = await createBlipEngine(fixtureContext('vqa', 'fp32'));
  });
  afterAll(async () => engine?.dispose());

  for (const testCase of vqa.cases) {
    it(`${testCase.image}, "${testCase.question}", ${testCase.num_beams} beam(s): same ids and text`, async () => {
      const run = await engine.answer(image(testCase.image), {
        question: testCase.question,
        generation: { maxNewTokens: vqa.max_new_tokens, numBeams: testCase.num_beams },
      });
      expect(run.promptIds).toEqual(testCase.decoder_input_ids);
      expect(run.sequence).toEqual(testCase.output_ids);
      expect(run.text).toBe(testCase.text);
      expect(run.finishReason).toBe(testCase.ends_with_sep ? 'eos' : 'length');
      expect(run.crossAttention).toEqual({ layers: vqaConfig.text_config.num_hidden_layers, keyLength: testCase.question_ids.length });
      expect(run.timings.questionMs).toBeGreaterThan(0);
    });
  }

  it('reuses the image states for a second question about the same image', async () => {
    const fresh = await createBlipEngine(fixtureContext('vqa', 'fp32'));
    try {
      const runs: BlipRun[] = [];
      for (const question of ['what is in the picture?', 'how many cats are there?']) {
        runs.push(await fresh.answer(image('rocket.png'), { question, generation: { maxNewTokens: 2 } }));
      }
      expect(runs.map((run) => run.timings.visionCached)).toEqual([false, true]);
    } finally {
      await fresh.dispose();
    }
  });

  it('refuses to caption and to answer an empty question', async () => {
    await expectCode(engine.caption(image('rocket.png'), {}), 'bad-request');
    await expectCode(engine.answer(image('rocket.png'), { question: '  ' }), 'bad-request');
    await expectCode(engine.answer(image('rocket.png'), { question: 'is it a cat '.repeat(20) }), 'bad-request');
  });
});

describe('BLIP q8 fixtures', () => {
  it('load and generate (ids may differ from fp32)', async () => {
    for (const task of ['caption', 'vqa'] as const) {
      const engine = await createBlipEngine(fixtureContext(task, 'q8'));
      try {
        const generation = { maxNewTokens: 4, numBeams: 2 };
        const run =
          task === 'caption'
            ? await engine.caption(image('chelsea.png'), { prompt: 'a picture of', generation })
            : await engine.answer(image('chelsea.png'), { question: 'how many cats are there?', generation });
        expect(run.sequence.length).toBeGreaterThan(run.promptIds.length);
        expect(run.sequence.every((id) => id >= 0 && id < engine.facts.vocabSize)).toBe(true);
        expect(['eos', 'length']).toContain(run.finishReason);
      } finally {
        await engine.dispose();
      }
    }
  });
});
