import type { Page } from '@playwright/test';
import { acceptHostOffer, cachedEntries, chooseDevice, choosePrecision, openWithFixtureModels } from './support/models';
import { expect, openApp, test } from './support/test';

const clipRow = (page: Page) => page.getByRole('article', { name: 'CLIP' });
const loadClip = (page: Page) =>
  clipRow(page)
    .getByRole('button', { name: /^(Load|Retry loading|Reload) CLIP$/ })
    .click();
const loaded = (page: Page) => expect(page.getByRole('status', { name: 'CLIP status' })).toContainText('Loaded on');

/** File downloads of the tiny CLIP fixture (inspecting other models' sizes uses HEAD and the tree API). */
function clipDownloads(hub: { requests: { path: string; method: string }[] }) {
  return hub.requests.filter((request) => request.method === 'GET' && request.path.startsWith('/fixtures/tiny-clip/resolve/'));
}

test.describe('model delivery through the fake hub', () => {
  test('sizes first, then a cold load with monotonic progress, then a warm load with zero model requests', async ({ page, hub }) => {
    const urls: string[] = [];
    page.on('request', (request) => urls.push(request.url()));
    await openWithFixtureModels(page, hub.url);
    await choosePrecision(page, 'CLIP', 'fp32');
    await expect(clipRow(page)).toContainText(/Download 1\.\d MB of 1\.\d MB\./);
    expect(clipDownloads(hub)).toHaveLength(0);

    // Slow the big file down so the progress bars can be watched.
    hub.fault(/vision_model\.onnx$/, { kind: 'slow', bytesPerSecond: 600_000 });
    await loadClip(page);
    const overall = clipRow(page).getByRole('progressbar', { name: 'CLIP: Downloading', exact: true });
    const seen: number[] = [];
    while (!(await page.getByRole('status', { name: 'CLIP status' }).isVisible())) {
      const value = await overall.getAttribute('aria-valuenow', { timeout: 200 }).catch(() => null);
      if (value !== null) seen.push(Number(value));
      await page.waitForTimeout(50);
    }
    await loaded(page);
    expect(seen.length).toBeGreaterThan(3);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    const log = hub.requests.filter((request) => request.path.includes('tiny-clip'));
    console.log(`Cold load requests:\n  ${log.map((r) => `${r.method} ${r.path} → ${r.status}`).join('\n  ')}`);
    expect(clipDownloads(hub)).toHaveLength(6);
    expect((await cachedEntries(page)).every((entry) => entry.complete)).toBe(true);

    hub.resetLog();
    await page.reload();
    await choosePrecision(page, 'CLIP', 'fp32');
    await expect(clipRow(page)).toContainText('All files cached in this browser');
    await loadClip(page);
    await loaded(page);
    await expect(page.getByRole('status', { name: 'CLIP status' })).toContainText('(from cache)');
    const warm = hub.requests.filter((request) => request.path.includes('tiny-clip'));
    console.log(`Warm load requests: ${warm.length === 0 ? 'none' : warm.map((r) => r.path).join(', ')}`);
    expect(warm).toHaveLength(0);
    // Nothing ever goes to a CDN or any host but ours and the (fake) hub.
    expect(urls.filter((url) => !url.startsWith('http://127.0.0.1:'))).toEqual([]);
  });

  for (const fault of [
    { name: 'a connection dropped mid-body', fault: { kind: 'abort-mid-body', times: 1 } },
    { name: 'a truncated body', fault: { kind: 'truncate', times: 1 } },
    { name: 'HTTP 500 twice, then 200', fault: { kind: 'status', status: 500, times: 2 } },
  ] as const) {
    test(`recovers from ${fault.name} by retrying, and caches only complete files`, async ({ page, hub }) => {
      await openWithFixtureModels(page, hub.url);
      await choosePrecision(page, 'CLIP', 'fp32');
      hub.fault(/vision_model\.onnx$/, fault.fault);
      await loadClip(page);
      await loaded(page);
      const attempts = hub.requests.filter((request) => request.path.endsWith('onnx/vision_model.onnx'));
      expect(attempts.length).toBeGreaterThan(1);
      const entries = await cachedEntries(page);
      expect(entries).toHaveLength(6);
      expect(entries.every((entry) => entry.complete)).toBe(true);
    });
  }

  test('a 404 fails fast and names the file and the host', async ({ page, hub }) => {
    await openWithFixtureModels(page, hub.url);
    await choosePrecision(page, 'CLIP', 'fp32');
    hub.fault(/vision_model\.onnx$/, { kind: 'status', status: 404 });
    await loadClip(page);
    const alert = clipRow(page).getByRole('alert');
    await expect(alert).toContainText('onnx/vision_model.onnx was not found on 127.0.0.1');
    expect(hub.requests.filter((request) => request.path.endsWith('onnx/vision_model.onnx'))).toHaveLength(1);
    expect((await cachedEntries(page)).some((entry) => entry.url.endsWith('vision_model.onnx'))).toBe(false);
    // Retry works once the host serves the file again.
    hub.clearFaults();
    await clipRow(page).getByRole('button', { name: 'Retry loading CLIP' }).click();
    await loaded(page);
  });

  test('an HTML page served as the model is refused and never cached', async ({ page, hub }) => {
    await openWithFixtureModels(page, hub.url);
    await choosePrecision(page, 'CLIP', 'fp32');
    hub.fault(/text_model\.onnx$/, { kind: 'html' });
    await loadClip(page);
    await expect(clipRow(page).getByRole('alert')).toContainText('returned a web page instead of onnx/text_model.onnx');
    expect((await cachedEntries(page)).some((entry) => entry.url.endsWith('text_model.onnx'))).toBe(false);
  });

  test('a slow download can be cancelled, leaving no partial file', async ({ page, hub }) => {
    await openWithFixtureModels(page, hub.url);
    await choosePrecision(page, 'CLIP', 'fp32');
    hub.fault(/vision_model\.onnx$/, { kind: 'slow', bytesPerSecond: 100_000 });
    await loadClip(page);
    await expect(page.getByRole('progressbar', { name: 'onnx/vision_model.onnx' })).toBeVisible();
    await clipRow(page).getByRole('button', { name: 'Cancel loading CLIP' }).click();
    await expect(clipRow(page).getByRole('button', { name: 'Load CLIP', exact: true })).toBeVisible();
    expect((await cachedEntries(page)).some((entry) => entry.url.endsWith('vision_model.onnx'))).toBe(false);
    // The worker is still usable: the next load succeeds.
    hub.clearFaults();
    await loadClip(page);
    await loaded(page);
  });

  test('the cache list shows stored models; Delete and Clear all empty it', async ({ page, hub }) => {
    await openWithFixtureModels(page, hub.url, ['clip', 'caption']);
    await choosePrecision(page, 'CLIP', 'fp32');
    await loadClip(page);
    await loaded(page);
    const stored = page.getByRole('list', { name: 'Stored models' });
    await expect(stored).toContainText('fixtures/tiny-clip');
    await page.getByRole('button', { name: 'Delete fixtures/tiny-clip from the browser cache' }).click();
    // Destructive, so asked first: nothing goes until the user confirms.
    await expect(stored).toContainText('fixtures/tiny-clip');
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(stored).toHaveCount(0);
    expect(await cachedEntries(page)).toHaveLength(0);
    await choosePrecision(page, 'CLIP', 'q8');
    await loadClip(page);
    await expect(page.getByRole('status', { name: 'CLIP status' })).toContainText('q8');
    await expect(stored).toContainText('fixtures/tiny-clip');
    await page.getByRole('button', { name: 'Clear all' }).click();
    await page.getByRole('button', { name: 'Delete all' }).click();
    await expect(page.getByRole('list', { name: 'Stored models' })).toHaveCount(0);
    expect(await cachedEntries(page)).toHaveLength(0);
  });

  test('offline after caching, models load from the cache and run', async ({ page, hub, context }) => {
    await openWithFixtureModels(page, hub.url);
    await page.getByRole('button', { name: 'Add all samples' }).click();
    await choosePrecision(page, 'CLIP', 'fp32');
    await loadClip(page);
    await loaded(page);
    await choosePrecision(page, 'CLIP', 'q8');
    await loadClip(page);
    await expect(page.getByRole('status', { name: 'CLIP status' })).toContainText('q8');
    await context.setOffline(true);
    hub.resetLog();
    // Switching back to fp32 builds new sessions from the cached files alone.
    await choosePrecision(page, 'CLIP', 'fp32');
    await loadClip(page);
    await expect(page.getByRole('status', { name: 'CLIP status' })).toContainText('fp32');
    await expect(page.getByRole('status', { name: 'CLIP status' })).toContainText('(from cache)');
    await page.getByRole('button', { name: 'Classify', exact: true }).click();
    await expect(page.getByRole('list', { name: /^CLIP labels for/ })).toBeVisible();
    expect(hub.requests).toHaveLength(0);
  });

  test('the settings show a banner for a non-default host, and reset returns to the Hub', async ({ page, hub }) => {
    await openWithFixtureModels(page, hub.url);
    const banner = page.getByRole('note', { name: 'Model host' });
    await expect(banner).toContainText(hub.url);
    await banner.getByRole('button', { name: 'Use the Hugging Face Hub' }).click();
    await expect(banner).toBeHidden();
  });
});

test.describe('other sources', () => {
  test('a relative host serves a model folder deployed next to the site', async ({ page }) => {
    await openApp(page, `?hub=${encodeURIComponent('./demo-models/')}&hubTemplate=${encodeURIComponent('{repo}/{file}')}`);
    await acceptHostOffer(page);
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog.getByLabel('Task of the new model').selectOption('clip');
    await dialog.getByLabel('Repository id or URL').fill('fixtures/tiny-clip');
    await dialog.getByRole('button', { name: 'Add model' }).click();
    await dialog.getByRole('button', { name: 'Close settings' }).click();
    await choosePrecision(page, 'CLIP', 'fp32');
    await loadClip(page);
    await loaded(page);
  });

  test('when the host cannot be reached the app says so and offers the offline demo models', async ({ page }) => {
    await openApp(page, `?hub=${encodeURIComponent('http://127.0.0.1:9')}`);
    await acceptHostOffer(page);
    // Without a published default the host is only asked once a model on it is chosen.
    await page.getByLabel('CLIP model').selectOption({ label: 'CLIP ViT-B/32 — Xenova (third-party, unverified)' });
    const offer = page.getByText(/The model host \(http:\/\/127\.0\.0\.1:9\) cannot be reached\./);
    await expect(offer).toBeVisible();
    await page.getByRole('button', { name: 'Use offline demo models' }).first().click();
    await expect(clipRow(page)).toContainText('Offline demo model: tiny and random');
    await page.getByRole('button', { name: 'Add sample: Cat' }).click();
    await page.getByRole('button', { name: 'Classify', exact: true }).click();
    await expect(page.getByRole('list', { name: 'CLIP labels for cat.jpg' })).toBeVisible();
  });
});

test.describe('backends', () => {
  test('without WebGPU the device falls back to WASM', async ({ page, hub }) => {
    await openWithFixtureModels(page, hub.url);
    await expect(page.getByRole('status', { name: /^Backend: WASM/ })).toBeVisible();
    await choosePrecision(page, 'CLIP', 'fp32');
    await loadClip(page);
    await expect(page.getByRole('status', { name: 'CLIP status' })).toContainText('Loaded on WASM');
    await expect(page.getByRole('status', { name: 'CLIP status' })).toHaveAttribute('title', /WASM-only build/);
  });

  test('@webgpu Auto skips the software adapter (SwiftShader) for WASM and says why; forcing WebGPU switches builds and runs on it', async ({
    page,
    hub,
  }) => {
    await openWithFixtureModels(page, hub.url);
    const badge = page.getByRole('status', { name: /^Backend: WASM .* software GPU skipped/ });
    await expect(badge).toBeVisible();
    await expect(badge).toHaveAttribute('title', /runs on the CPU in software.*Choose WebGPU under Settings/);
    await choosePrecision(page, 'CLIP', 'fp32');
    await loadClip(page);
    const status = page.getByRole('status', { name: 'CLIP status' });
    await expect(status).toContainText('Loaded on WASM');
    // Auto on WASM runs onnxruntime's faster WASM-only build; WebGPU needs the other one, so the worker restarts on it.
    await expect(status).toHaveAttribute('title', /WASM-only build/);
    await chooseDevice(page, 'webgpu');
    await loadClip(page);
    await expect(status).toContainText('Loaded on WebGPU', { timeout: 60_000 });
    await expect(status).toHaveAttribute('title', /WebGPU build/);
    await expect(page.getByText(/restarted on the other build/)).toBeVisible();
    // The switch is not a crash: nothing is pinned to WASM, and going back to Auto needs no restart (WASM runs on this build too).
    await chooseDevice(page, 'auto');
    await loadClip(page);
    await expect(status).toContainText('Loaded on WASM', { timeout: 60_000 });
    await expect(status).toHaveAttribute('title', /WebGPU build/);
  });
});
