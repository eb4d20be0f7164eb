/**
 * User settings that shape model loading: host, path template, device, dtype
 * and model per task, custom models. Persisted in localStorage. A `hub=` URL
 * parameter only proposes a host: it applies after the user agrees
 * (lib/host-offer.ts, features/models/host-consent-dialog.tsx).
 */
import type { Dtype, ModelSpec, ModelTask } from '../shared/model-registry';
import { DEFAULT_HOST, DEFAULT_PATH_TEMPLATE } from '../shared/model-source';
import type { DeviceSetting } from '../shared/protocol';
import type { SliceCreator } from './app-state';

export interface Settings {
  host: string;
  pathTemplate: string;
  device: DeviceSetting;
  /** Chosen dtype per model spec id. */
  dtypes: Record<string, Dtype>;
  /** Chosen model spec id per task. */
  selected: Partial<Record<ModelTask, string>>;
  customModels: ModelSpec[];
}

export const DEFAULT_SETTINGS: Settings = {
  host: DEFAULT_HOST,
  pathTemplate: DEFAULT_PATH_TEMPLATE,
  device: 'auto',
  dtypes: {},
  selected: {},
  customModels: [],
};

export interface SettingsSlice {
  settings: Settings;
  updateSettings(patch: Partial<Settings>): void;
  setDtype(specId: string, dtype: Dtype): void;
  selectModel(task: ModelTask, specId: string): void;
  addCustomModel(spec: ModelSpec): void;
  removeCustomModel(specId: string): void;
  resetSource(): void;
}

const STORAGE_KEY = 'playground-settings-v1';

export function loadSettings(storage: Pick<Storage, 'getItem'> | undefined): Settings {
  let settings = DEFAULT_SETTINGS;
  try {
    const stored = storage?.getItem(STORAGE_KEY);
    if (stored) settings = { ...DEFAULT_SETTINGS, ...(JSON.parse(stored) as Partial<Settings>) };
  } catch {
    settings = DEFAULT_SETTINGS;
  }
  return settings;
}

export function saveSettings(storage: Pick<Storage, 'setItem'> | undefined, settings: Settings): void {
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify(settings));
  } catch {
    // Private mode or full storage: settings then last for this visit only.
  }
}

export function createSettingsSlice(initial: Settings, persist: (settings: Settings) => void): SliceCreator<SettingsSlice> {
  return (set, get) => {
    const apply = (next: Settings) => {
      set({ settings: next });
      persist(next);
    };
    return {
      settings: initial,
      updateSettings: (patch) => apply({ ...get().settings, ...patch }),
      setDtype: (specId, dtype) => apply({ ...get().settings, dtypes: { ...get().settings.dtypes, [specId]: dtype } }),
      selectModel: (task, specId) => apply({ ...get().settings, selected: { ...get().settings.selected, [task]: specId } }),
      addCustomModel: (spec) => {
        const current = get().settings;
        apply({
          ...current,
          customModels: [...current.customModels.filter((model) => model.id !== spec.id), spec],
          selected: { ...current.selected, [spec.task]: spec.id },
        });
      },
      removeCustomModel: (specId) => {
        const current = get().settings;
        const removed = current.customModels.find((model) => model.id === specId);
        const selected = { ...current.selected };
        if (removed && selected[removed.task] === specId) delete selected[removed.task];
        apply({ ...current, customModels: current.customModels.filter((model) => model.id !== specId), selected });
      },
      resetSource: () => apply({ ...get().settings, host: DEFAULT_HOST, pathTemplate: DEFAULT_PATH_TEMPLATE }),
    };
  };
}
