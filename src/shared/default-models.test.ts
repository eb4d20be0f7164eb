import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_IDS, defaultModels, type ManifestEntry, type ModelsManifest } from './default-models';
import { DEFAULT_MODELS, MODEL_TASKS, modelFiles } from './model-registry';
import { THIRD_PARTY_MODELS } from './third-party-models';
import MANIFEST from './models-manifest.json';

const SHA = 'a'.repeat(64);

function captionEntry(): ManifestEntry {
  const files = [
    'config.json',
    'preprocessor_config.json',
    'tokenizer.json',
    'tokenizer_config.json',
    'generation_config.json',
    'onnx/vision_model_quantized.onnx',
    'onnx/text_decoder_model_merged_quantized.onnx',
  ];
  return {
    task: 'caption',
    repo: 'someone/blip-image-captioning-base-onnx',
    revision: '0123456789abcdef0123456789abcdef01234567',
    source: { repo: 'Salesforce/blip-image-captioning-base', revision: '89abcdef0123456789abcdef0123456789abcdef' },
    license: 'BSD-3-Clause',
    dtypes: ['q8'],
    files: files.map((path) => ({ path, size: 10, sha256: SHA })),
  };
}

describe('defaults from the models manifest', () => {
  it('a task without a manifest entry has no configured default, and says so', () => {
    const [clip] = defaultModels({ schema: 1, models: [] }, ['clip']);
    expect(clip).toMatchObject({ id: DEFAULT_MODEL_IDS.clip, repo: '' });
    expect(clip?.note).toMatch(/no published default/);
    expect(clip?.note).toMatch(/openai\/clip-vit-base-patch32/);
  });

  it('a manifest entry becomes the default at its pinned revision, with its files', () => {
    const specs = defaultModels({ schema: 1, models: [captionEntry()] }, MODEL_TASKS);
    const caption = specs.find((spec) => spec.task === 'caption');
    expect(caption).toMatchObject({
      id: 'blip-caption-base',
      repo: 'someone/blip-image-captioning-base-onnx',
      revision: '0123456789abcdef0123456789abcdef01234567',
      dtypes: ['q8'],
      defaultDtype: 'q8',
    });
    expect(caption?.published?.files).toHaveLength(7);
    expect(specs.filter((spec) => spec.repo === '').map((spec) => spec.task)).toEqual(['clip', 'vqa', 'itm']);
  });

  it('a folder published beside the site is served from there', () => {
    const entry = { ...captionEntry(), host: { host: 'models/', pathTemplate: '{repo}/{file}' } };
    const [caption] = defaultModels({ schema: 1, models: [entry] }, ['caption']);
    expect(caption?.fixedSource).toEqual({ host: 'models/', pathTemplate: '{repo}/{file}' });
  });
});

describe('the committed manifest', () => {
  const manifest = MANIFEST as ModelsManifest;

  it('pins every entry to a commit, with sizes and hashes of every file the app loads per dtype', () => {
    for (const entry of manifest.models) {
      expect(entry.revision).toMatch(/^[0-9a-f]{40}$/);
      expect(entry.source.revision).toMatch(/^[0-9a-f]{40}$/);
      const listed = new Set(entry.files.map((file) => file.path));
      for (const dtype of entry.dtypes) {
        for (const file of modelFiles(entry, dtype)) expect(listed).toContain(file.path);
      }
      for (const file of entry.files) {
        expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
        expect(file.size).toBeGreaterThan(0);
      }
    }
  });

  it('no default names a repository the manifest does not list; third-party sources are never defaults', () => {
    const published = new Set(manifest.models.map((entry) => entry.repo));
    for (const spec of DEFAULT_MODELS) {
      if (spec.repo !== '') expect(published).toContain(spec.repo);
    }
    expect(DEFAULT_MODELS.some((spec) => spec.unverified)).toBe(false);
    expect(THIRD_PARTY_MODELS.every((spec) => spec.revision === 'main' && spec.unverified)).toBe(true);
    expect(DEFAULT_MODELS.some((spec) => spec.revision.startsWith('4c1807b7'))).toBe(false);
    expect(DEFAULT_MODELS.some((spec) => spec.repo === 'Xenova/blip-image-captioning-base')).toBe(false);
  });
});
