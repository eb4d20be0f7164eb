import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/errors';
import { MODEL_TASKS } from '../shared/model-registry';
import { fakeImage, fakeStore, loadedInfo } from './testing/fake-api';

const unreachable = () =>
  new AppError({ code: 'download-failed', message: 'huggingface.co could not be reached.', action: 'Use the offline demo models.' });

/** Every task on a custom (non-demo) model whose host cannot be reached, and one run of each that failed on it. */
async function failedOnUnreachableHost() {
  const { store } = fakeStore({
    load: async (model) => {
      if (!model.spec.demo) throw unreachable();
      return loadedInfo(model);
    },
  });
  for (const task of MODEL_TASKS) {
    const demo = store.getState().modelRef(task)!;
    store.getState().addCustomModel({ ...demo.spec, id: `custom-${task}`, demo: false, fixedSource: undefined });
  }
  const image = fakeImage('a');
  await store.getState().captionImage(image);
  await store.getState().askQuestion(image, 'what?');
  await store.getState().classifyImages([image]);
  return store;
}

describe('errors tied to their cause', () => {
  it('clears load and run errors once the user switches to the demo models', async () => {
    const store = failedOnUnreachableHost();
    const state = (await store).getState();
    expect(state.captions.a).toMatchObject({ status: 'error' });
    expect(state.qaHistory.a![0]).toMatchObject({ status: 'error' });
    expect(state.clipError).toMatchObject({ code: 'download-failed' });
    // The tasks that ran (BLIP retrieval did not) failed to load.
    for (const task of ['clip', 'caption', 'vqa'] as const) expect(state.currentLoad(task)).toMatchObject({ status: 'error' });

    state.useDemoModels();
    const after = (await store).getState();
    for (const task of MODEL_TASKS) expect(after.currentLoad(task)).toEqual({ status: 'idle' });
    expect(after.captions.a).toBeUndefined();
    expect(after.qaHistory.a).toEqual([]);
    expect(after.clipError).toBeUndefined();
  });

  it('keeps a run’s error while its model is still the one selected and not loaded', async () => {
    const store = await failedOnUnreachableHost();
    store.getState().setVqaQuestion('something else');
    expect(store.getState().captions.a).toMatchObject({ status: 'error' });
    expect(store.getState().currentLoad('caption')).toMatchObject({ status: 'error' });
  });
});
