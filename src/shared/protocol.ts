/**
 * The one typed boundary between the UI thread and the inference worker.
 * Every request type fixes its payload and result types in `RequestMap`;
 * everything that crosses the boundary is one of the unions below.
 */
import type { AppErrorData } from './errors';
import type { Dtype, ModelSpec, ModelTask } from './model-registry';
import type { ModelSource } from './model-source';

export type Backend = 'webgpu' | 'wasm';

/** The user's device setting; `auto` picks WebGPU when an adapter exists. */
export type DeviceSetting = 'auto' | 'webgpu' | 'wasm';

export interface Capabilities {
  webgpu: { available: boolean; adapter?: string; shaderF16: boolean; reason?: string };
  crossOriginIsolated: boolean;
  hardwareConcurrency: number;
  /** Threads WASM would use: min(4, cores) when isolated, else 1. */
  wasmThreads: number;
  /** The backend `auto` resolves to on this device. */
  preferredBackend: Backend;
}

export interface PingPayload {
  message: string;
  /** Lets tests hold a request open (worker crash, cancel, timeout). */
  delayMs?: number;
}

export interface PingResult {
  message: string;
  /** performance.now() in the worker when the reply was sent. */
  workerTime: number;
}

/** Which model to load, from where, how. The spec travels whole so custom models work too. */
export interface ModelRef {
  spec: ModelSpec;
  dtype: Dtype;
  source: ModelSource;
  device: DeviceSetting;
}

export interface InspectedFile {
  path: string;
  size?: number;
  /** False when the host says the file does not exist; undefined when it could not tell. */
  exists?: boolean;
  cached: boolean;
}

export interface ModelInspection {
  files: InspectedFile[];
  /** Sum of all sizes; undefined while any size is unknown. */
  totalBytes?: number;
  cachedBytes: number;
  missing: string[];
  /** False when no request to the host got any HTTP answer (offline, blocked, wrong host). */
  hostReachable: boolean;
}

export interface SessionInfo {
  name: string;
  file: string;
  bytes: number;
  /** Initializer elements in the graph (weights; quantised graphs also count scales and zero points). */
  parameters: number;
  inputNames: string[];
  outputNames: string[];
}

export interface LoadedModelInfo {
  specId: string;
  task: ModelTask;
  displayName: string;
  repo: string;
  revision: string;
  dtype: Dtype;
  backend: Backend;
  threads: number;
  timings: { downloadMs: number; createMs: number; totalMs: number };
  bytes: { total: number; downloaded: number; fromCache: number };
  sessions: SessionInfo[];
  /** Things the user should know: fallbacks, files that could not be cached. */
  notes: string[];
}

export interface CachedModelSummary {
  repo: string;
  revision: string;
  specIds: string[];
  files: number;
  bytes: number;
}

export interface CacheListing {
  models: CachedModelSummary[];
  usage?: number;
  quota?: number;
  persisted?: boolean;
}

/** Error detail the worker uses when a request names an image it does not hold (the client re-sends it). */
export const MISSING_IMAGE_DETAIL = 'image-not-in-worker';

/** Decoded, downscaled pixels (RGBA, alpha composited), named by content hash. */
export interface WorkerImage {
  key: string;
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

export interface ClipFacts {
  logitScale: number;
  /** Where the temperature came from: the export's config, the registry, or the untrained init value. */
  logitScaleSource: 'config' | 'registry' | 'init-value';
  projectionDim: number;
  textLayers: number;
  visionLayers: number;
  imageSize: number;
  patchSize: number;
  /** Patches plus the class token. */
  imageTokens: number;
}

export interface ClipCacheStats {
  imagesEncoded: number;
  imagesCached: number;
  textsEncoded: number;
  textsCached: number;
}

export interface ClipTimings {
  imageMs: number;
  textMs: number;
  totalMs: number;
  imageBatches: number;
  textBatches: number;
}

/** A text longer than the model's limit, encoded as [BOS] + its first limit-2 tokens + [EOS]. */
export interface TextCut {
  tokens: number;
  limit: number;
}

export interface ClipLabelScore {
  label: string;
  /** The prompt actually encoded (template applied). */
  text: string;
  /** Set when the prompt was cut to the model's token limit. */
  cut?: TextCut;
  cosine: number;
  /** logit_scale · cosine, as CLIP's logits_per_image. */
  logit: number;
  probability: number;
}

export interface ClipClassifyResult {
  results: { imageKey: string; scores: ClipLabelScore[] }[];
  facts: ClipFacts;
  cache: ClipCacheStats;
  timings: ClipTimings;
}

export interface ClipSearchResult {
  query: string;
  /** Set when the query was cut to the model's token limit. */
  queryCut?: TextCut;
  ranking: { imageKey: string; cosine: number }[];
  facts: ClipFacts;
  cache: ClipCacheStats;
  timings: ClipTimings;
}

export interface BlipSpecialIds {
  /** First decoder token (HF: text_config.bos_token_id, "[DEC]"). */
  decoderStart: number;
  /** End of sequence for generation (HF passes sep_token_id as eos_token_id). */
  sep: number;
  pad: number;
  /** Replaces [CLS] at the start of a caption prompt. */
  bos?: number;
}

export interface BlipFacts {
  task: 'caption' | 'vqa';
  decoderLayout: 'merged' | 'split' | 'no-cache';
  visionLayers: number;
  textLayers: number;
  crossAttentionLayers: number;
  imageTokens: number;
  visionHidden: number;
  textHidden: number;
  vocabSize: number;
  specialIds: BlipSpecialIds;
}

export interface BlipTimings {
  preprocessMs: number;
  visionMs: number;
  /** True when the image's encoder states came from the cache (visionMs is then ~0). */
  visionCached: boolean;
  /** VQA only: the question encoder. */
  questionMs?: number;
  /** From the start of the call to the end of the first decode step. */
  firstTokenMs: number;
  /** Every decoder forward, in order (the first one processes the whole prompt). */
  stepMs: number[];
  totalMs: number;
}

export interface BlipRun {
  /** Decoded output, special tokens skipped, like HF's `processor.decode(..., skip_special_tokens=True)`. */
  text: string;
  /** Full output ids as HF generate returns them (prompt included). */
  sequence: number[];
  /** Decoder prompt ids fed to generate. */
  promptIds: number[];
  finishReason: 'eos' | 'length' | 'aborted';
  timings: BlipTimings;
  crossAttention: {
    layers: number;
    /** Encoder tokens each generated token attended to (image tokens, or question tokens for VQA). */
    keyLength: number;
  };
}

export interface BlipResult extends BlipRun {
  facts: BlipFacts;
}

/** Decoding controls as the UI offers them; the worker maps them onto HF's generation options. */
export interface DecodingSettings {
  strategy: 'greedy' | 'beam' | 'sample';
  maxNewTokens: number;
  minNewTokens: number;
  numBeams: number;
  lengthPenalty: number;
  earlyStopping: boolean;
  temperature: number;
  topK: number;
  topP: number;
  repetitionPenalty: number;
  seed: number;
}

/** Request type → payload and result. Adding a request means adding it here. */
export interface RequestMap {
  ping: { payload: PingPayload; result: PingResult };
  probe: { payload: Record<string, never>; result: Capabilities };
  'models:inspect': { payload: { model: ModelRef }; result: ModelInspection };
  'models:load': { payload: { model: ModelRef }; result: LoadedModelInfo };
  'models:unload': { payload: { task: ModelTask }; result: { unloaded: boolean } };
  'cache:list': { payload: Record<string, never>; result: CacheListing };
  'cache:delete': { payload: { repo?: string; revision?: string }; result: { files: number; bytes: number } };
  'images:put': { payload: { images: WorkerImage[] }; result: { stored: number } };
  'images:drop': { payload: { keys: string[] }; result: { stored: number } };
  'clip:classify': {
    payload: { model: ModelRef; imageKeys: string[]; labels: string[]; template: string };
    result: ClipClassifyResult;
  };
  'clip:search': { payload: { model: ModelRef; imageKeys: string[]; query: string }; result: ClipSearchResult };
  'blip:caption': {
    payload: { model: ModelRef; imageKey: string; prompt?: string; decoding: DecodingSettings };
    result: BlipResult;
  };
  'blip:answer': {
    payload: { model: ModelRef; imageKey: string; question: string; decoding: DecodingSettings };
    result: BlipResult;
  };
}

export type RequestType = keyof RequestMap;
export type PayloadOf<K extends RequestType> = RequestMap[K]['payload'];
export type ResultOf<K extends RequestType> = RequestMap[K]['result'];
export type RequestId = number;

export type WorkerRequest = {
  [K in RequestType]: { kind: 'request'; id: RequestId; type: K; payload: PayloadOf<K> };
}[RequestType];

export interface CancelMessage {
  kind: 'cancel';
  id: RequestId;
}

export type UiToWorker = WorkerRequest | CancelMessage;

export interface FileProgress {
  file: string;
  loaded: number;
  /** Bytes expected; 0 while unknown. */
  total: number;
  done: boolean;
}

export interface ProgressData {
  /** Short description of the current phase, e.g. "Downloading", "Creating session". */
  phase: string;
  files: FileProgress[];
  overall: { loaded: number; total: number };
}

export interface TokenData {
  /** Characters to drop from the end of what was streamed so far (beam search can change its mind). */
  rewind: number;
  /** Text to append after that. */
  delta: string;
  /** Generated tokens so far. */
  count: number;
}

export type WorkerResult = {
  [K in RequestType]: { kind: 'result'; id: RequestId; type: K; result: ResultOf<K> };
}[RequestType];

export type WorkerNotice =
  | { kind: 'ready'; workerStartedAt: number }
  | { kind: 'notice'; level: 'info' | 'warning'; message: string };

export type WorkerToUi =
  | { kind: 'progress'; id: RequestId; progress: ProgressData }
  | { kind: 'token'; id: RequestId; token: TokenData }
  | WorkerResult
  | { kind: 'error'; id: RequestId; error: AppErrorData }
  | { kind: 'cancelled'; id: RequestId }
  | WorkerNotice;

/** Keyed by request type so the compiler flags a type added to RequestMap but not here. */
const requestTypeSet: { [K in RequestType]: true } = {
  ping: true,
  probe: true,
  'models:inspect': true,
  'models:load': true,
  'models:unload': true,
  'cache:list': true,
  'cache:delete': true,
  'images:put': true,
  'images:drop': true,
  'clip:classify': true,
  'clip:search': true,
  'blip:caption': true,
  'blip:answer': true,
};

export const REQUEST_TYPES = Object.keys(requestTypeSet) as RequestType[];

export function isRequestType(value: unknown): value is RequestType {
  return typeof value === 'string' && (REQUEST_TYPES as readonly string[]).includes(value);
}

export function assertNever(value: never, context: string): never {
  throw new Error(`Unhandled ${context}: ${JSON.stringify(value)}`);
}
