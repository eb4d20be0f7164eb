import { describe, expect, it } from 'vitest';
import { filesUnavailable } from './source-unavailable';

const label = { model: 'BLIP captioning (base)', repo: 'Xenova/blip-image-captioning-base', revision: 'main', dtype: 'q8' };
const file = (path: string, status?: number) => ({
  path,
  url: `https://huggingface.co/${label.repo}/resolve/main/${path}`,
  ...(status ? { status } : {}),
});

describe('filesUnavailable', () => {
  it('calls a repository whose every file answers 401 unavailable, naming model, repository, host and first file', () => {
    const error = filesUnavailable([file('config.json', 401), file('onnx/vision_model_quantized.onnx', 401)], 2, label);
    expect(error.code).toBe('source-unavailable');
    expect(error.message).toBe(
      'BLIP captioning (base) is unavailable: the repository Xenova/blip-image-captioning-base (revision main) is not available on ' +
        'huggingface.co (HTTP 401 for config.json and every other file; the repository does not exist, was removed, or is private).',
    );
    expect(error.action).toContain('Use another source');
    expect(error.detail?.split('\n')).toHaveLength(2);
  });

  it('calls a repository missing some files incomplete, listing them', () => {
    const error = filesUnavailable([file('onnx/vision_model_quantized.onnx', 404)], 5, label);
    expect(error.code).toBe('source-unavailable');
    expect(error.message).toContain('(q8) is incomplete on huggingface.co: onnx/vision_model_quantized.onnx does not exist in Xenova/');
    expect(error.action).toContain('another precision');
  });
});
