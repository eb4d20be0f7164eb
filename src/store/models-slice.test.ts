import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/errors';
import type { ModelRef } from '../shared/protocol';
import { abortable, fakeStore, loadedInfo } from './testing/fake-api';

describe('models slice', () => {
  it('loads the task model the settings name, showing progress, then ready', async () => {
    const { store, callsOf } = fakeStore({
      load: async (model, options) => {
        options?.onProgress?.({ phase: 'Downloading', files: [], overall: { loaded: 5, total: 10 } });
        expect(store.getState().loads.clip).toMatchObject({ status: 'loading', progress: { phase: 'Downloading' } });
        return loadedInfo(model);
      },
    });
    const info = await store.getState().loadModel('clip');
    expect(info.task).toBe('clip');
    expect(store.getState().currentLoad('clip')).toMatchObject({ status: 'ready', info });
    const [ref] = callsOf('load')[0] as [ModelRef];
    // The demo models' relative host resolves against the page, so the worker gets an absolute URL.
    expect(ref.source.host).toBe('http://app.test/demo-models/');
  });

  it('keeps an actionable error when the load fails, and goes back to idle when cancelled', async () => {
    const { store } = fakeStore({
      load: (_, options) => abortable(options?.signal, new Promise(() => undefined)),
    });
    const cancelled = store.getState().loadModel('clip');
    store.getState().cancelLoad('clip');
    await expect(cancelled).rejects.toMatchObject({ code: 'cancelled' });
    expect(store.getState().currentLoad('clip')).toEqual({ status: 'idle' });

    const failing = fakeStore({
      load: async () => {
        throw new AppError({ code: 'not-found', message: 'config.json does not exist.', action: 'Check the repository.' });
      },
    });
    await expect(failing.store.getState().loadModel('caption')).rejects.toThrow('does not exist');
    expect(failing.store.getState().currentLoad('caption')).toMatchObject({
      status: 'error',
      error: { code: 'not-found', action: 'Check the repository.' },
    });
  });

  it('does not reuse a loaded model after its host, revision or device changes (stale model)', async () => {
    const { store, callsOf } = fakeStore();
    await store.getState().ensureModel('clip');
    await store.getState().ensureModel('clip');
    expect(callsOf('load')).toHaveLength(1);

    // A custom model (its files come from the settings' host), loaded once.
    const demo = store.getState().modelRef('clip')!;
    const spec = { ...demo.spec, id: 'custom-clip', demo: false, fixedSource: undefined, revision: 'v1' };
    store.getState().addCustomModel(spec);
    await store.getState().ensureModel('clip');
    await store.getState().ensureModel('clip');
    expect(callsOf('load')).toHaveLength(2);

    // Same spec id and dtype, another host: another model.
    store.getState().updateSettings({ host: 'https://mirror.test/' });
    expect(store.getState().currentLoad('clip')).toEqual({ status: 'idle' });
    await store.getState().ensureModel('clip');
    expect(callsOf('load')).toHaveLength(3);
    expect((callsOf('load').at(-1) as [ModelRef])[0].source.host).toBe('https://mirror.test/');

    // Same spec id and dtype, another revision: another model.
    store.getState().addCustomModel({ ...spec, revision: 'v2' });
    expect(store.getState().currentLoad('clip')).toEqual({ status: 'idle' });
    await store.getState().ensureModel('clip');
    expect(callsOf('load')).toHaveLength(4);
    expect((callsOf('load').at(-1) as [ModelRef])[0].spec.revision).toBe('v2');

    store.getState().updateSettings({ device: 'wasm' });
    expect(store.getState().currentLoad('clip')).toEqual({ status: 'idle' });
  });

  it('inspects each model once unless forced, keyed by the model key', async () => {
    const { store, callsOf } = fakeStore();
    await store.getState().inspectModel('vqa');
    await store.getState().inspectModel('vqa');
    expect(callsOf('inspect')).toHaveLength(1);
    await store.getState().inspectModel('vqa', true);
    expect(callsOf('inspect')).toHaveLength(2);
    expect(Object.values(store.getState().inspections)).toEqual([expect.objectContaining({ status: 'done' })]);
  });

  it('refreshes the cache listing and re-inspects every task after deleting', async () => {
    const { store, callsOf } = fakeStore();
    await store.getState().deleteCached('org/repo', 'main');
    expect(callsOf('deleteCached')).toEqual([[{ repo: 'org/repo', revision: 'main' }]]);
    expect(callsOf('listCache')).toHaveLength(1);
    expect(callsOf('inspect')).toHaveLength(4);
  });
});
