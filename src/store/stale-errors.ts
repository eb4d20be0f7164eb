/**
 * Errors belong to their cause. A failed caption, answer or CLIP run says
 * something about the model it ran on; once that model is no longer the one
 * the settings name (switched to the demo, another host) or it has since
 * loaded fine (a retry worked), the old message would only make the new state
 * look broken, so it goes.
 */
import type { StoreApi } from 'zustand';
import { loadKey } from '../shared/model-key';
import { MODEL_TASKS, type ModelTask } from '../shared/model-registry';
import type { AppState } from './app-state';

/** What a run's error was about: the model the settings name, and whether it has loaded. */
function cause(state: AppState, task: ModelTask): string {
  const ref = state.modelRef(task);
  const ready = state.loads[task]?.status === 'ready';
  return `${ref ? loadKey(ref, ref.device) : 'none'}|${ready ? 'ready' : 'not-ready'}`;
}

function withoutErrors(state: AppState, task: ModelTask): Partial<AppState> {
  if (task === 'clip') return state.clipError ? { clipError: undefined } : {};
  if (task === 'caption') {
    const failed = Object.entries(state.captions).filter(([, caption]) => caption.status === 'error');
    if (failed.length === 0) return {};
    return { captions: Object.fromEntries(Object.entries(state.captions).filter(([, caption]) => caption.status !== 'error')) };
  }
  const changed = Object.values(state.qaHistory).some((entries) => entries.some((entry) => entry.status === 'error'));
  if (!changed) return {};
  return {
    qaHistory: Object.fromEntries(Object.entries(state.qaHistory).map(([key, entries]) => [key, entries.filter((entry) => entry.status !== 'error')])),
  };
}

/** Clears a task's run errors whenever its model changes or finishes loading. */
export function clearErrorsWhenCauseChanges(store: StoreApi<AppState>): () => void {
  let causes = new Map(MODEL_TASKS.map((task) => [task, cause(store.getState(), task)]));
  return store.subscribe((state) => {
    const next = new Map(MODEL_TASKS.map((task) => [task, cause(state, task)]));
    const changed = MODEL_TASKS.filter((task) => next.get(task) !== causes.get(task));
    causes = next;
    const patch = changed.reduce<Partial<AppState>>((acc, task) => ({ ...acc, ...withoutErrors(state, task) }), {});
    if (Object.keys(patch).length > 0) store.setState(patch);
  });
}
