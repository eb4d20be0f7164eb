import { describe, expect, it } from 'vitest';
import { fakeImage, fakeStore } from './testing/fake-api';

describe('images slice', () => {
  it('adds images once by content hash and activates the first', () => {
    const { store } = fakeStore();
    store.getState().addImages([fakeImage('a'), fakeImage('b')]);
    store.getState().addImages([fakeImage('a')]);
    expect(store.getState().images.map((image) => image.id)).toEqual(['a', 'b']);
    expect(store.getState().activeImageId).toBe('a');
  });

  it('says which images were skipped as duplicates, naming the one already there', () => {
    const { store } = fakeStore();
    store.getState().addImages([fakeImage('a')]);
    expect(store.getState().duplicateNotice).toBeUndefined();
    store.getState().addImages([{ ...fakeImage('a'), name: 'copy of a.png' }, fakeImage('b')]);
    expect(store.getState().duplicateNotice).toBe('Already in the gallery, not added again: “copy of a.png” (same pixels as “a.png”).');
    store.getState().dismissDuplicateNotice();
    expect(store.getState().duplicateNotice).toBeUndefined();
  });

  it('tells the worker to forget removed images and moves the selection to a neighbour', () => {
    const { store, callsOf } = fakeStore();
    store.getState().addImages([fakeImage('a'), fakeImage('b'), fakeImage('c')]);
    store.getState().setActiveImage('b');
    store.getState().removeImage('b');
    expect(store.getState().activeImageId).toBe('c');
    store.getState().clearImages();
    expect(callsOf('forgetImages')).toEqual([[['b']], [['a', 'c']]]);
    expect(store.getState().activeImageId).toBeUndefined();
  });
});
