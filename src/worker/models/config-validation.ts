/**
 * Checks model and preprocessor configs for shape and range before anything
 * uses them. A mean/std of the wrong length used to be accepted (the missing
 * channel normalised with 0 and 1: silently wrong results) and a huge image
 * size failed deep inside resizing with a generic error. Each problem is a
 * `BadFileError` naming the file and the key, so a bad cached copy is evicted
 * and fetched again, and a bad published one is reported plainly.
 */
import { BadFileError } from './file-error';
import type { PreprocessorConfig } from './image-preprocess';

/** The pixel pipeline makes RGB images: three channels. */
export const CHANNELS = 3;
/** Largest image side a config may ask for (real CLIP/BLIP checkpoints use 224–384). */
export const MAX_IMAGE_SIDE = 4096;
const PREPROCESSOR = 'preprocessor_config.json';
const CONFIG = 'config.json';

export function validatePreprocessorConfig(raw: unknown): PreprocessorConfig {
  const config = asObject(raw, PREPROCESSOR);
  const fail = (reason: string) => new BadFileError(PREPROCESSOR, reason);
  if (config['do_normalize'] !== false) {
    for (const key of ['image_mean', 'image_std'] as const) {
      const values = config[key];
      if (values === undefined) continue;
      if (!Array.isArray(values) || values.length !== CHANNELS || !values.every((value) => typeof value === 'number' && Number.isFinite(value))) {
        throw fail(`${key} must list ${CHANNELS} numbers, one per colour channel (it is ${JSON.stringify(values)})`);
      }
    }
    const std = config['image_std'] as number[] | undefined;
    if (std?.some((value) => value <= 0)) throw fail(`image_std must be positive (it is ${JSON.stringify(std)})`);
  }
  const size = config['size'];
  if (size !== undefined) {
    const sides = asObject(size, PREPROCESSOR, 'size');
    for (const key of ['height', 'width', 'shortest_edge']) checkSide(sides[key], `size.${key}`, PREPROCESSOR);
  }
  const crop = config['crop_size'];
  if (typeof crop === 'number') checkSide(crop, 'crop_size', PREPROCESSOR);
  else if (crop !== undefined) {
    const sides = asObject(crop, PREPROCESSOR, 'crop_size');
    checkSide(sides['height'], 'crop_size.height', PREPROCESSOR, true);
    checkSide(sides['width'], 'crop_size.width', PREPROCESSOR, true);
  }
  const rescale = config['rescale_factor'];
  if (rescale !== undefined && !(typeof rescale === 'number' && Number.isFinite(rescale) && rescale > 0)) {
    throw fail(`rescale_factor must be a positive number (it is ${JSON.stringify(rescale)})`);
  }
  return config as PreprocessorConfig;
}

/** The vision geometry of a CLIP or BLIP config.json (`vision_config.image_size`, `patch_size`, `num_channels`). */
export function validateVisionConfig(raw: unknown): void {
  const config = asObject(raw, CONFIG);
  const vision = config['vision_config'] === undefined ? {} : asObject(config['vision_config'], CONFIG, 'vision_config');
  checkSide(vision['image_size'], 'vision_config.image_size', CONFIG);
  checkSide(vision['patch_size'], 'vision_config.patch_size', CONFIG);
  const image = vision['image_size'];
  const patch = vision['patch_size'];
  if (typeof image === 'number' && typeof patch === 'number' && patch > image) {
    throw new BadFileError(CONFIG, `vision_config.patch_size (${patch}) is larger than image_size (${image})`);
  }
  const channels = vision['num_channels'];
  if (channels !== undefined && channels !== CHANNELS) {
    throw new BadFileError(CONFIG, `vision_config.num_channels is ${JSON.stringify(channels)}; this app feeds RGB images (${CHANNELS} channels)`);
  }
}

function checkSide(value: unknown, key: string, file: string, required = false): void {
  if (value === undefined && !required) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_IMAGE_SIDE) {
    throw new BadFileError(file, `${key} must be a whole number of pixels from 1 to ${MAX_IMAGE_SIDE} (it is ${JSON.stringify(value)})`);
  }
}

function asObject(value: unknown, file: string, key?: string): Record<string, unknown> {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  throw new BadFileError(file, key ? `${key} must be an object` : 'it must hold a JSON object');
}
