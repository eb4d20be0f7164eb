/**
 * Images the UI has sent to the worker, by content hash. Pixels cross the
 * boundary once per image; requests then name images by key. A byte budget
 * bounds memory; a request for an evicted image fails with `image-missing`,
 * and the client sends it again.
 */
import { AppError } from '../../shared/errors';
import type { WorkerImage } from '../../shared/protocol';

const BYTE_BUDGET = 512 * 1024 * 1024;

const images = new Map<string, WorkerImage>();
let bytes = 0;

export function putImages(added: readonly WorkerImage[]): number {
  for (const image of added) {
    dropImage(image.key);
    images.set(image.key, image);
    bytes += image.data.byteLength;
  }
  for (const [key, image] of images) {
    if (bytes <= BYTE_BUDGET) break;
    if (added.some((fresh) => fresh.key === key)) continue;
    images.delete(key);
    bytes -= image.data.byteLength;
  }
  return images.size;
}

export function dropImage(key: string): void {
  const image = images.get(key);
  if (!image) return;
  images.delete(key);
  bytes -= image.data.byteLength;
}

export function getImage(key: string): WorkerImage {
  const image = images.get(key);
  if (!image) {
    throw new AppError({
      code: 'image-missing',
      message: 'The worker no longer holds this image (it was restarted or freed memory).',
      action: 'Run the request again; the image is sent anew.',
    });
  }
  images.delete(key);
  images.set(key, image);
  return image;
}
