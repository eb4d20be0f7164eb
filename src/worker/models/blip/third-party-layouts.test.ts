/**
 * The third-party layouts (src/shared/third-party-models.ts) on our tiny fixtures written in them
 * (tools/export/layouts.py): same weights as the demo fixtures, so every golden case of PyTorch
 * generate must come out token for token, through the no-cache decoder (full recompute each step)
 * and, for mpai, a vision model whose weights are ONNX external data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { THIRD_PARTY_MODELS } from '../../../shared/third-party-models';
import { fixtureContext } from '../testing/fixtures';
import { createBlipEngine } from './blip-engine';
import { resolveEncoderIo } from './encoder-io';
import { golden, image } from './test-support';
import type { BlipEngine } from './types';

const spec = (id: string) => THIRD_PARTY_MODELS.find((model) => model.id === id)!;

describe('onnx-community split layout (split_0 → states + mask, split_1 → logits, no cache)', () => {
  const caption = golden.blip_caption;
  let engine: BlipEngine;
  beforeAll(async () => {
    engine = await createBlipEngine(fixtureContext('caption', 'fp32', spec('onnx-community-blip-caption')));
  });
  afterAll(async () => engine?.dispose());

  it('is detected as a no-cache decoder with the files the registry maps', () => {
    expect(engine.facts.decoderLayout).toBe('no-cache');
    expect(engine.sessions().map((s) => [s.name, s.file])).toEqual([
      ['vision_model', 'onnx/split_0.onnx'],
      ['text_decoder_model_merged', 'onnx/split_1.onnx'],
    ]);
  });

  for (const testCase of caption.cases) {
    it(`${testCase.image}, prompt ${JSON.stringify(testCase.prompt)}, ${testCase.num_beams} beam(s): PyTorch's ids`, async () => {
      const run = await engine.caption(image(testCase.image), {
        ...(testCase.prompt ? { prompt: testCase.prompt } : {}),
        generation: { maxNewTokens: caption.max_new_tokens, numBeams: testCase.num_beams },
      });
      expect(run.sequence).toEqual(testCase.output_ids);
      expect(run.text).toBe(testCase.text);
    });
  }
});

describe('mpai layout (external data vision model, question encoder wrapper, no-cache decoder)', () => {
  const vqa = golden.blip_vqa;
  let engine: BlipEngine;
  beforeAll(async () => {
    engine = await createBlipEngine(fixtureContext('vqa', 'fp32', spec('mpai-blip-vqa')));
  });
  afterAll(async () => engine?.dispose());

  it('loads the vision model with its external data', () => {
    expect(engine.facts.decoderLayout).toBe('no-cache');
    expect(engine.sessions().map((s) => s.file)).toEqual([
      'blip_vision_model.onnx',
      'blip_text_encoder_wrapper.onnx',
      'blip_decoder_context_dynamic.onnx',
    ]);
  });

  for (const testCase of vqa.cases) {
    it(`${testCase.image}, "${testCase.question}", ${testCase.num_beams} beam(s): PyTorch's ids`, async () => {
      const run = await engine.answer(image(testCase.image), {
        question: testCase.question,
        generation: { maxNewTokens: vqa.max_new_tokens, numBeams: testCase.num_beams },
      });
      expect(run.sequence).toEqual(testCase.output_ids);
      expect(run.text).toBe(testCase.text);
    });
  }

  it('fails to load, naming the file, when the external data is missing', async () => {
    const context = fixtureContext('vqa', 'fp32', spec('mpai-blip-vqa'));
    const files = new Map(context.files);
    files.delete('blip_vision_model.onnx.data');
    await expect(createBlipEngine({ ...context, files })).rejects.toThrow('blip_vision_model.onnx.data');
  });
});

describe('resolveEncoderIo', () => {
  const session = (file: string, inputNames: string[], outputNames: string[]) => ({ name: file, file, inputNames, outputNames });

  it('takes the states output by the names known exports use', () => {
    expect(resolveEncoderIo(session('v', ['pixel_values'], ['encoder_hidden_states', 'encoder_attention_mask']))).toEqual({
      visionOutput: 'encoder_hidden_states',
    });
    const question = session('q', ['input_ids', 'attention_mask', 'encoder_hidden_states'], ['last_hidden_state']);
    expect(resolveEncoderIo(session('v', ['pixel_values'], ['last_hidden_state']), question)).toEqual({
      visionOutput: 'last_hidden_state',
      questionOutput: 'last_hidden_state',
    });
  });

  it('names what it found when the names fit nothing', () => {
    expect(() => resolveEncoderIo(session('blip_vision_model.onnx', ['image'], ['embeds']))).toThrow(
      /blip_vision_model\.onnx.*Found: inputs \[image\]; outputs \[embeds\]/,
    );
    const odd = session('blip_text_encoder_wrapper.onnx', ['input_ids', 'image_embeds'], ['last_hidden_state']);
    expect(() => resolveEncoderIo(session('v', ['pixel_values'], ['last_hidden_state']), odd)).toThrow(
      expect.objectContaining({ code: 'unsupported-layout', detail: expect.stringContaining('image_embeds') }),
    );
  });
});
