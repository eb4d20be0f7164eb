import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/errors';
import { createAppStore } from './create-store';
import { modelsPanelOpen } from './layout-slice';
import { createFakeApi, fakeStore, loadedInfo } from './testing/fake-api';

function memoryStorage() {
  const items = new Map<string, string>();
  return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value) };
}

describe('the Models panel folds itself once the models are ready', () => {
  it('is open before anything loads, folds once a model is ready, and opens again when a load fails', async () => {
    let fail = false;
    const { store } = fakeStore({
      load: async (model) => {
        if (fail) throw new AppError({ code: 'not-found', message: 'config.json was not found.' });
        return loadedInfo(model);
      },
    });
    expect(modelsPanelOpen(store.getState())).toBe(true);
    // Loaded from the panel itself: it stays open while the user works there.
    store.getState().setActionPlace('models');
    await store.getState().loadModel('clip');
    expect(modelsPanelOpen(store.getState())).toBe(true);
    store.getState().setActionPlace('clip');
    expect(modelsPanelOpen(store.getState())).toBe(false);
    fail = true;
    await store
      .getState()
      .loadModel('caption')
      .catch(() => undefined);
    expect(modelsPanelOpen(store.getState())).toBe(true);
  });

  it('lets the user’s own Show or Hide win, and remembers it across a reload', async () => {
    const storage = memoryStorage();
    const { api } = createFakeApi();
    const first = createAppStore({ api, storage });
    first.getState().setModelsPanelChoice('shown');
    first.getState().setDemoAvailable(true);
    first.getState().useDemoModels();
    await first.getState().loadModel('clip');
    expect(modelsPanelOpen(first.getState())).toBe(true);

    const reloaded = createAppStore({ api, storage });
    expect(reloaded.getState().modelsPanelChoice).toBe('shown');
    reloaded.getState().setModelsPanelChoice('hidden');
    expect(modelsPanelOpen(reloaded.getState())).toBe(false);
    expect(createAppStore({ api, storage }).getState().modelsPanelChoice).toBe('hidden');
    reloaded.getState().setSectionOpen('decoding-vqa', true);
    expect(createAppStore({ api, storage }).getState().openSections).toEqual({ 'decoding-vqa': true });
  });
});
