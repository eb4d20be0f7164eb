import { describe, expect, it } from 'vitest';
import { DEFAULT_SOURCE, fileUrl, isDefaultSource, treeApiUrl } from './model-source';

describe('fileUrl', () => {
  it('builds Hub resolve URLs', () => {
    expect(fileUrl(DEFAULT_SOURCE, 'Xenova/clip-vit-base-patch32', 'abc123', 'onnx/text_model_quantized.onnx')).toBe(
      'https://huggingface.co/Xenova/clip-vit-base-patch32/resolve/abc123/onnx/text_model_quantized.onnx',
    );
  });

  it('follows a custom template and host, with or without trailing slashes', () => {
    const source = { host: 'http://127.0.0.1:9000/models/', pathTemplate: '{repo}/{file}' };
    expect(fileUrl(source, 'org/name', 'main', 'config.json')).toBe('http://127.0.0.1:9000/models/org/name/config.json');
  });

  it('uses a repository given as a URL as the folder itself', () => {
    expect(fileUrl(DEFAULT_SOURCE, 'https://example.org/blip-vqa/', 'main', 'onnx/vision_model.onnx')).toBe(
      'https://example.org/blip-vqa/onnx/vision_model.onnx',
    );
  });

  it('encodes path segments but keeps the slashes', () => {
    expect(fileUrl(DEFAULT_SOURCE, 'a/b', 'refs/pr/1', 'x y.json')).toBe('https://huggingface.co/a/b/resolve/refs%2Fpr%2F1/x%20y.json');
  });
});

describe('treeApiUrl and isDefaultSource', () => {
  it('offers the Hub tree API only for Hub-shaped sources', () => {
    expect(treeApiUrl(DEFAULT_SOURCE, 'org/name', 'main', 'onnx')).toBe('https://huggingface.co/api/models/org/name/tree/main/onnx');
    expect(treeApiUrl({ host: 'https://x', pathTemplate: '{repo}/{file}' }, 'org/name', 'main', '')).toBeUndefined();
  });

  it('recognises the default source', () => {
    expect(isDefaultSource({ ...DEFAULT_SOURCE, host: 'https://huggingface.co/' })).toBe(true);
    expect(isDefaultSource({ ...DEFAULT_SOURCE, host: 'https://hf-mirror.com' })).toBe(false);
  });
});
