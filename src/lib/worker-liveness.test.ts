import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../shared/errors';
import type { ModelRef, UiToWorker, WorkerToUi } from '../shared/protocol';
import { WorkerClient, type ClientEvent, type WorkerLike } from './worker-client';

type Listener = (event: never) => void;
type Behaviour = 'live' | 'hung' | 'closed';

/**
 * A worker whose behaviour a test picks: `live` answers heartbeats (and
 * nothing else unless told), `hung` and `closed` never send anything again and
 * raise no error event, like an endless loop or a worker that called close().
 */
class ScriptedWorker implements WorkerLike {
  behaviour: Behaviour = 'live';
  terminated = false;
  readonly received: UiToWorker[] = [];
  private readonly listeners = new Map<string, Listener[]>();

  postMessage(message: UiToWorker): void {
    this.received.push(message);
    if (this.behaviour !== 'live' || message.kind !== 'request' || !isHeartbeat(message)) return;
    queueMicrotask(() => this.reply({ kind: 'result', id: message.id, type: 'ping', result: { message: 'heartbeat', workerTime: 0 } }));
  }

  addEventListener(type: string, listener: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  terminate(): void {
    this.terminated = true;
  }

  reply(message: WorkerToUi): void {
    this.emit('message', { data: message });
  }

  emit(type: string, event: unknown): void {
    if (this.terminated) return;
    for (const listener of this.listeners.get(type) ?? []) listener(event as never);
  }

  requests(): Extract<UiToWorker, { kind: 'request' }>[] {
    return this.received.filter((m): m is Extract<UiToWorker, { kind: 'request' }> => m.kind === 'request' && !isHeartbeat(m));
  }
}

function isHeartbeat(message: UiToWorker): boolean {
  return message.kind === 'request' && message.type === 'ping' && (message.payload as { message: string }).message === 'heartbeat';
}

const model = { spec: { id: 'm' }, dtype: 'q8', source: { kind: 'hub' }, device: 'webgpu' } as unknown as ModelRef;
const captionPayload = { model, imageKey: 'k', decoding: {} } as never;

function setup(hangTimeoutMs = 6_000) {
  const workers: ScriptedWorker[] = [];
  const client = new WorkerClient(
    () => {
      const worker = new ScriptedWorker();
      workers.push(worker);
      return worker;
    },
    { hangTimeoutMs },
  );
  const events: ClientEvent[] = [];
  client.subscribe((event) => events.push(event));
  return { client, workers, events };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('WorkerClient liveness', () => {
  it.each(['hung', 'closed'] as const)('replaces a %s worker and retries the request once, on WASM', async (behaviour) => {
    vi.useFakeTimers();
    const { client, workers, events } = setup();
    const pending = client.request('blip:caption', captionPayload);
    workers[0]!.behaviour = behaviour;
    await vi.advanceTimersByTimeAsync(6_000 + 1_000);
    expect(workers[0]!.terminated).toBe(true);
    expect(workers).toHaveLength(2);
    expect(events).toContainEqual(expect.objectContaining({ type: 'restarted', cause: 'hung', restarts: 1 }));
    const retried = workers[1]!.requests();
    expect(retried).toHaveLength(1);
    expect(retried[0]).toMatchObject({ type: 'blip:caption', payload: { model: { device: 'wasm' }, imageKey: 'k' } });
    const result = { text: 'a cat' };
    workers[1]!.reply({ kind: 'result', id: retried[0]!.id, type: 'blip:caption', result } as WorkerToUi);
    await expect(pending).resolves.toEqual(result);
  });

  it('keeps a busy but live worker: heartbeats are answered while a request runs long', async () => {
    vi.useFakeTimers();
    const { client, workers, events } = setup();
    const pending = client.request('blip:caption', captionPayload, { timeoutMs: 600_000 });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(workers).toHaveLength(1);
    expect(events).toEqual([]);
    const id = workers[0]!.requests()[0]!.id;
    workers[0]!.reply({ kind: 'result', id, type: 'blip:caption', result: { text: 'slow' } } as WorkerToUi);
    await expect(pending).resolves.toEqual({ text: 'slow' });
    // Idle: no heartbeats while nothing is pending.
    const sent = workers[0]!.received.length;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(workers[0]!.received).toHaveLength(sent);
  });

  it('fails the request with a clear message when the retry hangs too', async () => {
    vi.useFakeTimers();
    const { client, workers } = setup();
    const pending = client.request('blip:caption', captionPayload).catch((error: unknown) => error);
    workers[0]!.behaviour = 'hung';
    await vi.advanceTimersByTimeAsync(7_000);
    workers[1]!.behaviour = 'closed';
    await vi.advanceTimersByTimeAsync(7_000);
    const error = await pending;
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: 'worker-crashed',
      message: expect.stringContaining('stopped responding'),
      detail: expect.stringMatching(/sent nothing for \d+ s/),
      action: expect.stringContaining('WASM'),
    });
    expect(workers).toHaveLength(3);
  });

  it('retries on WASM after a crash (error event) too, and keeps later requests on WASM', async () => {
    const { client, workers } = setup();
    const pending = client.request('blip:caption', captionPayload);
    workers[0]!.emit('error', { message: 'GPU device lost' });
    await Promise.resolve();
    await Promise.resolve();
    const retried = workers[1]!.requests();
    expect(retried[0]).toMatchObject({ payload: { model: { device: 'wasm' } } });
    workers[1]!.reply({ kind: 'result', id: retried[0]!.id, type: 'blip:caption', result: { text: 'ok' } } as WorkerToUi);
    await pending;
    const later = client.request('clip:search', { model, imageKeys: [], query: 'q' }).catch((error: unknown) => error);
    expect(workers[1]!.requests().at(-1)).toMatchObject({ type: 'clip:search', payload: { model: { device: 'wasm' } } });
    client.dispose();
    expect(await later).toBeInstanceOf(AppError);
  });
});
