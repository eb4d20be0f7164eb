/**
 * Turns fetched files into an engine, recovering from the two failures a user
 * cannot fix by hand: a graph WebGPU will not run (→ WASM) and a damaged
 * cached file (→ evicted and downloaded once more).
 */
import { AppError } from '../../shared/errors';
import type { Backend, ModelRef } from '../../shared/protocol';
import type { FetchedFile } from '../delivery/types';
import type { Ort } from '../runtime/ort-env';
import { SessionCreateError } from '../runtime/session-factory';
import type { EngineFactory, LoadedEngine } from './engine';
import { fetchFiles, planFiles, type FileDeps } from './model-files';
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
): Promise<{ engine: E; backend: Backend }> {
  const { ref, files, hooks, notes } = input;
  try {
    return { engine: await create(input, backend, files), backend };
  } catch (error) {
    if (!(error instanceof SessionCreateError)) throw error;
    if (backend === 'webgpu') {
      const message = `WebGPU could not load ${error.path} (${describeCause(error.cause)}); ${ref.spec.displayName} runs on WASM instead.`;
      notes.push(message);
      deps.notify('warning', message);
      return createWithRecovery(input, 'wasm', deps);
    }
    const damaged = files.find((file) => file.path === error.path && file.fromCache);
    if (!damaged) throw loadFailure(ref, error);
    await deps.cache.evict(damaged.url);
    notes.push(`The cached copy of ${damaged.path} could not be loaded; it was evicted and downloaded again.`);
    const fresh = await fetchFiles(ref, await planFiles(ref, deps, hooks.signal), deps, hooks, notes, new Set([damaged.url]));
    try {
      return { engine: await create(input, backend, fresh), backend };
    } catch (retryError) {
      throw retryError instanceof SessionCreateError ? loadFailure(ref, retryError) : retryError;
    }
  }
}

async function create<E extends LoadedEngine>(input: CreationInput<E>, backend: Backend, from: FetchedFile[]): Promise<E> {
  const byPath = new Map(from.map((file) => [file.path, file]));
  try {
    return await input.factory({ ort: input.ort, backend, spec: input.ref.spec, dtype: input.ref.dtype, files: byPath });
  } finally {
    // Engines read their files only while they are created (ORT copies each model into its own
    // heap), but they keep their context: left filled, this map would hold every file's bytes
    // for the model's lifetime (~0.8 GB for the three q8 models; measured by the benchmark).
    byPath.clear();
  }
}

function loadFailure(ref: ModelRef, error: SessionCreateError): AppError {
  return new AppError({
    code: 'model-load-failed',
    message: `${error.path} of ${ref.spec.displayName} could not be loaded by ONNX Runtime (${error.backend}).`,
    action: 'Check that the repository and dtype are right; the file may be damaged or in an unsupported format.',
    detail: describeCause(error.cause),
  });
}

function describeCause(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
