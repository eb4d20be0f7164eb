/**
 * What the UI asks of the inference worker, as typed calls: the store's
 * slices depend on this interface, not on the worker, so a test builds them
 * with a fake. Built from the client passed in (the app passes its one
 * worker client); image hand-over and re-sending stay behind it.
 */
import type { ModelTask } from '../shared/model-registry';
import type {
  BlipEncodeResult,
  BlipResult,
  CacheListing,
  Capabilities,
  ClipClassifyResult,
  ClipSearchResult,
  DecodingSettings,
  ItmScoreResult,
  ItmSearchResult,
  LoadedModelInfo,
  ModelInspection,
  ModelRef,
  ProgressData,
  TokenData,
} from '../shared/protocol';
import { createImageTransfer, type PixelSource } from './worker-images';
import type { ClientEvent, WorkerClient } from './worker-client';

export type { PixelSource } from './worker-images';

export interface CallOptions {
  signal?: AbortSignal;
}

export interface LoadOptions extends CallOptions {
  onProgress?: (progress: ProgressData) => void;
}

export interface StreamOptions extends CallOptions {
  onToken?: (token: TokenData) => void;
}

export interface InferenceApi {
  probe(): Promise<Capabilities>;
  ping(): Promise<void>;
  /** Worker lifecycle events (restarts, notices); returns the unsubscribe function. */
  onEvent(listener: (event: ClientEvent) => void): () => void;
  inspect(model: ModelRef, options?: CallOptions): Promise<ModelInspection>;
  load(model: ModelRef, options?: LoadOptions): Promise<LoadedModelInfo>;
  unload(task: ModelTask): Promise<boolean>;
  listCache(): Promise<CacheListing>;
  /** Deletes one repository revision from the cache, or everything when none is named. */
  deleteCached(target?: { repo: string; revision: string }): Promise<void>;
  classify(
    request: { model: ModelRef; images: readonly PixelSource[]; labels: string[]; template: string },
    options?: CallOptions,
  ): Promise<ClipClassifyResult>;
  search(request: { model: ModelRef; images: readonly PixelSource[]; query: string }, options?: CallOptions): Promise<ClipSearchResult>;
  /** Cosine of each image patch with the text (exports with patch_embeds); null without them. */
  patchMap(request: { model: ModelRef; image: PixelSource; text: string }, options?: CallOptions): Promise<number[] | null>;
  caption(
    request: { model: ModelRef; image: PixelSource; prompt?: string; decoding: DecodingSettings; attentionMaps?: boolean },
    options?: StreamOptions,
  ): Promise<BlipResult>;
  ask(
    request: { model: ModelRef; image: PixelSource; question: string; decoding: DecodingSettings; attentionMaps?: boolean },
    options?: StreamOptions,
  ): Promise<BlipResult>;
  /** BLIP: encodes the images' vision states into the worker's cache, in batches, ahead of their captions. */
  encodeImages(request: { model: ModelRef; images: readonly PixelSource[] }, options?: CallOptions): Promise<BlipEncodeResult>;
  /** BLIP retrieval: ITC and ITM scores of each label on one image. */
  itmScore(request: { model: ModelRef; image: PixelSource; labels: string[]; template: string }, options?: CallOptions): Promise<ItmScoreResult>;
  /** BLIP retrieval: the first stage's top-k (CLIP's order when `firstStage` is given, else ITC's) re-ranked by ITM. */
  itmSearch(
    request: { model: ModelRef; images: readonly PixelSource[]; query: string; topK: number; firstStage?: string[] },
    options?: CallOptions,
  ): Promise<ItmSearchResult>;
  /** Lets the worker free images the gallery no longer shows. */
  forgetImages(ids: readonly string[]): void;
}

type Client = Pick<WorkerClient, 'request' | 'subscribe'>;

const keysOf = (images: readonly PixelSource[]) => images.map((image) => image.id);

export function createInferenceApi(client: Client): InferenceApi {
  const images = createImageTransfer(client);
  return {
    probe: () => client.request('probe', {}),
    ping: async () => void (await client.request('ping', { message: 'ping' })),
    onEvent: (listener) => client.subscribe(listener),
    inspect: (model, options = {}) => client.request('models:inspect', { model }, options),
    load: (model, options = {}) => client.request('models:load', { model }, options),
    unload: async (task) => (await client.request('models:unload', { task })).unloaded,
    listCache: () => client.request('cache:list', {}),
    deleteCached: async (target) => void (await client.request('cache:delete', target ?? {})),
    classify: ({ model, images: pictures, labels, template }, options = {}) =>
      images.withImages(pictures, () => client.request('clip:classify', { model, imageKeys: keysOf(pictures), labels, template }, options)),
    search: ({ model, images: pictures, query }, options = {}) =>
      images.withImages(pictures, () => client.request('clip:search', { model, imageKeys: keysOf(pictures), query }, options)),
    patchMap: async ({ model, image, text }, options = {}) =>
      (await images.withImages([image], () => client.request('clip:patch-map', { model, imageKey: image.id, text }, options))).cosines,
    caption: ({ model, image, prompt, decoding, attentionMaps }, options = {}) =>
      images.withImages([image], () =>
        client.request(
          'blip:caption',
          { model, imageKey: image.id, decoding, ...(prompt ? { prompt } : {}), ...(attentionMaps ? { attentionMaps } : {}) },
          options,
        ),
      ),
    ask: ({ model, image, question, decoding, attentionMaps }, options = {}) =>
      images.withImages([image], () =>
        client.request('blip:answer', { model, imageKey: image.id, question, decoding, ...(attentionMaps ? { attentionMaps } : {}) }, options),
      ),
    encodeImages: ({ model, images: pictures }, options = {}) =>
      images.withImages(pictures, () => client.request('blip:encode', { model, imageKeys: keysOf(pictures) }, options)),
    itmScore: ({ model, image, labels, template }, options = {}) =>
      images.withImages([image], () => client.request('itm:score', { model, imageKey: image.id, labels, template }, options)),
    itmSearch: ({ model, images: pictures, query, topK, firstStage }, options = {}) =>
      images.withImages(pictures, () =>
        client.request('itm:search', { model, imageKeys: keysOf(pictures), query, topK, ...(firstStage ? { firstStage } : {}) }, options),
      ),
    forgetImages: (ids) => images.forget(ids),
  };
}
