/**
 * The Content-Security-Policy reaches the inference worker (which does every
 * model download), and a link can only propose a model host: nothing is
 * fetched from it or stored until the user agrees.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { startStaticServer } from './servers/static-server';
import { acceptHostOffer, choosePrecision, TINY } from './support/models';
import { BASE_PATH, BUILD_DIR, expect, openApp, test } from './support/test';

const consentDialog = (page: Page) => page.getByRole('dialog', { name: 'Load models from another host?' });

/** A host the policy does not allow (127.0.0.2 is loopback, but not in connect-src); it logs what reaches it. */
async function startForeignHost(): Promise<{ url: string; hits: string[]; close(): Promise<void> }> {
  const hits: string[] = [];
  const server = createServer((request, response) => {
    hits.push(`${request.method} ${request.url}`);
    response.writeHead(404, { 'Access-Control-Allow-Origin': '*' }).end();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.2', done));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.2:${port}/`, hits, close: () => new Promise((done) => server.close(() => done())) };
}

test.describe('content security policy', () => {
  test('the document and the worker script are served with the same policy header as the meta tag', async ({ page }) => {
    // The inference worker is the build's only `index-*.js` chunk (the page's entry is `main-*.js`).
    const workerScript = page.waitForResponse(/\/assets\/index-[^/]*\.js$/);
    const document = await page.goto('./');
    const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(document?.headers()['content-security-policy']).toBe(meta);
    expect((await workerScript).headers()['content-security-policy']).toBe(meta);
  });

  test('on GitHub Pages (no headers at all) the service worker sends the policy for the page and the worker script', async ({ page }) => {
    const pages = await startStaticServer({ root: BUILD_DIR, basePath: BASE_PATH, isolationHeaders: false, policyHeader: false });
    try {
      await page.goto(pages.url);
      await expect.poll(() => page.evaluate(() => window.crossOriginIsolated).catch(() => false), { timeout: 20_000 }).toBe(true);
      const workerScript = page.waitForResponse(/\/assets\/index-[^/]*\.js$/);
      const document = await page.reload();
      const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
      expect(meta).toContain("connect-src 'self'");
      expect(document?.headers()['content-security-policy']).toBe(meta);
      expect((await workerScript).headers()['content-security-policy']).toBe(meta);
    } finally {
      await pages.close();
    }
  });

  test('a download the worker tries from a host outside the policy is blocked before it leaves the browser', async ({ page }) => {
    const foreign = await startForeignHost();
    try {
      await openApp(page, `?hub=${encodeURIComponent(foreign.url)}`);
      await acceptHostOffer(page);
      await page.getByRole('button', { name: 'Settings' }).click();
      const dialog = page.getByRole('dialog', { name: 'Settings' });
      await dialog.getByLabel('Task of the new model').selectOption('clip');
      await dialog.getByLabel('Repository id or URL').fill(TINY.clip);
      await dialog.getByRole('button', { name: 'Add model' }).click();
      await dialog.getByRole('button', { name: 'Close settings' }).click();
      await choosePrecision(page, 'CLIP', 'fp32');
      const clipRow = page.getByRole('article', { name: 'CLIP' });
      await clipRow.getByRole('button', { name: /^(Load|Retry loading) CLIP$/ }).click();
      await expect(clipRow.getByRole('alert')).toContainText('127.0.0.2');
      // The page itself is blocked as well (the meta policy covered only this before).
      const pageFetch = await page.evaluate(
        (url) =>
          fetch(url).then(
            () => 'fetched',
            () => 'blocked',
          ),
        foreign.url,
      );
      expect(pageFetch).toBe('blocked');
      expect(foreign.hits).toEqual([]);
    } finally {
      await foreign.close();
    }
  });
});

test.describe('a model host proposed by a link', () => {
  test('asks first, naming the host; declining fetches and stores nothing', async ({ page, hub }) => {
    await openApp(page, `?hub=${encodeURIComponent(hub.url)}`);
    const consent = consentDialog(page);
    await expect(consent).toContainText(hub.url);
    await consent.getByRole('button', { name: 'Keep the current host' }).click();
    await expect(consent).toBeHidden();
    await expect(page.getByRole('note', { name: 'Model host' })).toBeHidden();
    expect(page.url()).not.toContain('hub=');
    const stored = await page.evaluate(() => localStorage.getItem('playground-settings-v1') ?? '');
    expect(stored).not.toContain(hub.url.replace(/\/$/, ''));
    await page.reload();
    await expect(page.getByRole('status', { name: /^Backend: / })).toBeVisible();
    await expect(consentDialog(page)).toBeHidden();
    expect(hub.requests).toEqual([]);
  });

  test('agreeing switches the host, and the banner stays while it is in use', async ({ page, hub }) => {
    await openApp(page, `?hub=${encodeURIComponent(hub.url)}`);
    await acceptHostOffer(page);
    await expect(page.getByRole('note', { name: 'Model host' })).toContainText(hub.url);
    await page.reload();
    await expect(page.getByRole('note', { name: 'Model host' })).toContainText(hub.url);
  });

  test('a non-http(s) host is refused with a notice and never stored', async ({ page }) => {
    await openApp(page, `?hub=${encodeURIComponent('javascript:alert(1)')}`);
    await expect(page.getByText(/model host “javascript:alert\(1\)” was ignored: only http and https hosts/)).toBeVisible();
    await expect(consentDialog(page)).toBeHidden();
    const stored = await page.evaluate(() => localStorage.getItem('playground-settings-v1') ?? '');
    expect(stored).not.toContain('javascript:');
  });
});
