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
