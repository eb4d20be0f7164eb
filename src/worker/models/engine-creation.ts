/**
 * Turns fetched files into an engine, recovering from the two failures a user
 * cannot fix by hand: a graph WebGPU will not run (→ WASM) and a damaged
 * cached file (→ evicted and downloaded once more).
 */
import { onWasmDtype } from '../../shared/dtype-defaults';
import type { Backend, ModelRef } from '../../shared/protocol';
import { storeProvenFiles } from '../delivery/fetch-model-files';
import type { FetchedFile } from '../delivery/types';
import type { Ort } from '../runtime/ort-env';
import { SessionCreateError } from '../runtime/session-factory';
import type { EngineFactory, LoadedEngine } from './engine';
import { BadFileError, blamedFile, describeCause, unusableFile } from './file-error';
import { cacheLabels, fetchFiles, planFiles, type FileDeps } from './model-files';
import type { LoadHooks } from './shared-load';

export interface CreationDeps extends FileDeps {
  notify(level: 'info' | 'warning', message: string): void;
}

export interface CreationInput<E extends LoadedEngine> {
  ort: Ort;
  ref: ModelRef;
  factory: EngineFactory<E>;
  files: FetchedFile[];
  hooks: LoadHooks;
  /** Collects what the user should know about this load. */
  notes: string[];
}

/**
 * A session that will not create on WebGPU is retried on WASM; one that will
 * not create from a cached file is evicted and downloaded again, once.
 */
export async function createWithRecovery<E extends LoadedEngine>(
  input: CreationInput<E>,
  backend: Backend,
  deps: CreationDeps,
): Promise<{ engine: E; backend: Backend; ref: ModelRef }> {
  const { ref, files, hooks, notes } = input;
  try {
    return { engine: await create(input, backend, files, deps), backend, ref };
  } catch (error) {
    if (!(error instanceof SessionCreateError) && !(error instanceof BadFileError)) throw error;
    if (error instanceof SessionCreateError && backend === 'webgpu') {
      const wasmRef = onWasmDtype(ref);
      const precision = wasmRef.dtype === ref.dtype ? '' : ` at ${wasmRef.dtype} (WASM's default; ${ref.dtype} was WebGPU's)`;
      const message = `WebGPU could not load ${error.path} (${describeCause(error.cause)}); ${ref.spec.displayName} runs on WASM${precision} instead.`;
      notes.push(message);
      deps.notify('warning', message);
      if (wasmRef === ref) return createWithRecovery(input, 'wasm', deps);
      const wasmFiles = await fetchFiles(wasmRef, await planFiles(wasmRef, deps, hooks.signal), deps, hooks, notes);
      return createWithRecovery({ ...input, ref: wasmRef, files: wasmFiles }, 'wasm', deps);
    }
    const damaged = files.find((file) => file.path === error.path && file.fromCache);
    if (!damaged) throw unusableFile(ref, error);
    await deps.cache.evict(damaged.url);
    notes.push(`The cached copy of ${damaged.path} could not be loaded; it was evicted and downloaded again.`);
    const fresh = await fetchFiles(ref, await planFiles(ref, deps, hooks.signal), deps, hooks, notes, new Set([damaged.url]));
    try {
      return { engine: await create(input, backend, fresh, deps), backend, ref };
    } catch (retryError) {
      throw blamedFile(retryError) ? unusableFile(ref, retryError as SessionCreateError | BadFileError) : retryError;
    }
  }
}

async function create<E extends LoadedEngine>(input: CreationInput<E>, backend: Backend, from: FetchedFile[], deps: CreationDeps): Promise<E> {
  const byPath = new Map(from.map((file) => [file.path, file]));
  try {
    const engine = await input.factory({ ort: input.ort, backend, spec: input.ref.spec, dtype: input.ref.dtype, files: byPath });
    // Only now are files without a host hash proven; a model that fails to load leaves nothing behind.
    const onWarning = (warning: { message: string; action?: string }) => input.notes.push(`${warning.message} ${warning.action ?? ''}`.trim());
    await storeProvenFiles(from, { cache: deps.cache, labels: cacheLabels(input.ref), onWarning });
    return engine;
  } finally {
    // Engines read their files only while they are created (ORT copies each model into its own
    // heap), but they keep their context: left filled, this map would hold every file's bytes
    // for the model's lifetime (~0.8 GB for the three q8 models; measured by the benchmark).
    byPath.clear();
  }
}
