/**
 * Errors cross the worker boundary as plain data. Every error says what failed
 * (message), what the user can do about it (action) and, for the curious, the
 * underlying cause (detail).
 */
import type { OrtBuild } from './protocol/runtime';

export const ERROR_CODES = [
  'bad-request',
  'cancelled',
  'timeout',
  'worker-crashed',
  'download-failed',
  'not-found',
  /** The host answered 401/404/410 for the model's repository or a file: not a connection problem. */
  'source-unavailable',
  'quota-exceeded',
  'model-load-failed',
  'unsupported-layout',
  /** The worker does not hold an image a request names (restarted or freed it); the client sends it again. */
  'image-missing',
  /** The load needs the other onnxruntime build (`build`); the client restarts the worker on it and sends the request again. */
  'runtime-switch',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppErrorData {
  code: ErrorCode;
  /** What failed and why, in one or two sentences. */
  message: string;
  /** What the user can do next. */
  action?: string;
  /** Technical detail (original error text, names, sizes). */
  detail?: string;
  /** With `runtime-switch`: the build the new worker must run. */
  build?: OrtBuild;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly action: string | undefined;
  readonly detail: string | undefined;
  readonly build: OrtBuild | undefined;

  constructor(data: AppErrorData) {
    super(data.message);
    this.name = 'AppError';
    this.code = data.code;
    this.action = data.action;
    this.detail = data.detail;
    this.build = data.build;
  }

  toData(): AppErrorData {
    const data: AppErrorData = { code: this.code, message: this.message };
    if (this.action !== undefined) data.action = this.action;
    if (this.detail !== undefined) data.detail = this.detail;
    if (this.build !== undefined) data.build = this.build;
    return data;
  }
}

/** Turns anything thrown into error data; unknown errors become `internal`. */
export function toErrorData(error: unknown, fallback: ErrorCode = 'internal'): AppErrorData {
  if (error instanceof AppError) return error.toData();
  if (isAbortError(error)) {
    return { code: 'cancelled', message: 'The request was cancelled.' };
  }
  const text = error instanceof Error ? error.message : String(error);
  return {
    code: fallback,
    message: fallback === 'internal' ? 'Something went wrong inside the app.' : text,
    action: 'Try again; if it keeps failing, reload the page.',
    detail: text,
  };
}

export function isAbortError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'name' in error && (error as { name: unknown }).name === 'AbortError';
}

export function cancelledError(): AppError {
  return new AppError({ code: 'cancelled', message: 'The request was cancelled.' });
}
