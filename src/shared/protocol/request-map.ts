/**
 * Request type → payload and result. The map is the single list of requests:
 * the dispatcher's handler table, the client's typed `request()` and the
 * runtime check of incoming types are all derived from it.
 */
import type { BlipEncodeResult, BlipResult, DecodingSettings } from './blip';
import type { ClipClassifyResult, ClipSearchResult } from './clip';
import type { WorkerImage } from './images';
import type { ItmScoreResult, ItmSearchResult } from './itm';
import type { CacheListing, LoadedModelInfo, ModelInspection, ModelRef } from './models';
import type { ModelTask } from '../model-registry';
import type { Capabilities, OrtBuild, PingPayload, PingResult } from './runtime';

/** Request type → payload and result. Adding a request means adding it here. */
export interface RequestMap {
  ping: { payload: PingPayload; result: PingResult };
  probe: { payload: Record<string, never>; result: Capabilities };
  /** The first message to a worker the client restarted to change builds: its first model load uses this build. */
  'runtime:build': { payload: { build: OrtBuild }; result: { build: OrtBuild } };
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
  /** Per-patch cosine of one image with one text (issue 14); null when the export has no patch_embeds. */
  'clip:patch-map': { payload: { model: ModelRef; imageKey: string; text: string }; result: { cosines: number[] | null } };
  'blip:caption': {
    payload: { model: ModelRef; imageKey: string; prompt?: string; decoding: DecodingSettings; attentionMaps?: boolean };
    result: BlipResult;
  };
  'blip:answer': {
    payload: { model: ModelRef; imageKey: string; question: string; decoding: DecodingSettings; attentionMaps?: boolean };
    result: BlipResult;
  };
  /** Encodes images' BLIP vision states into the worker's cache, in batches, ahead of their captions (Caption all). */
  'blip:encode': { payload: { model: ModelRef; imageKeys: string[] }; result: BlipEncodeResult };
  'itm:score': {
    payload: { model: ModelRef; imageKey: string; labels: string[]; template: string };
    result: ItmScoreResult;
  };
  /** `firstStage`: image keys in the order to re-rank (CLIP's); without it, BLIP's ITC ranking. */
  'itm:search': {
    payload: { model: ModelRef; imageKeys: string[]; query: string; topK: number; firstStage?: string[] };
    result: ItmSearchResult;
  };
}

export type RequestType = keyof RequestMap;
export type PayloadOf<K extends RequestType> = RequestMap[K]['payload'];
export type ResultOf<K extends RequestType> = RequestMap[K]['result'];
/** Keyed by request type so the compiler flags a type added to RequestMap but not here. */
const requestTypeSet: { [K in RequestType]: true } = {
  ping: true,
  probe: true,
  'runtime:build': true,
  'models:inspect': true,
  'models:load': true,
  'models:unload': true,
  'cache:list': true,
  'cache:delete': true,
  'images:put': true,
  'images:drop': true,
  'clip:classify': true,
  'clip:search': true,
  'clip:patch-map': true,
  'blip:caption': true,
  'blip:answer': true,
  'blip:encode': true,
  'itm:score': true,
  'itm:search': true,
};

export const REQUEST_TYPES = Object.keys(requestTypeSet) as RequestType[];

export function isRequestType(value: unknown): value is RequestType {
  return typeof value === 'string' && (REQUEST_TYPES as readonly string[]).includes(value);
}
