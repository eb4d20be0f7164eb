/**
 * The messages that carry requests and their outcomes across the boundary:
 * one request in, any number of progress/token events, exactly one terminal
 * event (result, error or cancelled) out.
 */
import type { AppErrorData } from '../errors';
import type { MapsDelta } from './attention-maps';
import type { PayloadOf, RequestType, ResultOf } from './request-map';

export type RequestId = number;

export type WorkerRequest = {
  [K in RequestType]: { kind: 'request'; id: RequestId; type: K; payload: PayloadOf<K> };
}[RequestType];

export interface CancelMessage {
  kind: 'cancel';
  id: RequestId;
}

export type UiToWorker = WorkerRequest | CancelMessage;

export interface FileProgress {
  file: string;
  loaded: number;
  /** Bytes expected; 0 while unknown. */
  total: number;
  done: boolean;
}

export interface ProgressData {
  /** Short description of the current phase, e.g. "Downloading", "Creating session". */
  phase: string;
  files: FileProgress[];
  overall: { loaded: number; total: number };
}

export interface TokenData {
  /** Characters to drop from the end of what was streamed so far (beam search can change its mind). */
  rewind: number;
  /** Text to append after that. */
  delta: string;
  /** Generated tokens so far. */
  count: number;
  /** Discard everything streamed so far first: the run started over (a retry after a WebGPU device loss). */
  reset?: boolean;
  /** Attention maps of the streamed words, when the run asked for them and the export has them (issue 14). */
  maps?: MapsDelta;
}

export type WorkerResult = {
  [K in RequestType]: { kind: 'result'; id: RequestId; type: K; result: ResultOf<K> };
}[RequestType];

export type WorkerNotice = { kind: 'ready'; workerStartedAt: number } | { kind: 'notice'; level: 'info' | 'warning'; message: string };

export type WorkerToUi =
  | { kind: 'progress'; id: RequestId; progress: ProgressData }
  | { kind: 'token'; id: RequestId; token: TokenData }
  | WorkerResult
  | { kind: 'error'; id: RequestId; error: AppErrorData }
  | { kind: 'cancelled'; id: RequestId }
  | WorkerNotice;

export function assertNever(value: never, context: string): never {
  throw new Error(`Unhandled ${context}: ${JSON.stringify(value)}`);
}
