/** What every model engine (CLIP, BLIP captioning, BLIP VQA) gives the model manager. */
import type { Dtype, ModelSpec } from '../../shared/model-registry';
import type { Backend, SessionInfo } from '../../shared/protocol';
import type { FetchedFile } from '../delivery/types';
import type { Ort } from '../runtime/ort-env';
import { BadFileError } from './file-error';

export interface EngineContext {
  ort: Ort;
  backend: Backend;
  spec: ModelSpec;
  dtype: Dtype;
  /** Files by path inside the model folder. */
  files: ReadonlyMap<string, FetchedFile>;
}

export interface LoadedEngine {
  sessions(): SessionInfo[];
  dispose(): Promise<void>;
}

export type EngineFactory<T extends LoadedEngine = LoadedEngine> = (context: EngineContext) => Promise<T>;

export function requireFile(context: EngineContext, path: string): FetchedFile {
  const file = context.files.get(path);
  if (!file) throw new Error(`${path} was not fetched for ${context.spec.displayName}.`);
  return file;
}

export function readJson<T>(context: EngineContext, path: string): T {
  try {
    return JSON.parse(new TextDecoder().decode(requireFile(context, path).bytes)) as T;
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    throw new BadFileError(path, `it is not valid JSON (${error.message})`);
  }
}
