/**
 * One load shared by every request that needs the same model. It stops only
 * when all of its waiters gave up: one tab cancelling must not cancel another
 * request that is waiting for the same files.
 */
import type { ProgressData } from '../../shared/protocol';

export interface LoadHooks {
  signal?: AbortSignal;
  progress?: (progress: ProgressData) => void;
}

interface SharedLoad<T> {
  promise: Promise<T>;
  controller: AbortController;
  waiters: number;
  listeners: Set<(progress: ProgressData) => void>;
}

/** Shared loads by key; a load is forgotten once it settles. */
export class SharedLoads<T> {
  private readonly loading = new Map<string, SharedLoad<T>>();

  /** Joins the running load for `key`, or starts one with `start` when there is none to join. */
  join(key: string, hooks: LoadHooks, start: (hooks: Required<LoadHooks>) => Promise<T>): Promise<T> {
    if (hooks.signal?.aborted) return Promise.reject(hooks.signal.reason);
    let shared = this.loading.get(key);
    // A load everyone gave up on may still be unwinding; never join it.
    if (!shared || shared.controller.signal.aborted) shared = this.start(key, start);
    return wait(shared, hooks);
  }

  private start(key: string, start: (hooks: Required<LoadHooks>) => Promise<T>): SharedLoad<T> {
    const controller = new AbortController();
    const listeners = new Set<(progress: ProgressData) => void>();
    const progress = (update: ProgressData) => listeners.forEach((listener) => listener(update));
    const promise = start({ signal: controller.signal, progress });
    const fresh: SharedLoad<T> = { promise, controller, waiters: 0, listeners };
    void promise
      .catch(() => undefined)
      .finally(() => {
        if (this.loading.get(key) === fresh) this.loading.delete(key);
      });
    this.loading.set(key, fresh);
    return fresh;
  }
}

function wait<T>(shared: SharedLoad<T>, hooks: LoadHooks): Promise<T> {
  const { signal, progress } = hooks;
  if (signal?.aborted) return Promise.reject(signal.reason);
  shared.waiters += 1;
  if (progress) shared.listeners.add(progress);
  return new Promise<T>((resolve, reject) => {
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
      (value) => {
        leave();
        resolve(value);
      },
      (error: unknown) => {
        leave();
        reject(error);
      },
    );
  });
}
