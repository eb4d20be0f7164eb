/**
 * Model loading as the UI sees it: per-task load state with progress, size
 * inspections, the cache listing, and the actions that ask the worker.
 * Features (CLIP, BLIP, compare, models) all load through these actions.
 */
import type { InferenceApi } from '../lib/inference-api';
import { AppError, type AppErrorData, toErrorData } from '../shared/errors';
import { loadKey, modelKey } from '../shared/model-key';
import type { LoadState } from '../shared/load-state';
import { DEMO_MODELS, MODEL_TASKS, type ModelTask } from '../shared/model-registry';
import type { CacheListing, LoadedModelInfo, ModelInspection, ModelRef } from '../shared/protocol';
import type { SliceCreator } from './app-state';
import { buildModelRef } from './models/model-refs';

export type { LoadState } from '../shared/load-state';

export type InspectionState = { status: 'pending' } | { status: 'done'; result: ModelInspection } | { status: 'error'; error: AppErrorData };

export interface ModelsSlice {
  demoAvailable: boolean;
  loads: Partial<Record<ModelTask, LoadState>>;
  inspections: Record<string, InspectionState>;
  cacheListing: CacheListing | undefined;
  setDemoAvailable(available: boolean): void;
  modelRef(task: ModelTask): ModelRef | undefined;
  /** The task's load state as far as the current settings go: a load of another host, revision, dtype or device is idle. */
  currentLoad(task: ModelTask): LoadState;
  /** Sizes and cache state of the task's model files; repeated calls reuse the result unless forced. */
  inspectModel(task: ModelTask, force?: boolean): Promise<void>;
  loadModel(task: ModelTask): Promise<LoadedModelInfo>;
  /** Loads the task's model unless the one the settings name is already loaded. */
  ensureModel(task: ModelTask): Promise<LoadedModelInfo>;
  cancelLoad(task: ModelTask): void;
  useDemoModels(): void;
  refreshCache(): Promise<void>;
  deleteCached(repo: string, revision: string): Promise<void>;
  clearCache(): Promise<void>;
}

const IDLE: LoadState = { status: 'idle' };

export interface ModelsDeps {
  api: Pick<InferenceApi, 'inspect' | 'load' | 'listCache' | 'deleteCached'>;
  /** The page's base URL; relative model hosts (`./models/`) resolve against it. */
  baseUrl: string;
}

function notConfigured(task: ModelTask): AppError {
  return new AppError({
    code: 'bad-request',
    message: `No ${task === 'vqa' ? 'BLIP VQA' : task} model is configured.`,
    action: 'Open Settings and enter the repository or URL of an exported model.',
  });
}

export const createModelsSlice =
  ({ api, baseUrl }: ModelsDeps): SliceCreator<ModelsSlice> =>
  (set, get) => {
    const loadControllers = new Map<ModelTask, AbortController>();
    const setLoad = (task: ModelTask, state: LoadState) => set({ loads: { ...get().loads, [task]: state } });
    const afterCacheChange = async () => {
      await get().refreshCache();
      await Promise.all(MODEL_TASKS.map((task) => get().inspectModel(task, true)));
    };

    return {
      demoAvailable: false,
      loads: {},
      inspections: {},
      cacheListing: undefined,
      setDemoAvailable: (available) => set({ demoAvailable: available }),
      modelRef: (task) => {
        const { settings, capabilities, demoAvailable } = get();
        return buildModelRef(task, settings, capabilities, demoAvailable, baseUrl);
      },
      currentLoad: (task) => {
        const load = get().loads[task] ?? IDLE;
        if (load.status !== 'ready' && !(load.status === 'error' && load.key)) return load;
        const ref = get().modelRef(task);
        return ref && loadKey(ref, ref.device) === load.key ? load : IDLE;
      },
      async inspectModel(task, force = false) {
        const ref = get().modelRef(task);
        if (!ref) return;
        const key = modelKey(ref);
        const previous = get().inspections[key]?.status;
        if (previous === 'pending' || (previous === 'done' && !force)) return;
        set({ inspections: { ...get().inspections, [key]: { status: 'pending' } } });
        try {
          const result = await api.inspect(ref);
          set({ inspections: { ...get().inspections, [key]: { status: 'done', result } } });
        } catch (error) {
          set({ inspections: { ...get().inspections, [key]: { status: 'error', error: toErrorData(error) } } });
        }
      },
      async loadModel(task) {
        const ref = get().modelRef(task);
        if (!ref) {
          const error = notConfigured(task);
          setLoad(task, { status: 'error', error: error.toData() });
          throw error;
        }
        loadControllers.get(task)?.abort();
        const controller = new AbortController();
        loadControllers.set(task, controller);
        setLoad(task, { status: 'loading' });
        try {
          const info = await api.load(ref, {
            signal: controller.signal,
            onProgress: (progress) => setLoad(task, { status: 'loading', progress }),
          });
          setLoad(task, { status: 'ready', info, key: loadKey(ref, ref.device) });
          void get().refreshCache();
          void get().inspectModel(task, true);
          return info;
        } catch (error) {
          if (loadControllers.get(task) === controller) {
            const data = toErrorData(error);
            setLoad(task, data.code === 'cancelled' ? { status: 'idle' } : { status: 'error', error: data, key: loadKey(ref, ref.device) });
          }
          throw error;
        } finally {
          if (loadControllers.get(task) === controller) loadControllers.delete(task);
        }
      },
      async ensureModel(task) {
        const load = get().currentLoad(task);
        if (load.status === 'ready') return load.info;
        return get().loadModel(task);
      },
      cancelLoad(task) {
        loadControllers.get(task)?.abort();
      },
      useDemoModels() {
        const selected = { ...get().settings.selected };
        for (const spec of DEMO_MODELS) selected[spec.task] = spec.id;
        get().updateSettings({ selected });
      },
      async refreshCache() {
        try {
          set({ cacheListing: await api.listCache() });
        } catch {
          // The listing is informative; a failure leaves the previous one.
        }
      },
      async deleteCached(repo, revision) {
        await api.deleteCached({ repo, revision });
        await afterCacheChange();
      },
      async clearCache() {
        await api.deleteCached();
        await afterCacheChange();
      },
    };
  };
