/**
 * The measured operations of the benchmark, each one protocol request (or one load) through the
 * app's worker client, on fresh inputs so that no cache answers: new noise images (new content hash)
 * and texts chosen by the caller. Each returns the worker's own timings, plus the counts the harness
 * checks to prove the caches missed and the requested number of tokens was generated.
 */
import { inferenceWorker } from '../lib/inference-worker';
import { customModel, type Dtype, type ModelTask } from '../shared/model-registry';
import { DEFAULT_PATH_TEMPLATE } from '../shared/model-source';
import type { Capabilities, DecodingSettings, DeviceSetting, ModelRef, PayloadOf, RequestType, ResultOf, WorkerImage } from '../shared/protocol';
import type { BlipEncodeRun, BlipRunSummary, ClipRun, ItmRun, LoadSummary } from './api-types';
import { syntheticImages } from './synthetic-images';

export interface BenchModels {
  /** Base URL of a Hub-shaped host (the fake hub serving the bench models). */
  hubUrl: string;
  repos: Record<ModelTask, string>;
  dtype: Dtype;
  device: DeviceSetting;
}

const TIMEOUT_MS = 900_000;
const TEMPLATE = 'a photo of a {}';

let models: BenchModels | undefined;

function request<K extends RequestType>(type: K, payload: PayloadOf<K>, transfer?: Transferable[]): Promise<ResultOf<K>> {
  return inferenceWorker.request(type, payload, { timeoutMs: TIMEOUT_MS, ...(transfer ? { transfer } : {}) });
}

function ref(task: ModelTask): ModelRef {
  if (!models) throw new Error('configure() the bench models first.');
  return {
    spec: customModel(task, models.repos[task]),
    dtype: models.dtype,
    source: { host: models.hubUrl, pathTemplate: DEFAULT_PATH_TEMPLATE },
    device: models.device,
  };
}

/** Runs `use` on `count` new images in the worker, then drops them (as the app does when images are removed). */
async function withFreshImages<T>(seed: number, count: number, size: number, use: (keys: string[]) => Promise<T>): Promise<T> {
  return withImages(await syntheticImages(seed, count, size), use);
}

async function withImages<T>(images: WorkerImage[], use: (keys: string[]) => Promise<T>): Promise<T> {
  const keys = images.map((image) => image.key);
  await request(
    'images:put',
    { images },
    images.map((image) => image.data.buffer),
  );
  try {
    return await use(keys);
  } finally {
    await request('images:drop', { keys });
  }
}

function decoding(strategy: 'greedy' | 'beam', tokens: number, beams: number): DecodingSettings {
  // min = max new tokens: [SEP] is suppressed until the last step, so every run generates exactly `tokens`.
  return {
    strategy,
    maxNewTokens: tokens,
    minNewTokens: tokens,
    numBeams: strategy === 'beam' ? beams : 1,
    lengthPenalty: 1,
    earlyStopping: false,
    temperature: 1,
    topK: 50,
    topP: 1,
    repetitionPenalty: 1,
    seed: 0,
  };
}

function clipRun(result: ResultOf<'clip:classify'> | ResultOf<'clip:search'>): ClipRun {
  return {
    imageMs: result.timings.imageMs,
    textMs: result.timings.textMs,
    totalMs: result.timings.totalMs,
    imagesEncoded: result.cache.imagesEncoded,
    textsEncoded: result.cache.textsEncoded,
  };
}

function blipRun(result: ResultOf<'blip:caption'>): BlipRunSummary {
  const { timings } = result;
  return {
    preprocessMs: timings.preprocessMs,
    visionMs: timings.visionMs,
    visionCached: timings.visionCached,
    questionMs: timings.questionMs,
    stepMs: timings.stepMs,
    totalMs: timings.totalMs,
    attentionMaps: Boolean(result.attentionMaps),
    newTokens: result.sequence.length - result.promptIds.length,
    finishReason: result.finishReason,
  };
}

function itmRun(timings: ResultOf<'itm:score'>['timings'], itmPairs: number): ItmRun {
  return { visionMs: timings.visionMs, itcMs: timings.itcMs, itmMs: timings.itmMs, cachedImages: timings.cachedImages, itmPairs };
}

export const operations = {
  configure(next: BenchModels): void {
    models = next;
  },
  probe(): Promise<Capabilities> {
    return request('probe', {});
  },
  async load(task: ModelTask): Promise<LoadSummary> {
    const info = await request('models:load', { model: ref(task) });
    return { backend: info.backend, threads: info.threads, ...info.timings, bytes: info.bytes.total, notes: info.notes };
  },
  async unload(task: ModelTask): Promise<boolean> {
    return (await request('models:unload', { task })).unloaded;
  },
  /** Classifies fresh images against `labels` (already cached after the first call: measures the image side). */
  classify(seed: number, count: number, size: number, labels: string[]): Promise<ClipRun> {
    return withFreshImages(seed, count, size, async (imageKeys) =>
      clipRun(await request('clip:classify', { model: ref('clip'), imageKeys, labels, template: TEMPLATE })),
    );
  },
  /** Ranks `count` fresh images for a query (text and images all new). */
  search(seed: number, count: number, size: number, query: string): Promise<ClipRun> {
    return withFreshImages(seed, count, size, async (imageKeys) => clipRun(await request('clip:search', { model: ref('clip'), imageKeys, query })));
  },
  /**
   * Batch independence (issue 17 §3) in the browser: max |Δ cosine| of the first of `count` fresh images
   * searched alone and within the batch. The lone copy has the same pixels under another key, so
   * neither search answers from the embedding cache.
   */
  async clipBatchDelta(seed: number, count: number, size: number, query: string): Promise<number> {
    const images = await syntheticImages(seed, count, size);
    const first = images[0];
    if (!first) throw new Error('clipBatchDelta needs at least one image.');
    const alone = { ...first, key: `${first.key}-alone`, data: first.data.slice() };
    return withImages([...images, alone], async (keys) => {
      const cosine = async (imageKeys: string[], key: string) =>
        (await request('clip:search', { model: ref('clip'), imageKeys, query })).ranking.find((entry) => entry.imageKey === key)?.cosine ?? Number.NaN;
      const single = await cosine([alone.key], alone.key);
      const batched = await cosine(keys.slice(0, count), first.key);
      return Math.abs(single - batched);
    });
  },
  /** The cosines of one fresh image with `labels` and the prompts encoded (the transformers.js peer's parity check). */
  clipScores(seed: number, size: number, labels: string[]): Promise<{ text: string; cosine: number }[]> {
    return withFreshImages(seed, 1, size, async (imageKeys) => {
      const result = await request('clip:classify', { model: ref('clip'), imageKeys, labels, template: TEMPLATE });
      return (result.results[0]?.scores ?? []).map(({ text, cosine }) => ({ text, cosine }));
    });
  },
  caption(seed: number, size: number, strategy: 'greedy' | 'beam', tokens: number, beams: number, attentionMaps = false): Promise<BlipRunSummary> {
    return withFreshImages(seed, 1, size, async ([imageKey = '']) =>
      blipRun(await request('blip:caption', { model: ref('caption'), imageKey, decoding: decoding(strategy, tokens, beams), attentionMaps })),
    );
  },
  /** Caption all's batched vision encoding of `count` fresh images. */
  blipEncode(seed: number, count: number, size: number): Promise<BlipEncodeRun> {
    return withFreshImages(seed, count, size, async (imageKeys) => {
      const { visionMs, preprocessMs, encoded, batches } = await request('blip:encode', { model: ref('caption'), imageKeys });
      return { visionMs, preprocessMs, encoded, batches };
    });
  },
  answer(seed: number, size: number, question: string, tokens: number): Promise<BlipRunSummary> {
    return withFreshImages(seed, 1, size, async ([imageKey = '']) =>
      blipRun(await request('blip:answer', { model: ref('vqa'), imageKey, question, decoding: decoding('greedy', tokens, 1) })),
    );
  },
  /** BLIP ITC + ITM of one fresh image against `labels` (fresh texts). */
  itmScore(seed: number, size: number, labels: string[]): Promise<ItmRun> {
    return withFreshImages(seed, 1, size, async ([imageKey = '']) => {
      const result = await request('itm:score', { model: ref('itm'), imageKey, labels, template: TEMPLATE });
      return itmRun(result.timings, result.scores.length);
    });
  },
  /** BLIP ITC search over `count` fresh images, then ITM re-ranking of its top `topK`. */
  itmSearch(seed: number, count: number, size: number, query: string, topK: number): Promise<ItmRun> {
    return withFreshImages(seed, count, size, async (imageKeys) => {
      const result = await request('itm:search', { model: ref('itm'), imageKeys, query, topK });
      return itmRun(result.timings, result.reranked.length);
    });
  },
};

export type BenchOperations = typeof operations;
