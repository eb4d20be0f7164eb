import { describe, expect, it } from 'vitest';
import type { GalleryStorage } from '../lib/gallery-db';
import { createAppStore } from './create-store';
import type { StoredImage } from './gallery-persistence';
import { createFakeApi, fakeImage } from './testing/fake-api';

function memoryGallery(): GalleryStorage<StoredImage> & { records: Map<string, StoredImage> } {
  const records = new Map<string, StoredImage>();
  return {
    records,
    load: async () => [...records.values()],
    put: async (record) => void records.set(record.id, record),
    remove: async (ids) => ids.forEach((id) => records.delete(id)),
  };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const build = (gallery: GalleryStorage<StoredImage>) =>
  createAppStore({
    api: createFakeApi().api,
    baseUrl: 'http://app.test/',
    revokeUrl: () => undefined,
    gallery,
    galleryUrls: { previewBlob: async (url) => new Blob([url]), createUrl: (blob) => `blob:restored-${blob.size}` },
  });

describe('gallery persistence', () => {
  it('the gallery survives a reload, in order, and clearing it forgets the stored copies', async () => {
    const gallery = memoryGallery();
    const first = build(gallery);
    await flush();
    first.getState().addImages([fakeImage('a'), fakeImage('b')]);
    await flush();
    expect([...gallery.records.keys()].sort()).toEqual(['a', 'b']);
    expect(gallery.records.get('a')).toMatchObject({ name: 'a.png', width: 1, height: 1 });
    expect(gallery.records.get('a')).not.toHaveProperty('previewUrl');

    const reloaded = build(gallery);
    await flush();
    expect(reloaded.getState().images.map((image) => image.name)).toEqual(['a.png', 'b.png']);
    expect(reloaded.getState().images[0]!.previewUrl).toMatch(/^blob:restored-/);
    expect(reloaded.getState().activeImageId).toBe('a');
    expect(reloaded.getState().duplicateNotice).toBeUndefined();

    reloaded.getState().removeImage('a');
    await flush();
    expect([...gallery.records.keys()]).toEqual(['b']);
    reloaded.getState().clearImages();
    await flush();
    expect(gallery.records.size).toBe(0);
    const afterForget = build(gallery);
    await flush();
    expect(afterForget.getState().images).toEqual([]);
  });
});
