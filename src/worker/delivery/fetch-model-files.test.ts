import { describe, expect, it } from 'vitest';
import type { ProgressData } from '../../shared/protocol';
import { downloadFile } from './download-file';
import { fetchModelFiles } from './fetch-model-files';
import { ProgressTracker } from './progress-tracker';
import { bytes, memoryCacheStorage, noSleep, scriptedFetch, type Scripted } from './test-doubles';
import { VerifiedCache } from './verified-cache';

const LABELS = { modelId: 'm', repo: 'org/m', revision: 'main' };
const FILES = [
  { path: 'config.json', url: 'https://hub.test/config.json', size: 50 },
  { path: 'onnx/a.onnx', url: 'https://hub.test/a.onnx', size: 3000 },
  { path: 'onnx/b.onnx', url: 'https://hub.test/b.onnx', size: 2000 },
];

function setup(script: Record<string, Scripted[]>) {
  const fetch = scriptedFetch(script);
  const { storage, cache } = memoryCacheStorage();
  const store = new VerifiedCache(storage, undefined);
  const progress: ProgressData[] = [];
  const warnings: string[] = [];
  const run = () =>
    fetchModelFiles(FILES, {
      cache: store,
      labels: LABELS,
      download: (file, onBytes) => downloadFile(file, { fetch, sleep: noSleep, onBytes }),
      onProgress: (event) => progress.push(event),
      onWarning: (warning) => warnings.push(warning.message),
    });
  return { fetch, cache, store, progress, warnings, run };
}

const ok = (size: number, seed: number): Scripted[] => [{ status: 200, body: bytes(size, seed) }];

describe('fetchModelFiles', () => {
  it('downloads every file, caches it, and on the next run reads only the cache', async () => {
    const test = setup({ 'https://hub.test/config.json': ok(50, 1), 'https://hub.test/a.onnx': ok(3000, 2), 'https://hub.test/b.onnx': ok(2000, 3) });
    const first = await test.run();
    expect(first.map((file) => [file.path, file.bytes.length, file.fromCache])).toEqual([
      ['config.json', 50, false],
      ['onnx/a.onnx', 3000, false],
      ['onnx/b.onnx', 2000, false],
    ]);
    expect(test.fetch.calls).toHaveLength(3);
    const second = await test.run();
    expect(second.every((file) => file.fromCache)).toBe(true);
    expect(test.fetch.calls).toHaveLength(3);
  });

  it('reports overall progress that never decreases and ends at 100%', async () => {
    const test = setup({
      'https://hub.test/config.json': ok(50, 1),
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
    const test = setup({ 'https://hub.test/config.json': ok(50, 1), 'https://hub.test/a.onnx': [{ status: 404 }], 'https://hub.test/b.onnx': ok(2000, 3) });
    await expect(test.run()).rejects.toMatchObject({ code: 'source-unavailable' });
    expect(test.cache.entries.has('https://hub.test/a.onnx')).toBe(false);
  });

  it('still returns the files when caching fails, with one warning', async () => {
    const test = setup({ 'https://hub.test/config.json': ok(50, 1), 'https://hub.test/a.onnx': ok(3000, 2), 'https://hub.test/b.onnx': ok(2000, 3) });
    test.cache.failPutWith = new DOMException('full', 'QuotaExceededError');
    const files = await test.run();
    expect(files).toHaveLength(3);
    expect(test.warnings).toHaveLength(1);
  });
});

describe('ProgressTracker', () => {
  it('throttles updates but always emits on flush, and never goes backwards', () => {
    let time = 0;
    const events: ProgressData[] = [];
    const tracker = new ProgressTracker('Downloading', [{ path: 'a', total: 100 }], (event) => events.push(event), 100, () => time);
    tracker.update('a', 10, 100);
    time = 50;
    tracker.update('a', 20, 100);
    time = 200;
    tracker.update('a', 5, 100);
    tracker.flush();
    expect(events.map((event) => event.overall.loaded)).toEqual([10, 20, 20]);
  });
});
