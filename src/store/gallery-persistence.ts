/**
 * Keeps the gallery across reloads through the GalleryStorage the store is
 * given (IndexedDB in the app, a Map in tests): restores it at start, then
 * mirrors additions and removals. Clearing the gallery ("Forget my images")
 * therefore also empties the stored copy.
 */
import type { StoreApi } from 'zustand';
import type { GalleryStorage } from '../lib/gallery-db';
import type { AppState } from './app-state';
import type { GalleryImage } from './images-slice';

/** A gallery image as stored: its preview as a Blob instead of an object URL, which dies with the page. */
export type StoredImage = Omit<GalleryImage, 'previewUrl'> & { preview: Blob; addedAt: number };

export interface GalleryPersistenceDeps {
  /** Object URLs in and out of Blobs; injected because jsdom and Node lack parts of them. */
  previewBlob(url: string): Promise<Blob>;
  createUrl(blob: Blob): string;
  now(): number;
}

/** Restores the stored gallery (resolves once it is in the store), then keeps the storage in step. */
export async function persistGallery(store: StoreApi<AppState>, storage: GalleryStorage<StoredImage>, deps: GalleryPersistenceDeps): Promise<void> {
  let stored: StoredImage[] = [];
  try {
    stored = await storage.load();
  } catch {
    // An unreadable database only means nothing comes back; the session still works.
  }
  stored.sort((a, b) => a.addedAt - b.addedAt);
  const restored = stored.map(({ preview, addedAt: _addedAt, ...image }) => ({ ...image, previewUrl: deps.createUrl(preview) }));
  if (restored.length > 0) store.getState().addImages(restored);
  // addImages reports stored images the page already had (added while loading) as duplicates; that is not news.
  if (restored.length > 0) store.setState({ duplicateNotice: undefined });

  let known = new Set(store.getState().images.map((image) => image.id));
  const savedIds = new Set(stored.map((image) => image.id));
  const save = async (image: GalleryImage) => {
    const { previewUrl, ...rest } = image;
    await storage.put({ ...rest, preview: await deps.previewBlob(previewUrl), addedAt: deps.now() });
  };
  const sync = (images: GalleryImage[]) => {
    const current = new Set(images.map((image) => image.id));
    const added = images.filter((image) => !savedIds.has(image.id));
    const removed = [...known].filter((id) => !current.has(id));
    known = current;
    for (const image of added) savedIds.add(image.id);
    for (const id of removed) savedIds.delete(id);
    // Storage failures (quota, blocked) leave the session working; the images just are not kept.
    for (const image of added) void save(image).catch(() => undefined);
    if (removed.length > 0) void storage.remove(removed).catch(() => undefined);
  };
  sync(store.getState().images);
  store.subscribe((state, previous) => {
    if (state.images !== previous.images) sync(state.images);
  });
}
