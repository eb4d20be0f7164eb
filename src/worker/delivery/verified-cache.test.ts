import { describe, expect, it } from 'vitest';
import { bytes, memoryCacheStorage } from './test-doubles';
import { VerifiedCache } from './verified-cache';

const LABELS = { modelId: 'clip-vit-base-patch32', repo: 'Xenova/clip-vit-base-patch32', revision: 'abc' };
const A = 'https://hub.test/a.onnx';
const B = 'https://hub.test/b.json';

function setup(storage = {}) {
  const { storage: caches, cache } = memoryCacheStorage();
  return { store: new VerifiedCache(caches, storage), cache };
}

describe('VerifiedCache', () => {
  it('stores and reads back files with their labels', async () => {
    const { store } = setup();
    await store.write(A, 'onnx/a.onnx', bytes(100), LABELS);
    expect(await store.read(A)).toEqual(bytes(100));
    expect(await store.info(A)).toEqual({ size: 100 });
    expect((await store.list())[0]).toMatchObject({ url: A, path: 'onnx/a.onnx', size: 100, ...LABELS });
  });

  it('evicts an entry whose body no longer matches its recorded size', async () => {
    const { store, cache } = setup();
    await store.write(A, 'onnx/a.onnx', bytes(100), LABELS);
    const entry = cache.entries.get(A);
    if (entry) entry.body = entry.body.subarray(0, 40);
    expect(await store.read(A)).toBeUndefined();
    expect(cache.entries.has(A)).toBe(false);
  });

  it('reports quota errors with the space needed and free, and stores nothing', async () => {
    const { store, cache } = setup({ estimate: async () => ({ usage: 900, quota: 1000 }) });
    cache.failPutWith = new DOMException('full', 'QuotaExceededError');
    const outcome = await store.write(A, 'onnx/a.onnx', bytes(5000), LABELS);
    expect(outcome.stored).toBe(false);
    if (outcome.stored) return;
    expect(outcome.error.code).toBe('quota-exceeded');
    expect(outcome.error.message).toContain('4.9 KB');
    expect(outcome.error.message).toContain('only 100 B is free');
    expect(outcome.error.message).toContain('still runs from memory');
    expect(cache.entries.size).toBe(0);
  });

  it('does not claim a lack of space the estimate contradicts (issue 13, failure 10)', async () => {
    const { store, cache } = setup({ estimate: async () => ({ usage: 0, quota: 10 * 1024 ** 3 }) });
    cache.failPutWith = new DOMException('full', 'QuotaExceededError');
    const outcome = await store.write(A, 'onnx/a.onnx', bytes(5000), LABELS);
    if (outcome.stored) throw new Error('stored');
    expect(outcome.error.message).not.toContain('needs');
    expect(outcome.error.message).toContain('refused to store onnx/a.onnx (4.9 KB) for lack of space, although it estimates 10.0 GB free');
  });

  it('asks for persistent storage once, after the first stored file', async () => {
    let asked = 0;
    const { store } = setup({ persist: async () => ((asked += 1), true) });
    await store.write(A, 'a', bytes(1), LABELS);
    await store.write(B, 'b', bytes(1), LABELS);
    expect(asked).toBe(1);
  });

  it('deletes one repository revision or everything', async () => {
    const { store } = setup();
    await store.write(A, 'a', bytes(10), LABELS);
    await store.write(B, 'b', bytes(20), { ...LABELS, repo: 'other/repo' });
    expect(await store.remove({ repo: 'other/repo', revision: 'abc' })).toEqual({ files: 1, bytes: 20 });
    expect((await store.list()).map((file) => file.url)).toEqual([A]);
    expect(await store.remove()).toEqual({ files: 1, bytes: 10 });
    expect(await store.list()).toEqual([]);
  });

  it('shows the space a deletion freed before the browser’s lazy estimate does (issue 13, failure 10)', async () => {
    let usage = 5000;
    const { store } = setup({ estimate: async () => ({ usage, quota: 100_000 }) });
    await store.write(A, 'a', bytes(1000), LABELS);
    await store.write(B, 'b', bytes(1500), LABELS);
    expect(await store.remove()).toEqual({ files: 2, bytes: 2500 });
    expect((await store.estimate()).usage).toBe(2500);
    usage = 2400; // the browser caught up
    expect((await store.estimate()).usage).toBe(2400);
    usage = 9000; // and later writes count again
    expect((await store.estimate()).usage).toBe(9000);
  });

  it('works without Cache Storage, storing nothing', async () => {
    const store = new VerifiedCache(undefined, undefined);
    expect(await store.read(A)).toBeUndefined();
    expect((await store.write(A, 'a', bytes(1), LABELS)).stored).toBe(false);
  });
});
