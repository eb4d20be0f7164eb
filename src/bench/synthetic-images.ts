/**
 * Fresh images for every measured run: seeded noise, so each image has distinct content and hence a
 * distinct content hash (the worker's embedding and vision caches are keyed by it and must miss).
 * Keys are made by the app's own content hash.
 */
import { hashPixels } from '../features/images/intake/decode-image';
import type { WorkerImage } from '../shared/protocol';

export async function syntheticImages(seed: number, count: number, size: number): Promise<WorkerImage[]> {
  const images: WorkerImage[] = [];
  // One image per task (each awaits its digest): making 32 at once would itself be a long task
  // on the main thread and show up in the long-task count, which is about the app's work.
  for (let index = 0; index < count; index++) images.push(await syntheticImage(seed * 100_003 + index, size));
  return images;
}

async function syntheticImage(seed: number, size: number): Promise<WorkerImage> {
  const data = new Uint8ClampedArray(size * size * 4);
  let state = (seed ^ 0x9e3779b9) >>> 0 || 1;
  for (let i = 0; i < data.length; i += 4) {
    // xorshift32: cheap, deterministic noise; alpha stays opaque like a decoded photo.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    data[i] = state & 0xff;
    data[i + 1] = (state >>> 8) & 0xff;
    data[i + 2] = (state >>> 16) & 0xff;
    data[i + 3] = 255;
  }
  const key = await hashPixels(new ImageData(data, size, size));
  return { key, width: size, height: size, data };
}
