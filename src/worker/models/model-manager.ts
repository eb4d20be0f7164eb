/**
 * Loads models (files → sessions) and keeps one loaded model per task. Loading
 * is idempotent: asking for the model that is already loaded costs nothing, so
 * inference requests carry their model reference and the worker can reload
 * transparently after a backend failure.
 */
import { AppError } from '../../shared/errors';
import type { ModelTask } from '../../shared/model-registry';
import { describeHost, fileUrl } from '../../shared/model-source';
import type { Backend, Capabilities, LoadedModelInfo, ModelRef, ProgressData } from '../../shared/protocol';
import { downloadFile } from '../delivery/download-file';
import { fetchModelFiles, storeProvenFiles } from '../delivery/fetch-model-files';
import { lookupFileMeta } from '../delivery/file-metadata';
import type { CacheLabels, FetchedFile, FetchLike, FileRequest, SleepLike } from '../delivery/types';
import type { VerifiedCache } from '../delivery/verified-cache';
import type { BackendPolicy } from '../runtime/backend-policy';
import { setupOrt, type Ort } from '../runtime/ort-env';
import { SessionCreateError } from '../runtime/session-factory';
import { BadFileError, blamedFile, describeCause, unusableFile } from './file-error';
import { modelFileRequests } from './model-files';
import type { EngineFactory, LoadedEngine } from './engine';

/** How long a failed WebGPU run waits to learn whether the device was lost. */
const DEVICE_LOSS_GRACE_MS = 250;

export interface ManagerDeps {
  fetch: FetchLike;
  sleep: SleepLike;
  cache: VerifiedCache;
  policy: BackendPolicy;
  capabilities(): Promise<Capabilities>;
  wasmUrl: string;
  engines: Record<ModelTask, EngineFactory>;
  notify(level: 'info' | 'warning', message: string): void;
  now?: () => number;
  /** The WebGPU device ORT uses (tests substitute one whose loss they control). */
  webgpuDevice?: (ort: Ort) => Promise<unknown>;
}

interface LostInfo {
  message?: string;
  reason?: string;
}

function ortWebgpuDevice(ort: Ort): Promise<unknown> {
  try {
    return Promise.resolve(ort.env.webgpu.device);
  } catch (error) {
    return Promise.reject(error);
  }
}

export interface LoadHooks {
  signal?: AbortSignal;
  progress?: (progress: ProgressData) => void;
}

interface LoadedModel {
  key: string;
  engine: LoadedEngine;
  info: LoadedModelInfo;
}

/** One load shared by every request that needs the same model; it stops only when all of them gave up. */
interface SharedLoad {
  promise: Promise<LoadedModel>;
  controller: AbortController;
  waiters: number;
  listeners: Set<(progress: ProgressData) => void>;
}

export class ModelManager {
  private readonly loaded = new Map<ModelTask, LoadedModel>();
  private readonly loading = new Map<string, SharedLoad>();
  /** Settles once a WebGPU device loss has been handled (models dropped, policy switched to WASM). */
  private deviceLoss: Promise<void> | undefined;

  constructor(private readonly deps: ManagerDeps) {}

  /** Loads (or returns the already loaded) model; concurrent identical loads share one promise. */
  async load(ref: ModelRef, hooks: LoadHooks = {}): Promise<LoadedModelInfo> {
    return (await this.ensure(ref, hooks)).info;
  }

  async engineFor<T extends LoadedEngine>(ref: ModelRef, hooks: LoadHooks = {}): Promise<T> {
    return (await this.ensure(ref, hooks)).engine as T;
  }

  /**
   * Runs a task on the model's engine. If the WebGPU device is lost during the
   * run, the model reloads on WASM (from the cache) and the task runs once more.
   */
  async run<T extends LoadedEngine, R>(ref: ModelRef, hooks: LoadHooks, task: (engine: T) => Promise<R>): Promise<R> {
    const engine = await this.engineFor<T>(ref, hooks);
    const onWebgpu = this.loaded.get(ref.spec.task)?.info.backend === 'webgpu';
    try {
      return await task(engine);
    } catch (error) {
      if (!onWebgpu || !(await this.webgpuLost(DEVICE_LOSS_GRACE_MS))) throw error;
      return task(await this.engineFor<T>(ref, hooks));
    }
  }

  async unload(task: ModelTask): Promise<boolean> {
    const current = this.loaded.get(task);
    if (!current) return false;
    this.loaded.delete(task);
    await current.engine.dispose();
    return true;
  }

  private async ensure(ref: ModelRef, hooks: LoadHooks): Promise<LoadedModel> {
    const choice = await this.deps.policy.choose(ref.device);
    const key = modelKey(ref, choice.backend);
    const current = this.loaded.get(ref.spec.task);
    if (current?.key === key) return current;
    let shared = this.loading.get(key);
    // A load everyone gave up on may still be unwinding; never join it.
    if (!shared || shared.controller.signal.aborted) {
      const controller = new AbortController();
      const listeners = new Set<(progress: ProgressData) => void>();
      const progress = (update: ProgressData) => listeners.forEach((listener) => listener(update));
      const promise = this.loadFresh(ref, choice.backend, choice.note, { signal: controller.signal, progress });
      const fresh: SharedLoad = { promise, controller, waiters: 0, listeners };
      void promise.catch(() => undefined).finally(() => {
        if (this.loading.get(key) === fresh) this.loading.delete(key);
      });
      this.loading.set(key, fresh);
      shared = fresh;
    }
    return this.wait(shared, hooks);
  }

  private wait(shared: SharedLoad, hooks: LoadHooks): Promise<LoadedModel> {
    const { signal, progress } = hooks;
    if (signal?.aborted) return Promise.reject(signal.reason);
    shared.waiters += 1;
    if (progress) shared.listeners.add(progress);
    return new Promise<LoadedModel>((resolve, reject) => {
      const leave = () => {
        shared.waiters -= 1;
        if (progress) shared.listeners.delete(progress);
        signal?.removeEventListener('abort', onAbort);
      };
      const onAbort = () => {
        leave();
        if (shared.waiters === 0) shared.controller.abort(signal?.reason);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      shared.promise.then(
        (model) => {
          leave();
          resolve(model);
        },
        (error: unknown) => {
          leave();
          reject(error);
        },
      );
    });
  }

  private async loadFresh(ref: ModelRef, backend: Backend, note: string | undefined, hooks: LoadHooks): Promise<LoadedModel> {
    const now = this.deps.now ?? (() => performance.now());
    const started = now();
    const caps = await this.deps.capabilities();
    const ort = setupOrt({ threads: caps.wasmThreads, wasmUrl: this.deps.wasmUrl });
    const notes: string[] = note ? [note] : [];
    const files = await this.fetchFiles(ref, await this.plan(ref, hooks.signal), hooks, notes);
    const downloaded = now();
    hooks.progress?.({ phase: 'Creating sessions', files: [], overall: { loaded: 1, total: 1 } });
    const { engine, backend: used } = await this.createWithRecovery(ort, ref, backend, files, hooks, notes);
    if (hooks.signal?.aborted) {
      await engine.dispose();
      throw hooks.signal.reason;
    }
    if (used === 'webgpu') this.watchDevice(ort);
    const finished = now();
    const fromCache = files.filter((file) => file.fromCache).reduce((sum, file) => sum + file.bytes.length, 0);
    const total = files.reduce((sum, file) => sum + file.bytes.length, 0);
    const info: LoadedModelInfo = {
      specId: ref.spec.id,
      task: ref.spec.task,
      displayName: ref.spec.displayName,
      repo: ref.spec.repo,
      revision: ref.spec.revision,
      dtype: ref.dtype,
      backend: used,
      threads: used === 'wasm' ? caps.wasmThreads : 0,
      timings: { downloadMs: downloaded - started, createMs: finished - downloaded, totalMs: finished - started },
      bytes: { total, downloaded: total - fromCache, fromCache },
      sessions: engine.sessions(),
      notes,
    };
    const model: LoadedModel = { key: modelKey(ref, used), engine, info };
    const previous = this.loaded.get(ref.spec.task);
    this.loaded.set(ref.spec.task, model);
    if (previous) await previous.engine.dispose();
    return model;
  }



  /** Adds sizes and hashes for files that must be downloaded; fails early, by name, on files the host lacks. */
  private async plan(ref: ModelRef, signal?: AbortSignal): Promise<FileRequest[]> {
    const files = modelFileRequests(ref);
    const cached = await Promise.all(files.map((file) => this.deps.cache.info(file.url)));
    const uncached = files.filter((_, index) => !cached[index]);
    if (uncached.length === 0) return files;
    const meta = await lookupFileMeta(
      ref.source,
      ref.spec.repo,
      ref.spec.revision,
      uncached.map((file) => file.path),
      this.deps.fetch,
      signal,
    );
    const missing = uncached.filter((file) => meta.get(file.path)?.exists === false).map((file) => file.path);
    if (missing.length > 0) {
      throw new AppError({
        code: 'not-found',
        message: `${ref.spec.displayName} (${ref.dtype}) is incomplete on ${describeHost(files[0]?.url ?? '')}: ${missing.join(', ')} ${missing.length === 1 ? 'does' : 'do'} not exist.`,
        action: 'Pick another dtype, or check the repository, revision and host in Settings.',
        detail: missing.map((path) => fileUrl(ref.source, ref.spec.repo, ref.spec.revision, path)).join('\n'),
      });
    }
    return files.map((file) => {
      const found = meta.get(file.path);
      return { ...file, ...(found?.size === undefined ? {} : { size: found.size }), ...(found?.sha256 ? { sha256: found.sha256 } : {}), ...(found?.gitOid ? { gitOid: found.gitOid } : {}) };
    });
  }

  private async fetchFiles(
    ref: ModelRef,
    requests: FileRequest[],
    hooks: LoadHooks,
    notes: string[],
    bypassCache?: ReadonlySet<string>,
  ): Promise<FetchedFile[]> {
    // One failed file stops the others: no point finishing downloads of a load that already failed.
    const controller = new AbortController();
    const abort = () => controller.abort(hooks.signal?.reason);
    hooks.signal?.addEventListener('abort', abort, { once: true });
    try {
      return await fetchModelFiles(requests, {
        cache: this.deps.cache,
        labels: cacheLabels(ref),
        download: (file, onBytes) =>
          downloadFile(file, { fetch: this.deps.fetch, sleep: this.deps.sleep, signal: controller.signal, onBytes }),
        onProgress: (progress) => hooks.progress?.(progress),
        onWarning: (warning) => notes.push(`${warning.message} ${warning.action ?? ''}`.trim()),
        ...(bypassCache ? { bypassCache } : {}),
      });
    } catch (error) {
      controller.abort(error);
      throw error;
    } finally {
      hooks.signal?.removeEventListener('abort', abort);
    }
  }

  /**
   * A session that will not create on WebGPU is retried on WASM; one that will
   * not create from a cached file is evicted and downloaded again, once.
   */
  private async createWithRecovery(
    ort: Ort,
    ref: ModelRef,
    backend: Backend,
    files: FetchedFile[],
    hooks: LoadHooks,
    notes: string[],
  ): Promise<{ engine: LoadedEngine; backend: Backend }> {
    const create = async (on: Backend, from: FetchedFile[]) => {
      const byPath = new Map(from.map((file) => [file.path, file]));
      try {
        const engine = await this.deps.engines[ref.spec.task]({ ort, backend: on, spec: ref.spec, dtype: ref.dtype, files: byPath });
        // Only now are files without a host hash proven; a model that fails to load leaves nothing behind.
        await storeProvenFiles(from, { cache: this.deps.cache, labels: cacheLabels(ref), onWarning: (warning) => notes.push(`${warning.message} ${warning.action ?? ''}`.trim()) });
        return engine;
      } finally {
        // Engines read their files only while they are created (ORT copies each model into its own
        // heap), but they keep their context: left filled, this map would hold every file's bytes
        // for the model's lifetime (~0.8 GB for the three q8 models; measured by the benchmark).
        byPath.clear();
      }
    };
    try {
      return { engine: await create(backend, files), backend };
    } catch (error) {
      if (!(error instanceof SessionCreateError) && !(error instanceof BadFileError)) throw error;
      if (error instanceof SessionCreateError && backend === 'webgpu') {
        const message = `WebGPU could not load ${error.path} (${describeCause(error.cause)}); ${ref.spec.displayName} runs on WASM instead.`;
        notes.push(message);
        this.deps.notify('warning', message);
        return this.createWithRecovery(ort, ref, 'wasm', files, hooks, notes);
      }
      const damaged = files.find((file) => file.path === error.path && file.fromCache);
      if (!damaged) throw unusableFile(ref, error);
      await this.deps.cache.evict(damaged.url);
      notes.push(`The cached copy of ${damaged.path} could not be loaded; it was evicted and downloaded again.`);
      const fresh = await this.fetchFiles(ref, await this.plan(ref, hooks.signal), hooks, notes, new Set([damaged.url]));
      try {
        return { engine: await create(backend, fresh), backend };
      } catch (retryError) {
        throw blamedFile(retryError) ? unusableFile(ref, retryError as SessionCreateError | BadFileError) : retryError;
      }
    }
  }

  /** After a WebGPU device loss every later load goes to WASM, and loaded WebGPU models are dropped. */
  private watchDevice(ort: Ort): void {
    if (this.deviceLoss) return;
    this.deviceLoss = (this.deps.webgpuDevice ?? ortWebgpuDevice)(ort)
      .then((device) => (device as { lost?: Promise<LostInfo> } | undefined)?.lost)
      .then(async (lost) => {
        if (!lost) return new Promise<void>(() => undefined);
        const reason = lost.message || lost.reason || 'the GPU device was lost';
        this.deps.policy.markWebgpuFailed(reason);
        for (const [task, model] of this.loaded) {
          if (model.info.backend !== 'webgpu') continue;
          this.loaded.delete(task);
          await model.engine.dispose().catch(() => undefined);
        }
        this.deps.notify('warning', `The WebGPU device was lost (${reason}). Models reload on WASM at their next use.`);
      });
  }

  /** Whether WebGPU is (or, within a short grace period, turns out to be) lost. */
  private async webgpuLost(graceMs: number): Promise<boolean> {
    if (this.deps.policy.webgpuFailed) return true;
    if (!this.deviceLoss) return false;
    const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), graceMs));
    return Promise.race([this.deviceLoss.then(() => true, () => false), timeout]);
  }

}

function modelKey(ref: ModelRef, backend: Backend): string {
  return [ref.spec.id, ref.spec.repo, ref.spec.revision, ref.dtype, backend, ref.source.host, ref.source.pathTemplate].join('|');
}

function cacheLabels(ref: ModelRef): CacheLabels {
  return { modelId: ref.spec.id, repo: ref.spec.repo, revision: ref.spec.revision };
}
