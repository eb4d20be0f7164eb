/**
 * Loads models (files → sessions) and keeps one loaded model per task. Loading
 * is idempotent: asking for the model that is already loaded costs nothing, so
 * inference requests carry their model reference and the worker can reload
 * transparently after a backend failure.
 */
import { AppError } from '../../shared/errors';
import { MODEL_TASKS, type ModelTask } from '../../shared/model-registry';
import { onWasmDtype } from '../../shared/dtype-defaults';
import { loadKey } from '../../shared/model-key';
import type { Backend, Capabilities, LoadedModelInfo, ModelRef } from '../../shared/protocol';
import type { BackendPolicy } from '../runtime/backend-policy';
import { buildNeeded, pinnedOrtBuild, runtimeSwitchError, wasmPathsFor, type OrtBuild, type OrtWasmUrls } from '../runtime/ort-build';
import { ortBuild, setupOrt, type Ort } from '../runtime/ort-env';
import { DeviceWatch } from './device-watch';
import { createWithRecovery, type CreationDeps } from './engine-creation';
import type { EngineFactory, LoadedEngine } from './engine';
import { fetchFiles, planFiles } from './model-files';
import { SharedLoads, type LoadHooks } from './shared-load';

export type { LoadHooks } from './shared-load';

/** How long a failed WebGPU run waits to learn whether the device was lost. */
const DEVICE_LOSS_GRACE_MS = 250;

/** The engine each task loads; `run()` hands the caller exactly this type. */
export type EngineMap = Record<ModelTask, LoadedEngine>;

export interface ManagerDeps<E extends EngineMap> extends CreationDeps {
  policy: BackendPolicy;
  capabilities(): Promise<Capabilities>;
  /** The ORT builds' files; the first load picks one by its backend (ort-build.ts). */
  wasmUrls: OrtWasmUrls;
  engines: { [K in ModelTask]: EngineFactory<E[K]> };
  now?: () => number;
  /** The WebGPU device ORT uses (tests substitute one whose loss they control). */
  webgpuDevice?: (ort: Ort) => Promise<unknown>;
}

interface LoadedModel<T extends LoadedEngine> {
  key: string;
  engine: T;
  info: LoadedModelInfo;
}

export class ModelManager<E extends EngineMap = EngineMap> {
  private readonly loaded: { [K in ModelTask]?: LoadedModel<E[K]> } = {};
  private readonly loads: { [K in ModelTask]: SharedLoads<LoadedModel<E[K]>> } = {
    clip: new SharedLoads(),
    caption: new SharedLoads(),
    vqa: new SharedLoads(),
    itm: new SharedLoads(),
  };
  private readonly device: DeviceWatch;

  constructor(private readonly deps: ManagerDeps<E>) {
    this.device = new DeviceWatch({
      policy: deps.policy,
      ...(deps.webgpuDevice ? { webgpuDevice: deps.webgpuDevice } : {}),
      onLost: (reason) => this.dropWebgpuModels(reason),
    });
  }

  /** Loads (or returns the already loaded) model; concurrent identical loads share one promise. */
  async load(ref: ModelRef, hooks: LoadHooks = {}): Promise<LoadedModelInfo> {
    return (await this.ensure(ref.spec.task, ref, hooks)).info;
  }

  /**
   * Runs a task on the model's engine. If the WebGPU device is lost during the
   * run, the model reloads on WASM (from the cache) and the task runs once more.
   */
  async run<K extends ModelTask, R>(task: K, ref: ModelRef, hooks: LoadHooks, work: (engine: E[K]) => Promise<R>): Promise<R> {
    if (ref.spec.task !== task) {
      throw new AppError({
        code: 'bad-request',
        message: `${ref.spec.displayName} is a ${ref.spec.task} model; this request needs a ${task} model.`,
        action: 'Pick a model for this task in the Models panel.',
      });
    }
    const first = await this.ensure(task, ref, hooks);
    try {
      return await work(first.engine);
    } catch (error) {
      if (first.info.backend !== 'webgpu' || !(await this.device.lost(DEVICE_LOSS_GRACE_MS))) throw error;
      return work((await this.ensure(task, ref, hooks)).engine);
    }
  }

  async unload(task: ModelTask): Promise<boolean> {
    const current = this.loaded[task];
    if (!current) return false;
    delete this.loaded[task];
    await current.engine.dispose();
    return true;
  }

  private async ensure<K extends ModelTask>(task: K, ref: ModelRef, hooks: LoadHooks): Promise<LoadedModel<E[K]>> {
    const choice = await this.deps.policy.choose(ref.device);
    const key = loadKey(ref, choice.backend);
    const current = this.loaded[task];
    if (current?.key === key) return current;
    const needed = buildNeeded(choice);
    const pinned = pinnedOrtBuild();
    const running = ortBuild() ?? pinned;
    // WebGPU needs its build, always; the plain build's speed is not worth a second restart of a pinned
    // worker (a request sent before the user's switch would otherwise bounce the worker back).
    if (needed && running && needed !== running && (needed === 'webgpu' || !pinned)) throw runtimeSwitchError(needed, ref.spec.displayName);
    const build = running ?? needed ?? 'wasm-only';
    const loads: SharedLoads<LoadedModel<E[K]>> = this.loads[task];
    return loads.join(key, hooks, (shared) => this.loadFresh(task, ref, { backend: choice.backend, build, note: choice.note }, shared));
  }

  private async loadFresh<K extends ModelTask>(
    task: K,
    requested: ModelRef,
    { backend, build, note }: { backend: Backend; build: OrtBuild; note: string | undefined },
    hooks: LoadHooks,
  ): Promise<LoadedModel<E[K]>> {
    const now = this.deps.now ?? (() => performance.now());
    const started = now();
    const caps = await this.deps.capabilities();
    const ort = setupOrt({ threads: caps.wasmThreads, build, wasmPaths: wasmPathsFor(build, this.deps.wasmUrls) });
    const notes: string[] = note ? [note] : [];
    const ref = backend === 'wasm' ? onWasmDtype(requested) : requested;
    const files = await fetchFiles(ref, await planFiles(ref, this.deps, hooks.signal), this.deps, hooks, notes);
    const downloaded = now();
    hooks.progress?.({ phase: 'Creating sessions', files: [], overall: { loaded: 1, total: 1 } });
    const factory: EngineFactory<E[K]> = this.deps.engines[task];
    const { engine, backend: used, ref: loadedRef } = await createWithRecovery({ ort, ref, factory, files, hooks, notes }, backend, this.deps);
    if (hooks.signal?.aborted) {
      await engine.dispose();
      throw hooks.signal.reason;
    }
    if (used === 'webgpu') this.device.watch(ort);
    const finished = now();
    const fromCache = files.filter((file) => file.fromCache).reduce((sum, file) => sum + file.bytes.length, 0);
    const total = files.reduce((sum, file) => sum + file.bytes.length, 0);
    const info: LoadedModelInfo = {
      specId: ref.spec.id,
      task: ref.spec.task,
      displayName: ref.spec.displayName,
      repo: ref.spec.repo,
      revision: ref.spec.revision,
      dtype: loadedRef.dtype,
      backend: used,
      threads: used === 'wasm' ? caps.wasmThreads : 0,
      ortBuild: ortBuild() ?? build,
      timings: { downloadMs: downloaded - started, createMs: finished - downloaded, totalMs: finished - started },
      bytes: { total, downloaded: total - fromCache, fromCache },
      sessions: engine.sessions(),
      notes,
    };
    // Keyed by what was asked, not by where it ended up: a model WebGPU would not create stays on WASM for
    // later requests instead of trying WebGPU again at each one.
    const model: LoadedModel<E[K]> = { key: loadKey(requested, backend), engine, info };
    const previous = this.loaded[task];
    this.loaded[task] = model;
    if (previous) await previous.engine.dispose();
    return model;
  }

  private async dropWebgpuModels(reason: string): Promise<void> {
    for (const task of MODEL_TASKS) {
      const model = this.loaded[task];
      if (model?.info.backend !== 'webgpu') continue;
      delete this.loaded[task];
      await model.engine.dispose().catch(() => undefined);
    }
    this.deps.notify('warning', `The WebGPU device was lost (${reason}). Models reload on WASM at their next use.`);
  }
}
