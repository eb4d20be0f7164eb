import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../shared/errors';
import type { UiToWorker, WorkerToUi } from '../shared/protocol';
import { createDispatcher } from '../worker/dispatcher';
import { createHandlers } from '../worker/handlers';
import { WorkerClient, type WorkerLike } from './worker-client';

type Listener = (event: never) => void;

/** A worker that runs the real dispatcher and handlers in-process. */
class InProcessWorker implements WorkerLike {
  terminated = false;
  readonly received: UiToWorker[] = [];
  private readonly listeners = new Map<string, Listener[]>();
  private readonly dispatcher = createDispatcher(createHandlers({ navigator: {}, crossOriginIsolated: false }), (message) =>
    queueMicrotask(() => this.emit('message', { data: message } as MessageEvent<WorkerToUi>)),
  );

  postMessage(message: UiToWorker): void {
    this.received.push(message);
    if (!this.terminated) queueMicrotask(() => this.dispatcher.receive(structuredClone(message)));
  }

  addEventListener(type: string, listener: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  terminate(): void {
    this.terminated = true;
  }

  emit(type: string, event: unknown): void {
    if (this.terminated) return;
    for (const listener of this.listeners.get(type) ?? []) listener(event as never);
  }
}

function setup(options: ConstructorParameters<typeof WorkerClient>[1] = {}) {
  const workers: InProcessWorker[] = [];
  const client = new WorkerClient(() => {
    const worker = new InProcessWorker();
    workers.push(worker);
    return worker;
  }, options);
  return { client, workers };
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the promise to reject');
}

afterEach(() => {
  vi.useRealTimers();
});

describe('WorkerClient', () => {
  it('round-trips a request through the dispatcher', async () => {
    const { client } = setup();
    const result = await client.request('ping', { message: 'hello' });
    expect(result.message).toBe('hello');
    expect(client.pendingCount()).toBe(0);
  });

  it('creates the worker lazily, on the first request', async () => {
    const { client, workers } = setup();
    expect(workers).toHaveLength(0);
    await client.request('ping', { message: 'x' });
    await client.request('ping', { message: 'y' });
    expect(workers).toHaveLength(1);
  });

  it('probes capabilities in the worker', async () => {
    const { client } = setup();
    const caps = await client.request('probe', {});
    expect(caps).toMatchObject({ crossOriginIsolated: false, wasmThreads: 1, preferredBackend: 'wasm' });
    expect(caps.webgpu.available).toBe(false);
  });

  it('cancels through an AbortSignal and tells the worker', async () => {
    const { client, workers } = setup();
    const controller = new AbortController();
    const pending = client.request('ping', { message: 'slow', delayMs: 5_000 }, { signal: controller.signal });
    controller.abort();
    const error = await rejection(pending);
    expect(error.code).toBe('cancelled');
    expect(workers[0]?.received.map((m) => m.kind)).toEqual(['request', 'cancel']);
    // The worker stays usable after a cancel.
    await expect(client.request('ping', { message: 'next' })).resolves.toMatchObject({ message: 'next' });
  });

  it('rejects at once when the signal is already aborted', async () => {
    const { client, workers } = setup();
    const error = await rejection(client.request('ping', { message: 'x' }, { signal: AbortSignal.abort() }));
    expect(error.code).toBe('cancelled');
    expect(workers).toHaveLength(0);
  });

  it('times out a request that gets no answer, and cancels it in the worker', async () => {
    vi.useFakeTimers();
    const { client, workers } = setup({ timeouts: { ping: 1_000 } });
    const pending = rejection(client.request('ping', { message: 'hang', delayMs: 60_000 }));
    await vi.advanceTimersByTimeAsync(1_001);
    const error = await pending;
    expect(error.code).toBe('timeout');
    expect(error.message).toContain('ping');
    expect(workers[0]?.received.at(-1)).toMatchObject({ kind: 'cancel' });
  });

  it('forwards progress and token events to the request callbacks', async () => {
    const { client, workers } = setup();
    const progress = vi.fn();
    const token = vi.fn();
    const pending = client.request('ping', { message: 'x', delayMs: 30 }, { onProgress: progress, onToken: token });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const worker = workers[0];
    const id = worker?.received[0]?.id ?? 0;
    const update = { phase: 'Downloading', files: [], overall: { loaded: 5, total: 10 } };
    worker?.emit('message', { data: { kind: 'progress', id, progress: update } });
    worker?.emit('message', { data: { kind: 'token', id, token: { rewind: 0, delta: 'a cat', count: 2 } } });
    await pending;
    expect(progress).toHaveBeenCalledWith(update);
    expect(token).toHaveBeenCalledWith({ rewind: 0, delta: 'a cat', count: 2 });
  });

  it('rejects pending requests with worker-crashed and starts a new worker when the worker dies', async () => {
    const { client, workers } = setup();
    const events: string[] = [];
    client.subscribe((event) => events.push(event.type));
    const options = { retryOnCrash: false };
    const first = rejection(client.request('ping', { message: 'a', delayMs: 5_000 }, options));
    const second = rejection(client.request('ping', { message: 'b', delayMs: 5_000 }, options));
    workers[0]?.emit('error', { message: 'Uncaught RangeError: out of memory' });
    const [a, b] = await Promise.all([first, second]);
    expect(a.code).toBe('worker-crashed');
    expect(a.detail).toContain('out of memory');
    expect(b.code).toBe('worker-crashed');
    expect(workers).toHaveLength(2);
    expect(workers[0]?.terminated).toBe(true);
    expect(events).toContain('restarted');
    await expect(client.request('ping', { message: 'again' })).resolves.toMatchObject({ message: 'again' });
  });

  it('retries a request once on the new worker after a crash, but not twice', async () => {
    const { client, workers } = setup();
    const pending = client.request('ping', { message: 'survivor', delayMs: 30 });
    await new Promise((resolve) => setTimeout(resolve, 5));
    workers[0]?.emit('error', { message: 'boom' });
    await expect(pending).resolves.toMatchObject({ message: 'survivor' });
    expect(workers).toHaveLength(2);

    const twice = rejection(client.request('ping', { message: 'doomed', delayMs: 5_000 }));
    await new Promise((resolve) => setTimeout(resolve, 5));
    workers[1]?.emit('error', { message: 'boom' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    workers[2]?.emit('error', { message: 'boom again' });
    expect((await twice).code).toBe('worker-crashed');
  });

  it('treats messageerror as a dead worker too', async () => {
    const { client, workers } = setup();
    const pending = rejection(client.request('ping', { message: 'a', delayMs: 5_000 }, { retryOnCrash: false }));
    workers[0]?.emit('messageerror', {});
    expect((await pending).code).toBe('worker-crashed');
    expect(workers).toHaveLength(2);
  });

  it('fails everything after dispose', async () => {
    const { client } = setup();
    const pending = rejection(client.request('ping', { message: 'a', delayMs: 5_000 }));
    client.dispose();
    expect((await pending).code).toBe('internal');
    await expect(client.request('ping', { message: 'b' })).rejects.toBeInstanceOf(AppError);
  });
});
