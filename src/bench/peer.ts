/**
 * The page side of the transformers.js peer (peer-worker.ts): starts its worker and forwards calls.
 * Inputs are the benchmark's own (synthetic images from the same generator, the harness's texts).
 */
import type { PeerLoad, PeerMethod, PeerReply, PeerTimed } from './peer-types';
import { syntheticImages } from './synthetic-images';

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

function call<T>(method: PeerMethod, ...args: unknown[]): Promise<T> {
  worker ??= startWorker();
  const id = nextId++;
  const transfer = args.filter((arg): arg is Uint8ClampedArray => arg instanceof Uint8ClampedArray).map((arg) => arg.buffer);
  return new Promise<T>((resolve, reject) => {
    pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
    worker?.postMessage({ id, method, args }, transfer);
  });
}

function startWorker(): Worker {
  const started = new Worker(new URL('./peer-worker.ts', import.meta.url), { type: 'module', name: 'peer' });
  started.onmessage = (event: MessageEvent<PeerReply>) => {
    const reply = event.data;
    const waiting = pending.get(reply.id);
    pending.delete(reply.id);
    if ('error' in reply) waiting?.reject(new Error(`transformers.js peer: ${reply.error}`));
    else waiting?.resolve(reply.result);
  };
  started.onerror = (event) => {
    for (const waiting of pending.values()) waiting.reject(new Error(`transformers.js peer worker failed: ${event.message}`));
    pending.clear();
  };
  return started;
}

async function freshPixels(seed: number, size: number): Promise<Uint8ClampedArray> {
  const [image] = await syntheticImages(seed, 1, size);
  if (!image) throw new Error('No synthetic image.');
  return image.data;
}

export const peer = {
  peerLoad: (setup: PeerLoad) => call<{ createMs: number }>('load', setup),
  /** One fresh image (the same generator and seeds as the app's runs). */
  async peerImage(seed: number, size: number): Promise<PeerTimed> {
    return call('embedImage', await freshPixels(seed, size), size);
  },
  peerTexts: (texts: string[]) => call<PeerTimed>('embedTexts', texts),
  async peerClassify(seed: number, size: number, texts: string[]): Promise<PeerTimed & { probabilities: number[] }> {
    return call('classify', await freshPixels(seed, size), size, texts);
  },
};

export type PeerApi = typeof peer;
