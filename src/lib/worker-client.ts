/**
 * The only UI code that touches the Worker. Turns the message protocol into
 * promises, per-request event callbacks, cancellation and timeouts, and
 * replaces a worker that died.
 */
import { AppError, cancelledError } from '../shared/errors';
import type { OrtBuild, PayloadOf, ProgressData, RequestId, RequestType, ResultOf, TokenData, UiToWorker, WorkerToUi } from '../shared/protocol';
import { assertNever } from '../shared/protocol';
import { onWasm } from './wasm-fallback';
import { Watchdog } from './worker-watchdog';

export interface WorkerLike {
  postMessage(message: UiToWorker, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<WorkerToUi>) => void): void;
  addEventListener(type: 'error' | 'messageerror', listener: (event: Event) => void): void;
  terminate(): void;
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** Fails the request when the worker sends nothing for this long (progress resets it). */
  timeoutMs?: number;
  onProgress?: (progress: ProgressData) => void;
  onToken?: (token: TokenData) => void;
  transfer?: Transferable[];
  /** Run the request once more on the replacement worker if the worker dies (default: yes, unless buffers are transferred). */
  retryOnCrash?: boolean;
}

export type ClientEvent =
  | { type: 'ready' }
  | { type: 'notice'; level: 'info' | 'warning'; message: string }
  | {
      type: 'restarted';
      reason: string;
      restarts: number;
      /** `hung`: the worker went silent (endless loop, or it closed itself) and was terminated. */
      cause: RestartCause;
    };

/** `runtime-switch`: replaced on purpose, to run the other onnxruntime build (ort-build.ts); not a failure. */
export type RestartCause = 'crashed' | 'hung' | 'runtime-switch';

export interface WorkerClientOptions {
  /** Inactivity timeout for requests that do not set their own. */
  defaultTimeoutMs?: number;
  /** Per-type inactivity timeouts, e.g. short ones for cheap requests. */
  timeouts?: Partial<Record<RequestType, number>>;
  /** A worker that sends nothing at all (not even a heartbeat answer) for this long is replaced; 0 turns it off. */
  hangTimeoutMs?: number;
}

interface Pending {
  type: RequestType;
  resolve(result: unknown): void;
  reject(error: AppError): void;
  options: RequestOptions;
  timeoutMs: number;
  timer: ReturnType<typeof setTimeout> | undefined;
  cleanup(): void;
}

const DEFAULT_TIMEOUT_MS = 120_000;
/** Longer than the longest synchronous step of a real model on a slow device (a session creation, one big run). */
const DEFAULT_HANG_TIMEOUT_MS = 45_000;
const HEARTBEATS_PER_TIMEOUT = 6;

export class WorkerClient {
  private worker: WorkerLike | undefined;
  private nextId: RequestId = 1;
  private restarts = 0;
  private disposed = false;
  private readonly pending = new Map<RequestId, Pending>();
  private readonly listeners = new Set<(event: ClientEvent) => void>();
  private readonly watchdog: Watchdog;
  /** Set by the first crash or hang: from then on every model runs on WASM (DESIGN §6). */
  private wasmOnly = false;
  /** The ORT build a new worker must run, told before anything else (set by a build switch). */
  private build: OrtBuild | undefined;

  constructor(
    private readonly createWorker: () => WorkerLike,
    private readonly options: WorkerClientOptions = {},
  ) {
    const timeoutMs = options.hangTimeoutMs ?? DEFAULT_HANG_TIMEOUT_MS;
    this.watchdog = new Watchdog({
      timeoutMs,
      intervalMs: Math.max(1, Math.round(timeoutMs / HEARTBEATS_PER_TIMEOUT)),
      probe: () => this.sendHeartbeat(),
      onSilent: (silentMs) =>
        this.restart(
          `The worker sent nothing for ${Math.round(silentMs / 1000)} s, not even an answer to a heartbeat: it is stuck in a computation that never ends, or it closed itself.`,
          'hung',
        ),
    });
  }

  request<K extends RequestType>(type: K, payload: PayloadOf<K>, options: RequestOptions = {}): Promise<ResultOf<K>> {
    return this.attempt(type, payload, options, { crashRetry: options.retryOnCrash ?? !options.transfer?.length, buildSwitch: true });
  }

  /** One crash retry and one switch of ORT builds per request, so a request cannot bounce the worker forever. */
  private async attempt<K extends RequestType>(
    type: K,
    payload: PayloadOf<K>,
    options: RequestOptions,
    allowed: { crashRetry: boolean; buildSwitch: boolean },
  ): Promise<ResultOf<K>> {
    try {
      return await this.send(type, payload, options);
    } catch (error) {
      if (!(error instanceof AppError) || this.disposed) throw error;
      if (error.code === 'runtime-switch' && error.build && allowed.buildSwitch) {
        this.switchBuild(error.build, error.message);
        return this.attempt(type, payload, options, { ...allowed, buildSwitch: false });
      }
      if (error.code === 'worker-crashed' && allowed.crashRetry) return this.attempt(type, payload, options, { ...allowed, crashRetry: false });
      throw error;
    }
  }

  private send<K extends RequestType>(type: K, payload: PayloadOf<K>, options: RequestOptions): Promise<ResultOf<K>> {
    if (this.disposed) return Promise.reject(disposedError());
    if (options.signal?.aborted) return Promise.reject(cancelledError());
    const worker = this.ensureWorker();
    const id = this.nextId++;
    const body = this.wasmOnly ? onWasm(payload) : payload;
    const timeoutMs = options.timeoutMs ?? this.options.timeouts?.[type] ?? this.options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    return new Promise<ResultOf<K>>((resolve, reject) => {
      const onAbort = () => this.cancel(id);
      const entry: Pending = {
        type,
        resolve: resolve as (result: unknown) => void,
        reject,
        options,
        timeoutMs,
        timer: undefined,
        cleanup: () => options.signal?.removeEventListener('abort', onAbort),
      };
      this.pending.set(id, entry);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      this.armTimer(id, entry);
      this.watchdog.start();
      worker.postMessage({ kind: 'request', id, type, payload: body } as UiToWorker, options.transfer ?? []);
    });
  }

  subscribe(listener: (event: ClientEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Replaces the worker; every pending request fails with `worker-crashed`,
   * and requests from now on run their models on WASM.
   */
  restart(reason: string, cause: 'crashed' | 'hung' = 'crashed'): void {
    this.wasmOnly = true;
    // Loads are pinned to WASM from now on, so the new worker's first load picks the plain build.
    this.build = undefined;
    this.replaceWorker(
      new AppError({
        code: 'worker-crashed',
        message:
          cause === 'hung'
            ? 'The inference worker stopped responding, so it was terminated and the running request was lost.'
            : 'The inference worker stopped unexpectedly, so the running request was lost.',
        action: 'A new worker has been started on WASM; run the request again (reload the page to try WebGPU again).',
        detail: reason,
      }),
    );
    this.restarts += 1;
    if (this.disposed) return;
    this.emit({ type: 'restarted', reason, restarts: this.restarts, cause });
  }

  /**
   * A load needs the other onnxruntime build, and ORT sets its build up once per worker (ort-build.ts):
   * a new worker starts on that build. Other running requests fail as `worker-crashed` and are retried
   * on it like after a crash, but nothing is pinned to WASM and the crash count stays.
   */
  private switchBuild(build: OrtBuild, reason: string): void {
    this.build = build;
    this.replaceWorker(
      new AppError({
        code: 'worker-crashed',
        message: 'The inference worker was restarted on another onnxruntime build, so the running request was lost.',
        action: 'Run the request again.',
        detail: reason,
      }),
    );
    if (this.disposed) return;
    this.emit({ type: 'restarted', reason, restarts: this.restarts, cause: 'runtime-switch' });
  }

  private replaceWorker(failure: AppError): void {
    this.watchdog.stop();
    this.teardownWorker();
    this.failAll(failure);
    if (!this.disposed) this.ensureWorker();
  }

  dispose(): void {
    this.disposed = true;
    this.watchdog.stop();
    this.teardownWorker();
    this.failAll(disposedError());
    this.listeners.clear();
  }

  pendingCount(): number {
    return this.pending.size;
  }

  private ensureWorker(): WorkerLike {
    if (this.worker) return this.worker;
    const worker = this.createWorker();
    worker.addEventListener('message', (event) => {
      if (this.worker !== worker) return;
      this.watchdog.heard();
      this.handleMessage(event.data);
    });
    worker.addEventListener('error', (event) => {
      if (this.worker === worker) this.restart(describeWorkerError(event));
    });
    worker.addEventListener('messageerror', () => {
      if (this.worker === worker) this.restart('A message from the worker could not be deserialized.');
    });
    this.worker = worker;
    // Outside `pending` like a heartbeat: the worker handles messages in order, so the pin precedes any load.
    if (this.build) worker.postMessage({ kind: 'request', id: this.nextId++, type: 'runtime:build', payload: { build: this.build } });
    return worker;
  }

  private teardownWorker(): void {
    const worker = this.worker;
    this.worker = undefined;
    worker?.terminate();
  }

  private handleMessage(message: WorkerToUi): void {
    switch (message.kind) {
      case 'ready':
        this.emit({ type: 'ready' });
        return;
      case 'notice':
        this.emit({ type: 'notice', level: message.level, message: message.message });
        return;
      case 'progress':
        this.withPending(message.id, (entry) => entry.options.onProgress?.(message.progress));
        return;
      case 'token':
        this.withPending(message.id, (entry) => entry.options.onToken?.(message.token));
        return;
      case 'result':
        this.settle(message.id, (entry) => entry.resolve(message.result));
        return;
      case 'error':
        this.settle(message.id, (entry) => entry.reject(new AppError(message.error)));
        return;
      case 'cancelled':
        this.settle(message.id, (entry) => entry.reject(cancelledError()));
        return;
      default:
        assertNever(message, 'worker message');
    }
  }

  private withPending(id: RequestId, action: (entry: Pending) => void): void {
    const entry = this.pending.get(id);
    if (!entry) return;
    this.armTimer(id, entry);
    action(entry);
  }

  private settle(id: RequestId, action: (entry: Pending) => void): void {
    const entry = this.pending.get(id);
    if (!entry) return;
    this.pending.delete(id);
    if (this.pending.size === 0) this.watchdog.stop();
    clearTimeout(entry.timer);
    entry.cleanup();
    action(entry);
  }

  private cancel(id: RequestId): void {
    if (!this.pending.has(id)) return;
    this.worker?.postMessage({ kind: 'cancel', id });
    this.settle(id, (entry) => entry.reject(cancelledError()));
  }

  private armTimer(id: RequestId, entry: Pending): void {
    clearTimeout(entry.timer);
    entry.timer = setTimeout(() => {
      this.worker?.postMessage({ kind: 'cancel', id });
      this.settle(id, (pending) =>
        pending.reject(
          new AppError({
            code: 'timeout',
            message: `The ${pending.type} request got no answer from the worker for ${Math.round(pending.timeoutMs / 1000)} s and was stopped.`,
            action: 'Try again; a slow device may need a smaller model or the WASM backend.',
          }),
        ),
      );
    }, entry.timeoutMs);
  }

  /** A ping outside `pending`: its answer only proves the worker alive (any message does). */
  private sendHeartbeat(): void {
    this.worker?.postMessage({ kind: 'request', id: this.nextId++, type: 'ping', payload: { message: 'heartbeat' } });
  }

  private failAll(error: AppError): void {
    for (const id of [...this.pending.keys()]) this.settle(id, (entry) => entry.reject(error));
  }

  private emit(event: ClientEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

function disposedError(): AppError {
  return new AppError({ code: 'internal', message: 'The worker client was shut down.' });
}

function describeWorkerError(event: Event): string {
  const { message, filename, lineno } = event as Partial<ErrorEvent>;
  if (!message) return 'The worker raised an error without a message (often a failed script load).';
  return filename ? `${message} (${filename}:${lineno ?? '?'})` : message;
}
