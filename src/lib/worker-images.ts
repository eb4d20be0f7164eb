/**
 * Pixels cross to the worker once per image (a transferred copy), and
 * requests then name images by content hash. Tracks what the current worker
 * holds; after a restart, or if the worker freed an image, it sends again.
 */
import { AppError } from '../shared/errors';
import { MISSING_IMAGE_DETAIL } from '../shared/protocol';
import { inferenceWorker } from './inference-worker';

export interface PixelSource {
  id: string;
  pixels: ImageData;
}

const sent = new Set<string>();
inferenceWorker.subscribe((event) => {
  if (event.type === 'restarted') sent.clear();
});

async function send(images: readonly PixelSource[]): Promise<void> {
  const missing = images.filter((image) => !sent.has(image.id));
  if (missing.length === 0) return;
  const payload = missing.map((image) => ({
    key: image.id,
    width: image.pixels.width,
    height: image.pixels.height,
    data: new Uint8ClampedArray(image.pixels.data),
  }));
  await inferenceWorker.request('images:put', { images: payload }, { transfer: payload.map((image) => image.data.buffer) });
  missing.forEach((image) => sent.add(image.id));
}

/** Runs a request that needs these images in the worker, re-sending them once if the worker lost them. */
export async function withImages<T>(images: readonly PixelSource[], run: () => Promise<T>): Promise<T> {
  await send(images);
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof AppError) || error.detail !== MISSING_IMAGE_DETAIL) throw error;
    images.forEach((image) => sent.delete(image.id));
    await send(images);
    return run();
  }
}

export function forgetImages(ids: readonly string[]): void {
  const known = ids.filter((id) => sent.has(id));
  if (known.length === 0) return;
  known.forEach((id) => sent.delete(id));
  void inferenceWorker.request('images:drop', { keys: known }).catch(() => undefined);
}
