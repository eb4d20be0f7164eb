import { describe, expect, it } from 'vitest';
import type { ProgressData } from '../../shared/protocol';
import { downloadFile } from './download-file';
import { sha256Hex } from './digest';
import { fetchModelFiles, storeProvenFiles } from './fetch-model-files';
import { ProgressTracker } from './progress-tracker';
import { bytes, memoryCacheStorage, noSleep, scriptedFetch, type Scripted } from './test-doubles';
import type { FetchedFile, FileRequest } from './types';
import { VerifiedCache } from './verified-cache';

const LABELS = { modelId: 'm', repo: 'org/m', revision: 'main' };
const FILES = [
  { path: 'config.json', url: 'https://hub.test/config.json', size: 50 },
  { path: 'onnx/a.onnx', url: 'https://hub.test/a.onnx', size: 3000 },
  { path: 'onnx/b.onnx', url: 'https://hub.test/b.onnx', size: 2000 },
];

/** A config.json of exactly 50 bytes. */
const CONFIG = new TextEncoder().encode(JSON.stringify({ pad: 'x'.repeat(40) }));

function setup(script: Record<string, Scripted[]>, files: FileRequest[] = FILES) {
  const fetch = scriptedFetch(script);
  const { storage, cache } = memoryCacheStorage();
  const store = new VerifiedCache(storage, undefined);
  const progress: ProgressData[] = [];
  const warnings: string[] = [];
  const run = () =>
    fetchModelFiles(files, {
      cache: store,
      labels: LABELS,
      download: (file, onBytes) => downloadFile(file, { fetch, sleep: noSleep, onBytes }),
      onProgress: (event) => progress.push(event),
      onWarning: (warning) => warnings.push(warning.message),
    });
  const commit = (fetched: FetchedFile[]) =>
    storeProvenFiles(fetched, { cache: store, labels: LABELS, onWarning: (warning) => warnings.push(warning.message) });
  return { fetch, cache, store, progress, warnings, run, commit };
}

const ok = (size: number, seed: number): Scripted[] => [{ status: 200, body: bytes(size, seed) }];
const config = (): Scripted[] => [{ status: 200, body: CONFIG }];

describe('fetchModelFiles', () => {
  it('downloads every file, caches it, and on the next run reads only the cache', async () => {
    const test = setup({ 'https://hub.test/config.json': config(), 'https://hub.test/a.onnx': ok(3000, 2), 'https://hub.test/b.onnx': ok(2000, 3) });
    const first = await test.run();
    expect(first.map((file) => [file.path, file.bytes.length, file.fromCache])).toEqual([
      ['config.json', 50, false],
      ['onnx/a.onnx', 3000, false],
      ['onnx/b.onnx', 2000, false],
    ]);
    expect(test.fetch.calls).toHaveLength(3);
    await test.commit(first);
    const second = await test.run();
    expect(second.every((file) => file.fromCache)).toBe(true);
    expect(test.fetch.calls).toHaveLength(3);
  });

  it('reports overall progress that never decreases and ends at 100%', async () => {
    const test = setup({
      'https://hub.test/config.json': config(),
      'https://hub.test/a.onnx': [{ breakAfter: 1500, body: bytes(3000, 2) }, ...ok(3000, 2)],
      'https://hub.test/b.onnx': ok(2000, 3),
    });
    await test.run();
    const loaded = test.progress.map((event) => event.overall.loaded);
    expect(loaded).toEqual([...loaded].sort((a, b) => a - b));
    const last = test.progress.at(-1);
    expect(last?.overall).toEqual({ loaded: 5050, total: 5050 });
    expect(last?.files.every((file) => file.done)).toBe(true);
  });

  it('leaves no cache entry for a file that failed', async () => {
    const test = setup({ 'https://hub.test/config.json': config(), 'https://hub.test/a.onnx': [{ status: 404 }], 'https://hub.test/b.onnx': ok(2000, 3) });
    await expect(test.run()).rejects.toMatchObject({ code: 'source-unavailable' });
    expect(test.cache.entries.has('https://hub.test/a.onnx')).toBe(false);
  });

  it('still returns the files when caching fails, with one warning', async () => {
    const test = setup({ 'https://hub.test/config.json': config(), 'https://hub.test/a.onnx': ok(3000, 2), 'https://hub.test/b.onnx': ok(2000, 3) });
    test.cache.failPutWith = new DOMException('full', 'QuotaExceededError');
    const files = await test.run();
    expect(files).toHaveLength(3);
    expect(test.warnings).toHaveLength(1);
  });
});

describe('fetchModelFiles: only proven files are stored (issue 13, failures 2 and 6)', () => {
  const onnx = bytes(3000, 2);

  it('keeps a model file the host gave no hash for out of the cache until its model loaded', async () => {
    const test = setup({ 'https://hub.test/config.json': config(), 'https://hub.test/a.onnx': ok(3000, 2), 'https://hub.test/b.onnx': ok(2000, 3) });
    const fetched = await test.run();
    expect([...test.cache.entries.keys()]).toEqual(['https://hub.test/config.json']);
    expect(fetched.filter((file) => file.pending).map((file) => file.path)).toEqual(['onnx/a.onnx', 'onnx/b.onnx']);
    await test.commit(fetched);
    expect(test.cache.entries.size).toBe(3);
  });

  it('stores a file proven by the host’s hash at once', async () => {
    const files = [{ path: 'onnx/a.onnx', url: 'https://hub.test/a.onnx', size: 3000, sha256: await sha256Hex(onnx) }];
    const test = setup({ 'https://hub.test/a.onnx': [{ status: 200, body: onnx }] }, files);
    const [fetched] = await test.run();
    expect(fetched?.pending).toBeUndefined();
    expect(test.cache.entries.has('https://hub.test/a.onnx')).toBe(true);
  });

  it('evicts a cached config.json that no longer parses and downloads it again', async () => {
    const files = [{ path: 'config.json', url: 'https://hub.test/config.json' }];
    const test = setup({ 'https://hub.test/config.json': config() }, files);
    await test.store.write('https://hub.test/config.json', 'config.json', new TextEncoder().encode('{"broken": '), LABELS);
    const [fetched] = await test.run();
    expect(fetched?.fromCache).toBe(false);
    expect(new TextDecoder().decode(fetched?.bytes)).toBe(new TextDecoder().decode(CONFIG));
    expect(test.fetch.calls).toEqual(['GET https://hub.test/config.json']);
    expect(new TextDecoder().decode(test.cache.entries.get('https://hub.test/config.json')?.body)).toBe(new TextDecoder().decode(CONFIG));
  });

  it('refuses, names and never stores a web page served as a JSON or ONNX file', async () => {
    const page = '<!doctype html><html><body>Index of /</body></html>';
    for (const file of [
      { path: 'preprocessor_config.json', url: 'https://mirror.test/preprocessor_config.json' },
      { path: 'onnx/a.onnx', url: 'https://mirror.test/a.onnx' },
    ]) {
      const test = setup({ [file.url]: [{ status: 200, body: page }] }, [file]);
      await expect(test.run()).rejects.toMatchObject({
        code: 'download-failed',
        message: expect.stringContaining(`${file.path} from mirror.test cannot be used`),
      });
      expect(test.cache.entries.size).toBe(0);
    }
  });
});

describe('ProgressTracker', () => {
  it('throttles updates but always emits on flush, and never goes backwards', () => {
    let time = 0;
    const events: ProgressData[] = [];
    const tracker = new ProgressTracker(
      'Downloading',
      [{ path: 'a', total: 100 }],
      (event) => events.push(event),
      100,
      () => time,
    );
    tracker.update('a', 10, 100);
    time = 50;
    tracker.update('a', 20, 100);
    time = 200;
    tracker.update('a', 5, 100);
    tracker.flush();
    expect(events.map((event) => event.overall.loaded)).toEqual([10, 20, 20]);
  });
});
