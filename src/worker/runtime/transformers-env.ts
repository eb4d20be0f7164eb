/**
 * transformers.js, loaded lazily and configured so it never touches the
 * network: our delivery layer downloads and verifies every file, then hands
 * the bytes to transformers.js through its custom-cache hook.
 */
import type * as TransformersModule from '@huggingface/transformers';
import type { FetchedFile } from '../delivery/types';

export type Transformers = typeof TransformersModule;

/** Requests to this host never leave the worker; they are answered from `provided`. */
const FILE_HOST = 'https://model-files.invalid/';
const provided = new Map<string, Uint8Array>();
let loading: Promise<Transformers> | undefined;
let nextModelId = 1;

const fileProvider = {
  async match(key: string | Request): Promise<Response | undefined> {
    const bytes = provided.get(typeof key === 'string' ? key : key.url);
    return bytes ? new Response(bytes as BodyInit, { status: 200 }) : undefined;
  },
  async put(): Promise<void> {
    // Files are cached (verified) by the delivery layer, not by transformers.js.
  },
};

/** Must run after setupOrt, so transformers.js picks up the shared ORT instance. */
export function loadTransformers(): Promise<Transformers> {
  loading ??= import('@huggingface/transformers').then((transformers) => {
    const { env } = transformers;
    env.allowLocalModels = false;
    env.allowRemoteModels = true;
    env.useBrowserCache = false;
    env.useFSCache = false;
    env.useCustomCache = true;
    env.customCache = fileProvider;
    env.useWasmCache = false;
    env.remoteHost = FILE_HOST;
    env.remotePathTemplate = '{model}/';
    env.fetch = async (input: string | URL | Request) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      return new Response(`Not provided to transformers.js: ${url}`, { status: 404, statusText: 'Not Found' });
    };
    return transformers;
  });
  return loading;
}

export interface ProvidedModel {
  /** The model id to pass to transformers.js `from_pretrained`. */
  modelId: string;
  release(): void;
}

/** Makes fetched files available to transformers.js under a fresh model id. */
export function provideFiles(files: readonly FetchedFile[]): ProvidedModel {
  const modelId = `playground/model-${nextModelId++}`;
  const keys = files.map((file) => `${FILE_HOST}${modelId}/${file.path}`);
  files.forEach((file, index) => provided.set(keys[index] ?? '', file.bytes));
  return {
    modelId,
    release: () => keys.forEach((key) => provided.delete(key)),
  };
}
