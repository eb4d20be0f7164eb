import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/errors';
import { fakeImage, fakeStore } from './testing/fake-api';

describe('patch map slice', () => {
  it('asks the worker for the image’s patch cosines with the text and keeps them', async () => {
    const { store, callsOf } = fakeStore({ patchMap: async () => [0.5, -0.25, 0, 1] });
    await store.getState().showPatchMap(fakeImage('a'), 'a photo of a cat');
    expect(callsOf('patchMap')[0]![0]).toMatchObject({ text: 'a photo of a cat', image: { id: 'a' } });
    expect(store.getState().patchMap).toMatchObject({ imageId: 'a', status: 'done', cosines: [0.5, -0.25, 0, 1] });
  });

  it('keeps the error when the worker fails, and null when the export has no patch tokens', async () => {
    const failing = fakeStore({ patchMap: async () => Promise.reject(new AppError({ code: 'internal', message: 'The vision model failed.' })) });
    await failing.store.getState().showPatchMap(fakeImage('a'), 'cat');
    expect(failing.store.getState().patchMap).toMatchObject({ status: 'error', error: { message: 'The vision model failed.' } });
    const without = fakeStore({ patchMap: async () => null });
    await without.store.getState().showPatchMap(fakeImage('a'), 'cat');
    expect(without.store.getState().patchMap).toMatchObject({ status: 'done', cosines: null });
  });
});
