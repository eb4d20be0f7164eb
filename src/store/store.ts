/** The app's one zustand store, composed of typed slices. */
import { create } from 'zustand';
import type { AppState } from './app-state';
import { createBlipSlice } from './blip-slice';
import { createClipSlice } from './clip-slice';
import { createImagesSlice } from './images-slice';
import { createModelsSlice } from './models-slice';
import { createRuntimeSlice } from './runtime-slice';
import { createSettingsSlice, loadSettings, saveSettings } from './settings-slice';
import { readSharedState, stateFromShare } from './share-state';

export type { AppState } from './app-state';

const storage = typeof localStorage === 'undefined' ? undefined : localStorage;
const initialSettings = loadSettings(storage);
saveSettings(storage, initialSettings);

export const useAppStore = create<AppState>()((...args) => ({
  ...createImagesSlice(...args),
  ...createRuntimeSlice(...args),
  ...createSettingsSlice(initialSettings, (settings) => saveSettings(storage, settings))(...args),
  ...createModelsSlice(...args),
  ...createClipSlice(...args),
  ...createBlipSlice(...args),
}));

const shared = readSharedState(typeof location === 'undefined' ? '' : location.search);
if (shared) {
  const patch = stateFromShare(shared, useAppStore.getState());
  useAppStore.setState(patch);
  if (patch.settings) saveSettings(storage, patch.settings);
}
