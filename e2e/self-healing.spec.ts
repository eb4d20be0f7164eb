/**
 * The model cache heals itself: a stored file that fails its consumer is
 * evicted and fetched again, and a host that never answers is named well
 * before any worker-level timeout.
 */
import type { Page } from '@playwright/test';
import { cachedEntries, choosePrecision, openWithFixtureModels } from './support/models';
import { expect, test } from './support/test';

const clipRow = (page: Page) => page.getByRole('article', { name: 'CLIP' });
const loadClip = (page: Page) =>
  clipRow(page)
    .getByRole('button', { name: /^(Load|Retry loading|Reload) CLIP$/ })
    .click();
const clipStatus = (page: Page) => page.getByRole('status', { name: 'CLIP status' });

/** Replaces the cached body of one file, keeping its recorded size so that only its consumer can notice. */
async function corruptCachedFile(page: Page, suffix: string, text: string): Promise<void> {
  await page.evaluate(
    async ({ suffix, text }) => {
      const cache = await caches.open('playground-models-v1');
      const request = (await cache.keys()).find((entry) => entry.url.endsWith(suffix));
      const stored = request && (await cache.match(request));
      if (!request || !stored) throw new Error(`${suffix} is not cached`);
      const body = new TextEncoder().encode(text.padEnd(Number(stored.headers.get('x-playground-size')), ' '));
      await cache.put(request, new Response(body, { headers: stored.headers }));
    },
    { suffix, text },
  );
}

test.describe('self-healing model cache', () => {
  test('a cached config.json that is no longer JSON is evicted and fetched again, and the model loads', async ({ page, hub }) => {
    await openWithFixtureModels(page, hub.url);
    await choosePrecision(page, 'CLIP', 'fp32');
    await loadClip(page);
    await expect(clipStatus(page)).toContainText('Loaded on');
    await corruptCachedFile(page, '/config.json', '{"projection_dim": 1');

    hub.resetLog();
    await page.reload();
    await choosePrecision(page, 'CLIP', 'fp32');
    await loadClip(page);
    await expect(clipStatus(page)).toContainText('Loaded on');
    await expect(clipStatus(page)).not.toContainText('(from cache)');
    const refetched = hub.requests.filter((request) => request.method === 'GET' && request.path.includes('tiny-clip/resolve/'));
    expect(refetched.map((request) => request.path.split('/').pop())).toEqual(['config.json']);
    const entries = await cachedEntries(page);
    expect(entries.find((entry) => entry.url.endsWith('/config.json'))?.complete).toBe(true);
    const stored = await page.evaluate(async () => {
      const cache = await caches.open('playground-models-v1');
      const request = (await cache.keys()).find((entry) => entry.url.endsWith('/config.json'));
      return request ? (await cache.match(request))?.text() : undefined;
    });
    expect(() => JSON.parse(stored ?? '')).not.toThrow();
  });
});

test.describe('network deadlines', () => {
  test('a host that never answers is named, with what was tried, long before the worker timeout', async ({ page, hub }) => {
    await openWithFixtureModels(page, hub.url);
    await choosePrecision(page, 'CLIP', 'fp32');
    hub.fault(/vision_model\.onnx$/, { kind: 'hang' });
    const started = Date.now();
    await loadClip(page);
    const alert = clipRow(page).getByRole('alert');
    await expect(alert).toContainText(
      /Downloading onnx\/vision_model\.onnx from 127\.0\.0\.1:\d+ failed 4 times; the last attempt: 127\.0\.0\.1:\d+ did not answer within 6 s\./,
      {
        timeout: 60_000,
      },
    );
    const seconds = (Date.now() - started) / 1000;
    console.log(`A silent host was reported after ${seconds.toFixed(1)} s`);
    expect(seconds).toBeLessThan(60);
    await expect(alert).not.toContainText('worker');
    expect(hub.requests.filter((request) => request.path.endsWith('onnx/vision_model.onnx'))).toHaveLength(4);
  });
});
