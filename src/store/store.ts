/**
 * The app's one zustand store, composed of typed slices. `initStore()` builds
 * it (main.tsx calls it once, before rendering, with the page's storage and
 * URL); `useAppStore` reads whichever store was built last, so components and
 * tests use the same hook.
 */
import type { StoreApi } from 'zustand';
import { useStore } from 'zustand';
import type { AppState } from './app-state';
import { createAppStore, type StoreDeps } from './create-store';

export type { AppState } from './app-state';
export type { StoreDeps } from './create-store';

let store: StoreApi<AppState> | undefined;

export function initStore(deps: StoreDeps): StoreApi<AppState> {
  store = createAppStore(deps);
  return store;
}

function current(): StoreApi<AppState> {
  if (!store) throw new Error('initStore() must run before the store is used (main.tsx calls it before rendering).');
  return store;
}

const whole = (state: AppState) => state;

function useAppStoreHook(): AppState;
function useAppStoreHook<T>(selector: (state: AppState) => T): T;
function useAppStoreHook<T>(selector?: (state: AppState) => T): T | AppState {
  return useStore<StoreApi<AppState>, T | AppState>(current(), selector ?? whole);
}

export const useAppStore = Object.assign(useAppStoreHook, {
  getState: (): AppState => current().getState(),
  setState: (patch: Partial<AppState>): void => current().setState(patch),
  subscribe: (listener: (state: AppState, previous: AppState) => void): (() => void) => current().subscribe(listener),
});
