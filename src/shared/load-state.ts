/**
 * A model load as the UI shows it. Plain data over protocol types, here so
 * that the store (which keeps it) and the presentational status line (which
 * may import nothing but shared) use one definition.
 */
import type { AppErrorData } from './errors';
import type { LoadedModelInfo, ProgressData } from './protocol';

export type LoadState =
  | { status: 'idle' }
  | { status: 'loading'; progress?: ProgressData }
  /** `key` is the loadKey of the ref that was loaded: settings that change it make this load stale. */
  | { status: 'ready'; info: LoadedModelInfo; key: string }
  /** `key` as for ready: the error belongs to that model, and says nothing about another one. */
  | { status: 'error'; error: AppErrorData; key?: string };
