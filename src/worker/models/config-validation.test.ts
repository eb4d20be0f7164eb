import { describe, expect, it } from 'vitest';
import { validatePreprocessorConfig, validateVisionConfig } from './config-validation';
import { BadFileError } from './file-error';

const CLIP_PREPROCESSOR = {
  do_resize: true,
  size: { shortest_edge: 224 },
  resample: 3,
  do_center_crop: true,
  crop_size: { height: 224, width: 224 },
  do_rescale: true,
  rescale_factor: 1 / 255,
  do_normalize: true,
  image_mean: [0.48145466, 0.4578275, 0.40821073],
  image_std: [0.26862954, 0.26130258, 0.27577711],
};

function problem(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof BadFileError) return `${error.path}: ${error.reason}`;
    throw error;
  }
  return 'accepted';
}

describe('validatePreprocessorConfig (issue 13, failure 10)', () => {
  it('accepts the configs real CLIP and BLIP checkpoints ship', () => {
    expect(validatePreprocessorConfig(CLIP_PREPROCESSOR)).toEqual(CLIP_PREPROCESSOR);
    expect(
      problem(() =>
        validatePreprocessorConfig({ size: { height: 384, width: 384 }, crop_size: 384, image_mean: [0.5, 0.5, 0.5], image_std: [0.5, 0.5, 0.5] }),
      ),
    ).toBe('accepted');
  });

  it('refuses mean or std with a length other than the number of channels', () => {
    expect(problem(() => validatePreprocessorConfig({ ...CLIP_PREPROCESSOR, image_mean: [0.5, 0.5] }))).toBe(
      'preprocessor_config.json: image_mean must list 3 numbers, one per colour channel (it is [0.5,0.5])',
    );
    expect(problem(() => validatePreprocessorConfig({ ...CLIP_PREPROCESSOR, image_std: [0.2, 0.2, 0.2, 0.2] }))).toContain(
      'image_std must list 3 numbers',
    );
    expect(problem(() => validatePreprocessorConfig({ ...CLIP_PREPROCESSOR, image_std: [0.2, 0, 0.2] }))).toContain('image_std must be positive');
    expect(problem(() => validatePreprocessorConfig({ ...CLIP_PREPROCESSOR, image_mean: ['a', 0, 0] }))).toContain('image_mean must list 3 numbers');
  });

  it('ignores mean and std when normalisation is off', () => {
    expect(problem(() => validatePreprocessorConfig({ ...CLIP_PREPROCESSOR, do_normalize: false, image_mean: [1] }))).toBe('accepted');
  });

  it('refuses sizes outside sane bounds, naming the key', () => {
    expect(problem(() => validatePreprocessorConfig({ ...CLIP_PREPROCESSOR, size: { shortest_edge: 1_000_000_000 } }))).toBe(
      'preprocessor_config.json: size.shortest_edge must be a whole number of pixels from 1 to 4096 (it is 1000000000)',
    );
    expect(problem(() => validatePreprocessorConfig({ ...CLIP_PREPROCESSOR, crop_size: { height: 0, width: 224 } }))).toContain('crop_size.height');
    expect(problem(() => validatePreprocessorConfig({ ...CLIP_PREPROCESSOR, crop_size: 22.5 }))).toContain('crop_size must be');
    expect(problem(() => validatePreprocessorConfig({ ...CLIP_PREPROCESSOR, rescale_factor: -1 }))).toContain('rescale_factor');
    expect(problem(() => validatePreprocessorConfig([]))).toBe('preprocessor_config.json: it must hold a JSON object');
  });
});

describe('validateVisionConfig', () => {
  it('accepts a CLIP config and one without vision_config', () => {
    expect(problem(() => validateVisionConfig({ vision_config: { image_size: 224, patch_size: 32, num_channels: 3 } }))).toBe('accepted');
    expect(problem(() => validateVisionConfig({}))).toBe('accepted');
  });

  it('refuses impossible geometry and channel counts', () => {
    expect(problem(() => validateVisionConfig({ vision_config: { image_size: 100_000, patch_size: 32 } }))).toContain('vision_config.image_size must be');
    expect(problem(() => validateVisionConfig({ vision_config: { image_size: 16, patch_size: 32 } }))).toBe(
      'config.json: vision_config.patch_size (32) is larger than image_size (16)',
    );
    expect(problem(() => validateVisionConfig({ vision_config: { image_size: 224, patch_size: 32, num_channels: 1 } }))).toContain('num_channels is 1');
  });
});
