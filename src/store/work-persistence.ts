/**
 * The user's work — labels, template, question, caption prefix and decoding —
 * survives a reload, in the storage the store was given (never the images'
 * pixels; see gallery persistence for those). It is stored in the share-link
 * shape and read back through the same validation, so a stored value can
 * never be something a link could not carry.
 */
import type { StoreApi } from 'zustand';
import type { AppState } from './app-state';
import { sharedStateOf, stateFromShare, type SharedState } from './share-state';

const WORK_KEY = 'playground-work-v1';

type Work = Pick<SharedState, 'labels' | 'template' | 'question' | 'prefix' | 'captionDecoding' | 'vqaDecoding'>;

function workOf(state: AppState): Work {
  const { labels, template, question, prefix, captionDecoding, vqaDecoding } = sharedStateOf(state);
  return { labels, template, question, prefix, captionDecoding, vqaDecoding };
}

function readWork(storage: Pick<Storage, 'getItem'>): Partial<Work> | undefined {
  try {
    const parsed = JSON.parse(storage.getItem(WORK_KEY) ?? 'null') as unknown;
    return typeof parsed === 'object' && parsed !== null ? (parsed as Partial<Work>) : undefined;
  } catch {
    return undefined;
  }
}

/** Restores the stored work into the store, then writes it back whenever it changes. */
export function persistWork(store: StoreApi<AppState>, storage: Pick<Storage, 'getItem' | 'setItem'> | undefined): void {
  if (!storage) return;
  const stored = readWork(storage);
  if (stored) {
    // Only the work fields: model settings have their own storage, and a stored `settings` must not slip in.
    const { settings: _ignored, ...patch } = stateFromShare(stored, store.getState());
    store.setState(patch);
  }
  let saved = JSON.stringify(workOf(store.getState()));
  store.subscribe((state) => {
    const next = JSON.stringify(workOf(state));
    if (next === saved) return;
    saved = next;
    try {
      storage.setItem(WORK_KEY, next);
    } catch {
      // Full or blocked storage: the work then lasts for this visit only.
    }
  });
}
