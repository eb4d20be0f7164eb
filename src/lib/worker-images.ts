/**
 * Pixels cross to the worker once per image (a transferred copy), and
 * requests then name images by content hash. Tracks what the current worker
 * holds; after a restart, or if the worker freed an image, it sends again.
 */
import { AppError } from '../shared/errors';
import type { WorkerClient } from './worker-client';

export interface PixelSource {
  id: string;
  pixels: ImageData;
}

export interface ImageTransfer {
  /** Runs a request that needs these images in the worker, re-sending them once if the worker lost them. */
  withImages<T>(images: readonly PixelSource[], run: () => Promise<T>): Promise<T>;
  /** Lets the worker free images the gallery no longer shows. */
  forget(ids: readonly string[]): void;
}

export function createImageTransfer(client: Pick<WorkerClient, 'request' | 'subscribe'>): ImageTransfer {
  const sent = new Set<string>();
  client.subscribe((event) => {
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
    await client.request('images:put', { images: payload }, { transfer: payload.map((image) => image.data.buffer) });
    missing.forEach((image) => sent.add(image.id));
  }

  return {
    async withImages(images, run) {
      await send(images);
      try {
        return await run();
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'image-missing') throw error;
        images.forEach((image) => sent.delete(image.id));
        await send(images);
        return run();
      }
    },
    forget(ids) {
      const known = ids.filter((id) => sent.has(id));
      if (known.length === 0) return;
      known.forEach((id) => sent.delete(id));
      void client.request('images:drop', { keys: known }).catch(() => undefined);
    },
  };
}
