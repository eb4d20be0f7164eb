import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/errors';
import { errorCauses, homeOf } from './error-causes';
import { errorViewAt } from './error-views';
import { fakeStore, loadedInfo } from './testing/fake-api';

/** CLIP and captioning on a custom host; CLIP's host is down, captioning's export misses a file. */
async function twoCauses() {
  const fake = fakeStore({
    load: async (model) => {
      if (model.spec.demo) return loadedInfo(model);
      if (model.spec.task === 'clip') throw new AppError({ code: 'download-failed', message: 'Downloading config.json failed 4 times.' });
      throw new AppError({ code: 'not-found', message: 'onnx/decoder.onnx was not found. Check the export.' });
    },
    inspect: async () => ({ files: [], totalBytes: 0, cachedBytes: 0, missing: [], hostReachable: false }),
  });
  const state = () => fake.store.getState();
  for (const task of ['clip', 'caption'] as const) {
    const demo = state().modelRef(task)!.spec;
    state().addCustomModel({ ...demo, id: `far-${task}`, demo: false, fixedSource: undefined });
  }
  state().updateSettings({ host: 'http://far.example' });
  return fake;
}

describe('error causes', () => {
  it('names a host found unreachable before any load once, above the gallery, as the user typed it', async () => {
    const { store } = await twoCauses();
    await store.getState().inspectModel('clip');
    const [cause] = errorCauses(store.getState());
    expect(cause).toMatchObject({ kind: 'host', host: 'http://far.example', tasks: [] });
    expect(homeOf(store.getState(), cause!)).toBe('top');
    expect(errorViewAt(store.getState(), 'top')).toMatchObject({ mode: 'message', title: 'The model host (http://far.example) cannot be reached.' });
  });

  it('keeps a host problem and one model’s missing file apart, each with its own home', async () => {
    const { store } = await twoCauses();
    await store
      .getState()
      .loadModel('clip')
      .catch(() => undefined);
    await store
      .getState()
      .loadModel('caption')
      .catch(() => undefined);
    const causes = errorCauses(store.getState());
    expect(causes.map((cause) => [cause.kind, cause.tasks])).toEqual([
      ['host', ['clip']],
      ['model', ['caption']],
    ]);
    expect(causes.map((cause) => homeOf(store.getState(), cause))).toEqual(['top', 'caption']);
    store.getState().setActionPlace('models');
    expect(causes.map((cause) => homeOf(store.getState(), cause))).toEqual(['models', 'models']);
    expect(errorViewAt(store.getState(), 'caption', 'caption')).toMatchObject({
      mode: 'pointer',
      text: 'BLIP captioning could not be loaded: onnx/decoder.onnx was not found.',
      where: 'in the Models panel',
    });
  });
});
