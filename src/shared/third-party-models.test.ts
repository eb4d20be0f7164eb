import { describe, expect, it } from 'vitest';
import { DEFAULT_MODELS, modelFiles, sessionFiles, TASK_SESSIONS } from './model-registry';
import { alternativeSources, THIRD_PARTY_MODELS } from './third-party-models';

const byId = (id: string) => THIRD_PARTY_MODELS.find((spec) => spec.id === id)!;

describe('third-party layouts', () => {
  it('map every session of their task to a file, and nothing else', () => {
    for (const spec of THIRD_PARTY_MODELS.filter((model) => model.layout)) {
      expect(Object.keys(spec.layout?.sessions ?? {}).sort()).toEqual([...TASK_SESSIONS[spec.task]].sort());
      expect(spec.unverified).toBeTruthy();
      expect(spec.demo).toBeFalsy();
    }
  });

  it('lists the onnx-community split files instead of ours', () => {
    const files = modelFiles(byId('onnx-community-blip-caption'), 'fp32');
    expect(files.filter((file) => file.kind !== 'config')).toEqual([
      { path: 'onnx/split_0.onnx', kind: 'onnx', session: 'vision_model' },
      { path: 'onnx/split_1.onnx', kind: 'onnx', session: 'text_decoder_model_merged' },
    ]);
    expect(files.map((file) => file.path)).toContain('config.json');
  });

  it('lists the mpai vision model with its external data file', () => {
    const files = modelFiles(byId('mpai-blip-vqa'), 'fp32').filter((file) => file.kind !== 'config');
    expect(files.map((file) => `${file.kind} ${file.path}`)).toEqual([
      'onnx blip_vision_model.onnx',
      'onnx-data blip_vision_model.onnx.data',
      'onnx blip_text_encoder_wrapper.onnx',
      'onnx blip_decoder_context_dynamic.onnx',
    ]);
    expect(sessionFiles(byId('mpai-blip-vqa'), 'fp32')[0]).toEqual({
      session: 'vision_model',
      path: 'blip_vision_model.onnx',
      externalData: ['blip_vision_model.onnx.data'],
    });
  });

  it('leaves our own layout unchanged', () => {
    const caption = DEFAULT_MODELS.find((spec) => spec.task === 'caption')!;
    expect(sessionFiles(caption, 'q8').map((file) => file.path)).toEqual([
      'onnx/vision_model_quantized.onnx',
      'onnx/text_decoder_model_merged_quantized.onnx',
    ]);
  });
});

describe('alternativeSources', () => {
  const published = (task: string) => DEFAULT_MODELS.filter((spec) => spec.task === task && spec.repo.trim()).map((spec) => spec.id);

  it('offers the other published sources of the same task, never the failed one or an unconfigured one', () => {
    const caption = DEFAULT_MODELS.find((spec) => spec.task === 'caption')!;
    expect(alternativeSources(caption).map((spec) => spec.id)).toEqual([
      ...published('caption').filter((id) => id !== caption.id),
      'onnx-community-blip-caption',
    ]);
    expect(alternativeSources(byId('onnx-community-blip-caption')).map((spec) => spec.id)).toEqual(published('caption'));
    const vqa = alternativeSources({ id: 'custom:vqa:x', task: 'vqa' });
    expect(vqa.map((spec) => spec.id)).toEqual([...published('vqa'), 'mpai-blip-vqa']);
    expect(vqa.every((spec) => spec.repo.trim().length > 0)).toBe(true);
  });
});
