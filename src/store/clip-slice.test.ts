import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/errors';
import { isCurrent } from './clip-slice';
import { abortable, classifyResult, fakeImage, fakeStore } from './testing/fake-api';

describe('clip slice', () => {
  it('loads the model first, then classifies and keeps the scores per image with their labels', async () => {
    const { store, calls } = fakeStore();
    store.getState().setClipLabels(['cat', 'dog']);
    const images = [fakeImage('a'), fakeImage('b')];
    await store.getState().classifyImages(images, 'classify-all');
    expect(calls.map((call) => call.method).filter((method) => method === 'load' || method === 'classify')).toEqual(['load', 'classify']);
    const state = store.getState();
    expect(Object.keys(state.classifications)).toEqual(['a', 'b']);
    expect(state.classifications.a).toMatchObject({ labels: ['cat', 'dog'], template: state.clipTemplate, run: { images: 2 } });
    expect(state.clipBusy).toBeUndefined();
    expect(state.clipError).toBeUndefined();
  });

  it('does not call the worker without images or labels, or with a broken template', async () => {
    const { store, calls } = fakeStore();
    await store.getState().classifyImages([]);
    store.getState().setClipLabels([]);
    await store.getState().classifyImages([fakeImage('a')]);
    store.getState().setClipLabels(['cat']);
    store.getState().setClipTemplate('no placeholder');
    await store.getState().classifyImages([fakeImage('a')]);
    expect(calls).toEqual([]);
  });

  it('a new run cancels the running one; cancelling shows no error', async () => {
    const signals: AbortSignal[] = [];
    const { store } = fakeStore({
      classify: ({ images, labels }, options) => {
        signals.push(options!.signal!);
        return abortable(
          options?.signal,
          signals.length === 1
            ? new Promise(() => undefined)
            : Promise.resolve(
                classifyResult(
                  images.map((i) => i.id),
                  labels,
                ),
              ),
        );
      },
    });
    const first = store.getState().classifyImages([fakeImage('a')]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(store.getState().clipBusy).toBe('classify');
    const second = store.getState().classifyImages([fakeImage('b')]);
    await expect(first).resolves.toBeUndefined();
    await expect(second).resolves.toBeDefined();
    expect(signals[0]!.aborted).toBe(true);
    expect(store.getState().clipError).toBeUndefined();
    expect(Object.keys(store.getState().classifications)).toEqual(['b']);

    const third = store.getState().searchImages('cat');
    store.getState().cancelClip();
    await third;
    expect(store.getState().clipError).toBeUndefined();
  });

  it('keeps the worker’s error for the user, and clears it on the next run', async () => {
    let fail = true;
    const { store } = fakeStore({
      search: async ({ query }) => {
        if (fail) throw new AppError({ code: 'internal', message: 'The text encoder failed.', action: 'Reload the model.' });
        return { query, ranking: [], facts: classifyResult([], []).facts, cache: classifyResult([], []).cache, timings: classifyResult([], []).timings };
      },
    });
    store.getState().addImages([fakeImage('a')]);
    await store.getState().searchImages('a cat');
    expect(store.getState().clipError).toMatchObject({ code: 'internal', action: 'Reload the model.' });
    fail = false;
    await store.getState().searchImages('a cat');
    expect(store.getState().clipError).toBeUndefined();
    expect(store.getState().search).toMatchObject({ query: 'a cat', images: 1 });
  });

  it('reloads before running when the model settings changed since the last load', async () => {
    const { store, callsOf } = fakeStore();
    await store.getState().classifyImages([fakeImage('a')]);
    store.getState().updateSettings({ device: 'wasm' });
    await store.getState().classifyImages([fakeImage('a')]);
    expect(callsOf('load')).toHaveLength(2);
  });

  it('calls a classification current only for the same labels, in the same order, and the same template', async () => {
    const { store } = fakeStore();
    store.getState().setClipLabels(['cat', 'dog']);
    await store.getState().classifyImages([fakeImage('a')]);
    const entry = store.getState().classifications.a;
    const template = store.getState().clipTemplate;
    expect(isCurrent(entry, ['cat', 'dog'], template)).toBe(true);
    expect(isCurrent(entry, ['dog', 'cat'], template)).toBe(false);
    expect(isCurrent(entry, ['cat', 'dog', 'fish'], template)).toBe(false);
    expect(isCurrent(entry, ['cat', 'dog'], 'a drawing of {}')).toBe(false);
    expect(isCurrent(undefined, ['cat', 'dog'], template)).toBe(false);
  });
});
