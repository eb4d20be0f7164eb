/**
 * Builds the app's store from its dependencies: the inference API, where
 * settings persist, and what the page's URL says. Nothing here reads globals,
 * so a test builds a whole store with a fake API and no browser.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { readHostOffer } from '../lib/host-offer';
import type { GalleryStorage } from '../lib/gallery-db';
import type { InferenceApi } from '../lib/inference-api';
import type { AppState } from './app-state';
import { createBlipSlice } from './blip-slice';
import { createClipSlice } from './clip-slice';
import { persistGallery, type GalleryPersistenceDeps, type StoredImage } from './gallery-persistence';
import { createHostOfferSlice } from './host-offer-slice';
import { createImagesSlice } from './images-slice';
import { createItmSlice } from './itm-slice';
import { createLayoutSlice, loadLayoutPrefs } from './layout-slice';
import { createModelsSlice } from './models-slice';
import { createPatchMapSlice } from './patch-map-slice';
import { createRuntimeSlice } from './runtime-slice';
import { createSettingsSlice, loadSettings, saveSettings } from './settings-slice';
import { readSharedState, stateFromShare } from './share-state';
import { clearErrorsWhenCauseChanges } from './stale-errors';
import { persistWork } from './work-persistence';

export interface StoreDeps {
  api: InferenceApi;
  /** Where settings and the user's work (labels, template, question, decoding) persist; undefined when storage is unavailable (private mode, tests). */
  storage?: Pick<Storage, 'getItem' | 'setItem'> | undefined;
  /** The page's query string: `share=` restores a shared state; `hub=` only offers a host (host-offer-slice.ts). */
  search?: string;
  /** The page's base URL; relative model hosts resolve against it. */
  baseUrl?: string;
  now?: () => number;
  revokeUrl?: (url: string) => void;
  /** Where the gallery persists (IndexedDB in the app); undefined keeps images for this visit only. */
  gallery?: GalleryStorage<StoredImage> | undefined;
  /** Blob ↔ object URL for the stored gallery; defaults to the browser's. */
  galleryUrls?: Omit<GalleryPersistenceDeps, 'now'>;
}

export function createAppStore(deps: StoreDeps): StoreApi<AppState> {
  const { api, storage, search = '', baseUrl = 'http://localhost/' } = deps;
  const now = deps.now ?? (() => performance.now());
  const revokeUrl = deps.revokeUrl ?? ((url: string) => URL.revokeObjectURL(url));
  const initialSettings = loadSettings(storage);
  saveSettings(storage, initialSettings);
  const store = createStore<AppState>()((...args) => ({
    ...createImagesSlice({ api, revokeUrl })(...args),
    ...createRuntimeSlice()(...args),
    ...createSettingsSlice(initialSettings, (settings) => saveSettings(storage, settings))(...args),
    ...createHostOfferSlice(readHostOffer(search, baseUrl, initialSettings.pathTemplate))(...args),
    ...createModelsSlice({ api, baseUrl })(...args),
    ...createClipSlice({ api })(...args),
    ...createBlipSlice({ api, now })(...args),
    ...createItmSlice({ api })(...args),
    ...createPatchMapSlice({ api })(...args),
    ...createLayoutSlice(loadLayoutPrefs(storage), storage)(...args),
  }));
  // Stored work first, so that a shared link opened on top of it wins.
  persistWork(store, storage);
  const shared = readSharedState(search);
  if (shared) {
    const patch = stateFromShare(shared, store.getState());
    store.setState(patch);
    if (patch.settings) saveSettings(storage, patch.settings);
  }
  clearErrorsWhenCauseChanges(store);
  if (deps.gallery) {
    const urls = deps.galleryUrls ?? {
      previewBlob: async (url: string) => (await fetch(url)).blob(),
      createUrl: (blob: Blob) => URL.createObjectURL(blob),
    };
    void persistGallery(store, deps.gallery, { ...urls, now: () => Date.now() });
  }
  return store;
}
