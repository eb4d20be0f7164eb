import { gzipSync } from 'node:zlib';
import { startStaticServer } from './servers/static-server';
import { BASE_PATH, BUILD_DIR, expect, test } from './support/test';

test.describe('deployment', () => {
  test('without COOP/COEP headers (GitHub Pages) the service worker isolates the page after one reload', async ({ page }) => {
    const server = await startStaticServer({ root: BUILD_DIR, basePath: BASE_PATH, isolationHeaders: false, policyHeader: false });
    try {
      let navigations = 0;
      page.on('framenavigated', (frame) => {
        if (frame === page.mainFrame()) navigations += 1;
      });
      await page.goto(server.url);
      await expect.poll(() => page.evaluate(() => window.crossOriginIsolated).catch(() => false), { timeout: 20_000 }).toBe(true);
      await expect(page.getByRole('status', { name: /^Backend: .*threads?/ })).toBeVisible();
      await page.waitForTimeout(1_000);
      expect(navigations).toBe(2);
      // A later visit is isolated straight away, without another reload.
      await page.reload();
      expect(await page.evaluate(() => window.crossOriginIsolated)).toBe(true);
      await page.waitForTimeout(1_000);
      expect(navigations).toBe(3);
    } finally {
      await server.close();
    }
  });

  test('initial JavaScript before any model is requested stays under 150 KB gzip', async ({ page }) => {
    const scripts = new Map<string, number>();
    page.on('response', async (response) => {
      const type = response.headers()['content-type'] ?? '';
      if (!type.includes('javascript')) return;
      const body = await response.body().catch(() => undefined);
      if (body) scripts.set(response.url(), gzipSync(body).length);
    });
    await page.goto('./');
    await expect(page.getByRole('status', { name: /^Backend: / })).toBeVisible();
    await page.waitForLoadState('networkidle');
    const total = [...scripts.values()].reduce((sum, size) => sum + size, 0);
    console.log(`Initial JS: ${(total / 1024).toFixed(1)} KB gzip in ${scripts.size} files`);
    for (const [url, size] of scripts) console.log(`  ${(size / 1024).toFixed(1)} KB  ${url}`);
    expect(scripts.size).toBeGreaterThan(0);
    expect(total).toBeLessThanOrEqual(150 * 1024);
    expect([...scripts.keys()].some((url) => /transformers|ort[.-]/.test(url))).toBe(false);
  });
});
