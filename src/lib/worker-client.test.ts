import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../shared/errors';
import { DEMO_MODELS } from '../shared/model-registry';
import type { LoadedModelInfo, ModelRef, UiToWorker, WorkerToUi } from '../shared/protocol';
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

/** A worker that answers from a script: the client's side of a build switch, without loading anything. */
class ScriptedWorker implements WorkerLike {
  terminated = false;
  readonly received: UiToWorker[] = [];
  private readonly listeners = new Map<string, Listener[]>();

  constructor(private readonly answer: (message: UiToWorker & { kind: 'request' }) => WorkerToUi | undefined) {}

  postMessage(message: UiToWorker): void {
    this.received.push(message);
    const reply = message.kind === 'request' ? this.answer(message) : undefined;
    if (reply) queueMicrotask(() => this.emit('message', { data: reply }));
  }

  addEventListener(type: string, listener: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  terminate(): void {
    this.terminated = true;
  }

  private emit(type: string, event: unknown): void {
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

  describe('switching onnxruntime builds (runtime-switch)', () => {
    const model: ModelRef = {
      spec: DEMO_MODELS.find((spec) => spec.task === 'clip')!,
      dtype: 'fp32',
      source: { host: 'https://hub.test', pathTemplate: '{repo}/{file}' },
      device: 'webgpu',
    };
    const info: LoadedModelInfo = {
      specId: model.spec.id,
      task: 'clip',
      displayName: model.spec.displayName,
      repo: model.spec.repo,
      revision: model.spec.revision,
      dtype: 'fp32',
      backend: 'webgpu',
      threads: 0,
      ortBuild: 'webgpu',
      timings: { downloadMs: 1, createMs: 1, totalMs: 2 },
      bytes: { total: 1, downloaded: 1, fromCache: 0 },
      sessions: [],
      notes: [],
    };
    const switchError = (id: number): WorkerToUi => ({
      kind: 'error',
      id,
      error: { code: 'runtime-switch', build: 'webgpu', message: 'Loading CLIP on WebGPU needs the WebGPU build.' },
    });
    const loaded = (id: number): WorkerToUi => ({ kind: 'result', id, type: 'models:load', result: info });

    it('restarts the worker on the build the load needs, tells it first, and sends the load again; other requests are retried there', async () => {
      const workers: ScriptedWorker[] = [];
      const client = new WorkerClient(() => {
        const first = workers.length === 0;
        const worker = new ScriptedWorker((message) => {
          if (message.type === 'runtime:build') return { kind: 'result', id: message.id, type: 'runtime:build', result: { build: 'webgpu' } };
          if (message.type === 'models:load') return first ? switchError(message.id) : loaded(message.id);
          if (message.type === 'ping' && !first) return { kind: 'result', id: message.id, type: 'ping', result: { message: 'pong', workerTime: 0 } };
          return undefined;
        });
        workers.push(worker);
        return worker;
      });
      const events: unknown[] = [];
      client.subscribe((event) => events.push(event));
      const running = client.request('ping', { message: 'pong', delayMs: 10_000 });
      await expect(client.request('models:load', { model })).resolves.toMatchObject({ backend: 'webgpu', ortBuild: 'webgpu' });
      await expect(running).resolves.toMatchObject({ message: 'pong' });
      expect(workers).toHaveLength(2);
      expect(workers[0]?.terminated).toBe(true);
      const [pin, ...rest] = workers[1]?.received ?? [];
      expect(pin).toMatchObject({ kind: 'request', type: 'runtime:build', payload: { build: 'webgpu' } });
      // Not a crash: the load keeps its device, and the crash count stays.
      expect(rest.find((message) => message.kind === 'request' && message.type === 'models:load')).toMatchObject({
        payload: { model: { device: 'webgpu' } },
      });
      expect(events).toEqual([expect.objectContaining({ type: 'restarted', cause: 'runtime-switch', restarts: 0 })]);
    });

    it('switches once per request: a worker that asks again fails the request instead of restarting forever', async () => {
      const workers: ScriptedWorker[] = [];
      const client = new WorkerClient(() => {
        const worker = new ScriptedWorker((message) => (message.type === 'models:load' ? switchError(message.id) : undefined));
        workers.push(worker);
        return worker;
      });
      expect((await rejection(client.request('models:load', { model }))).code).toBe('runtime-switch');
      expect(workers).toHaveLength(2);
    });

    it('a crash after a switch forgets the pin: loads go to WASM and the new worker picks its build by its first load', async () => {
      const workers: ScriptedWorker[] = [];
      const client = new WorkerClient(() => {
        const first = workers.length === 0;
        const worker = new ScriptedWorker((message) =>
          message.type === 'models:load' && first ? switchError(message.id) : message.type === 'models:load' ? loaded(message.id) : undefined,
        );
        workers.push(worker);
        return worker;
      });
      await client.request('models:load', { model });
      client.restart('boom');
      await client.request('models:load', { model });
      const third = workers[2]?.received ?? [];
      expect(third.some((message) => message.kind === 'request' && message.type === 'runtime:build')).toBe(false);
      expect(third[0]).toMatchObject({ type: 'models:load', payload: { model: { device: 'wasm' } } });
    });
  });
});
