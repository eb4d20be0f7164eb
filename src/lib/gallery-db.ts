/**
 * The gallery kept in this browser's IndexedDB, so that images survive a
 * reload. Nothing leaves the device: this is the same origin's local database,
 * and "Forget my images" empties it.
 */

/** Where gallery records live; generic so that lib need not know the store's image type. */
export interface GalleryStorage<T extends { id: string }> {
  load(): Promise<T[]>;
  put(record: T): Promise<void>;
  remove(ids: string[]): Promise<void>;
}

const DB_NAME = 'playground-gallery';
const STORE = 'images';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

function open(): Promise<IDBDatabase> {
  const req = indexedDB.open(DB_NAME, 1);
  req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'id' });
  return request(req);
}

/** IndexedDB behind the store's GalleryStorage; undefined where the browser blocks it (some private modes). */
export function indexedDbGallery<T extends { id: string }>(): GalleryStorage<T> | undefined {
  if (typeof indexedDB === 'undefined') return undefined;
  let db: Promise<IDBDatabase> | undefined;
  const objects = async (mode: IDBTransactionMode) => {
    db ??= open();
    return (await db).transaction(STORE, mode).objectStore(STORE);
  };
  return {
    async load() {
      return request((await objects('readonly')).getAll() as IDBRequest<T[]>);
    },
    async put(record) {
      await request((await objects('readwrite')).put(record));
    },
    async remove(ids) {
      const store = await objects('readwrite');
      await Promise.all(ids.map((id) => request(store.delete(id))));
    },
  };
}
