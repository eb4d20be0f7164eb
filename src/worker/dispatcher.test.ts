import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/errors';
import type { WorkerToUi } from '../shared/protocol';
import { createDispatcher, type Handlers } from './dispatcher';
import { createHandlers } from './handlers';
import { sleep } from './sleep';

function setup(overrides: Partial<Handlers> = {}) {
  const posted: WorkerToUi[] = [];
  const handlers: Handlers = {
    ...createHandlers({ navigator: {}, crossOriginIsolated: false }),
    async ping(payload, context) {
      context.progress({ phase: 'waiting', files: [], overall: { loaded: 1, total: 2 } });
      context.token({ rewind: 0, delta: 'a', count: 1 });
      if (payload.delayMs) await sleep(payload.delayMs, context.signal);
      return { message: payload.message, workerTime: 1 };
    },
    async probe() {
      throw new AppError({ code: 'model-load-failed', message: 'no gpu', action: 'use wasm' });
    },
    ...overrides,
  };
  const dispatcher = createDispatcher(handlers, (message) => posted.push(message));
  const settled = async () => {
    for (let i = 0; i < 20 && dispatcher.inFlight() > 0; i++) await sleep(5);
  };
  return { dispatcher, posted, settled };
}

describe('createDispatcher', () => {
  it('posts progress, token and exactly one result for a request', async () => {
    const { dispatcher, posted, settled } = setup();
    dispatcher.receive({ kind: 'request', id: 7, type: 'ping', payload: { message: 'hi' } });
    await settled();
    expect(posted.map((m) => m.kind)).toEqual(['progress', 'token', 'result']);
    expect(posted[2]).toEqual({ kind: 'result', id: 7, type: 'ping', result: { message: 'hi', workerTime: 1 } });
    expect(dispatcher.inFlight()).toBe(0);
  });

  it('turns a thrown AppError into an error event that keeps code, message and action', async () => {
    const { dispatcher, posted, settled } = setup();
    dispatcher.receive({ kind: 'request', id: 3, type: 'probe', payload: {} });
    await settled();
    expect(posted).toEqual([{ kind: 'error', id: 3, error: { code: 'model-load-failed', message: 'no gpu', action: 'use wasm' } }]);
  });

  it('wraps unknown exceptions as internal errors with the original text as detail', async () => {
    const { dispatcher, posted, settled } = setup({
      probe: async () => {
        throw new TypeError('boom');
      },
    });
    dispatcher.receive({ kind: 'request', id: 4, type: 'probe', payload: {} });
    await settled();
    const event = posted[0];
    expect(event?.kind).toBe('error');
    if (event?.kind !== 'error') return;
    expect(event.error.code).toBe('internal');
    expect(event.error.detail).toBe('boom');
  });

  it('answers cancel with cancelled and never posts the late result', async () => {
    const { dispatcher, posted } = setup();
    dispatcher.receive({ kind: 'request', id: 9, type: 'ping', payload: { message: 'slow', delayMs: 50 } });
    dispatcher.receive({ kind: 'cancel', id: 9 });
    await sleep(80);
    expect(posted.map((m) => m.kind)).toEqual(['progress', 'token', 'cancelled']);
    expect(dispatcher.inFlight()).toBe(0);
  });

  it('rejects unknown request types and malformed messages with bad-request', async () => {
    const { dispatcher, posted } = setup();
    dispatcher.receive({ kind: 'request', id: 1, type: 'format-disk', payload: {} });
    dispatcher.receive({ kind: 'request', id: 2, type: 'ping' });
    dispatcher.receive('garbage');
    expect(posted).toHaveLength(2);
    expect(posted.every((m) => m.kind === 'error' && m.error.code === 'bad-request')).toBe(true);
  });

  it('ignores a cancel for a request that already finished', async () => {
    const { dispatcher, posted, settled } = setup();
    dispatcher.receive({ kind: 'request', id: 5, type: 'ping', payload: { message: 'x' } });
    await settled();
    dispatcher.receive({ kind: 'cancel', id: 5 });
    expect(posted.filter((m) => m.kind === 'cancelled')).toHaveLength(0);
  });
});
