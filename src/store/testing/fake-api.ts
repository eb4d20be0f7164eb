/**
 * A scriptable InferenceApi for slice and component tests: it records every
 * call and answers from handlers a test may replace. Calls honour their
 * abort signal the way the worker client does (a `cancelled` AppError).
 */
import type { InferenceApi } from '../../lib/inference-api';
import { cancelledError } from '../../shared/errors';
import type { BlipResult, ClipClassifyResult, LoadedModelInfo, ModelRef } from '../../shared/protocol';
import type { StoreApi } from 'zustand';
import type { AppState } from '../app-state';
import { createAppStore, type StoreDeps } from '../create-store';
import { initStore } from '../store';

export type FakeCall = { method: keyof InferenceApi; args: unknown[] };

const FACTS = {
  logitScale: 100,
  logitScaleSource: 'config',
  projectionDim: 4,
  textLayers: 1,
  visionLayers: 1,
  imageSize: 32,
  patchSize: 8,
  imageTokens: 17,
} as const;

export function loadedInfo(model: ModelRef): LoadedModelInfo {
  return {
    specId: model.spec.id,
    task: model.spec.task,
    displayName: model.spec.displayName,
    repo: model.spec.repo,
    revision: model.spec.revision,
    dtype: model.dtype,
    backend: 'wasm',
    threads: 1,
    ortBuild: 'wasm-only',
    timings: { downloadMs: 1, createMs: 1, totalMs: 2 },
    bytes: { total: 10, downloaded: 10, fromCache: 0 },
    sessions: [],
    notes: [],
  };
}

export function classifyResult(imageKeys: string[], labels: string[]): ClipClassifyResult {
  return {
    results: imageKeys.map((imageKey) => ({
      imageKey,
      scores: labels.map((label, index) => ({ label, text: label, cosine: 0.1, logit: 10, probability: index === 0 ? 1 : 0 })),
    })),
    facts: FACTS,
    cache: { imagesEncoded: imageKeys.length, imagesCached: 0, textsEncoded: labels.length, textsCached: 0 },
    timings: { imageMs: 1, textMs: 1, totalMs: 2, imageBatches: 1, textBatches: 1 },
  };
}

export function blipResult(text: string): BlipResult {
  return {
    text,
    sequence: [1, 2, 3],
    promptIds: [1],
    finishReason: 'eos',
    timings: { preprocessMs: 1, visionMs: 1, visionCached: false, firstTokenMs: 1, stepMs: [1, 1], totalMs: 3 },
    crossAttention: { layers: 1, keyLength: 17 },
    facts: {
      task: 'caption',
      decoderLayout: 'merged',
      visionLayers: 1,
      textLayers: 1,
      crossAttentionLayers: 1,
      imageTokens: 17,
      visionHidden: 8,
      textHidden: 8,
      vocabSize: 30,
      specialIds: { decoderStart: 1, sep: 2, pad: 0 },
    },
  };
}

/** Resolves with `value`, or rejects as cancelled when the signal aborts first. */
export function abortable<T>(signal: AbortSignal | undefined, value: Promise<T>): Promise<T> {
  if (signal?.aborted) return Promise.reject(cancelledError());
  return new Promise<T>((resolve, reject) => {
    signal?.addEventListener('abort', () => reject(cancelledError()), { once: true });
    value.then(resolve, reject);
  });
}

export function createFakeApi(overrides: Partial<InferenceApi> = {}) {
  const calls: FakeCall[] = [];
  const defaults: InferenceApi = {
    probe: async () => ({
      webgpu: { available: false, shaderF16: false },
      crossOriginIsolated: false,
      hardwareConcurrency: 2,
      wasmThreads: 1,
      preferredBackend: 'wasm',
    }),
    ping: async () => undefined,
    onEvent: () => () => undefined,
    inspect: async () => ({ files: [], totalBytes: 0, cachedBytes: 0, missing: [], hostReachable: true }),
    load: async (model) => loadedInfo(model),
    unload: async () => true,
    listCache: async () => ({ models: [] }),
    deleteCached: async () => undefined,
    classify: async ({ images, labels }) =>
      classifyResult(
        images.map((image) => image.id),
        labels,
      ),
    search: async ({ images, query }) => ({
      query,
      ranking: images.map((image) => ({ imageKey: image.id, cosine: 0.2 })),
      facts: FACTS,
      cache: classifyResult([], []).cache,
      timings: classifyResult([], []).timings,
    }),
    patchMap: async () => [0.1, 0.2, 0.3, 0.4],
    caption: async () => blipResult('a cat'),
    ask: async () => blipResult('yes'),
    encodeImages: async ({ images }) => ({ encoded: images.length, cached: 0, batches: 1, preprocessMs: 1, visionMs: 1 }),
    itmScore: async ({ image, labels }) => ({
      imageKey: image.id,
      logitScale: 14.3,
      timings: { visionMs: 1, itcMs: 1, itmMs: 2, cachedImages: 0 },
      scores: labels.map((label, index) => ({
        label,
        text: label,
        itcCosine: 0.1,
        itcProbability: index === 0 ? 1 : 0,
        itmProbability: index === 0 ? 0.9 : 0.1,
      })),
    }),
    itmSearch: async ({ images, query, topK, firstStage }) => ({
      query,
      firstStage: firstStage ? 'given' : 'itc',
      topK,
      ranking: images.map((image) => ({ imageKey: image.id, itcCosine: 0.2 })),
      reranked: images.slice(0, topK).map((image) => ({ imageKey: image.id, itmProbability: 0.5 })),
      timings: { visionMs: 1, itcMs: 1, itmMs: 2, cachedImages: 0 },
    }),
    forgetImages: () => undefined,
  };
  const handlers: InferenceApi = { ...defaults, ...overrides };
  const api = Object.fromEntries(
    (Object.keys(handlers) as (keyof InferenceApi)[]).map((method) => [
      method,
      (...args: unknown[]) => {
        calls.push({ method, args });
        return (handlers[method] as (...a: unknown[]) => unknown)(...args);
      },
    ]),
  ) as unknown as InferenceApi;
  const callsOf = (method: keyof InferenceApi) => calls.filter((call) => call.method === method).map((call) => call.args);
  return { api, calls, callsOf };
}

function demoStore(overrides: Partial<InferenceApi>, build: (deps: StoreDeps) => StoreApi<AppState>) {
  const fake = createFakeApi(overrides);
  const store = build({ api: fake.api, baseUrl: 'http://app.test/', now: () => 0, revokeUrl: () => undefined });
  store.getState().setDemoAvailable(true);
  store.getState().useDemoModels();
  return { ...fake, store };
}

/** A whole store over a fake API, with demo models available so every task has a configured model. */
export const fakeStore = (overrides: Partial<InferenceApi> = {}) => demoStore(overrides, createAppStore);

/** Like fakeStore, but installed as the app's store, for components that read it through useAppStore. */
export const installFakeStore = (overrides: Partial<InferenceApi> = {}) => demoStore(overrides, initStore);

/** A gallery image with 1×1 pixels; ImageData does not exist in Node, and the fake API never reads them. */
export function fakeImage(id: string) {
  return {
    id,
    name: `${id}.png`,
    format: 'png',
    byteSize: 4,
    source: 'file' as const,
    width: 1,
    height: 1,
    originalWidth: 1,
    originalHeight: 1,
    previewUrl: `blob:${id}`,
    pixels: { width: 1, height: 1, data: new Uint8ClampedArray(4) } as unknown as ImageData,
  };
}
