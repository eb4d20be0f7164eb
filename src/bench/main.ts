/**
 * The benchmark page (bench.html): a thin remote control over the app's own inference worker, for
 * bench/ (Playwright) to drive with page.evaluate. Every request goes through the same WorkerClient
 * and worker code as the app; this page only makes synthetic images and counts main-thread long tasks.
 * It is a separate Vite entry, never linked from the app, and adds nothing to the app's bundle.
 */
import { inferenceWorker } from '../lib/inference-worker';
import type { PayloadOf, RequestType, ResultOf } from '../shared/protocol';
import { LongTaskCounter, type LongTaskSummary } from './long-tasks';
import { syntheticImages } from './synthetic-images';

export interface BenchApi {
  /** One protocol request through the app's worker client; the inactivity timeout is generous for big models. */
  request<K extends RequestType>(type: K, payload: PayloadOf<K>, timeoutMs?: number): Promise<ResultOf<K>>;
  /** Makes `count` distinct noise images of size × size (seeded), sends them to the worker, returns their keys. */
  putImages(seed: number, count: number, size: number): Promise<string[]>;
  /** Starts counting main-thread long tasks (> 50 ms) from now. */
  startLongTasks(): void;
  longTasks(): LongTaskSummary;
  /** `performance.measureUserAgentSpecificMemory()` where the page is cross-origin isolated, else undefined. */
  measureMemory(): Promise<unknown>;
}

declare global {
  interface Window {
    bench?: BenchApi;
  }
}

const DEFAULT_TIMEOUT_MS = 600_000;
const longTasks = new LongTaskCounter();

const api: BenchApi = {
  request: (type, payload, timeoutMs = DEFAULT_TIMEOUT_MS) => inferenceWorker.request(type, payload, { timeoutMs }),
  async putImages(seed, count, size) {
    const images = await syntheticImages(seed, count, size);
    await inferenceWorker.request(
      'images:put',
      { images },
      { transfer: images.map((image) => image.data.buffer), timeoutMs: DEFAULT_TIMEOUT_MS },
    );
    return images.map((image) => image.key);
  },
  startLongTasks: () => longTasks.start(),
  longTasks: () => longTasks.summary(),
  async measureMemory() {
    const measure = (performance as { measureUserAgentSpecificMemory?: () => Promise<unknown> }).measureUserAgentSpecificMemory;
    if (!self.crossOriginIsolated || !measure) return undefined;
    return measure.call(performance);
  },
};

window.bench = api;
document.getElementById('log')?.append(`ready; crossOriginIsolated=${String(self.crossOriginIsolated)}\n`);
