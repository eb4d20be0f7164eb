/**
 * Failure 8 of issue 13: without network, a reload showed the browser's error
 * page although the models were stored. The service worker now keeps the
 * app's files; a visit offline opens the app and runs a stored model.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startStaticServer } from './servers/static-server';
import { FIXTURE_IMAGES } from './support/golden';
import { openWithFixtureModels } from './support/models';
import { BASE_PATH, BUILD_DIR, expect, test } from './support/test';

const blip = (page: Page) => page.getByRole('region', { name: 'BLIP', exact: true });

async function shellState(page: Page) {
  return page.evaluate(async () => {
    const names = (await caches.keys()).filter((name) => name.startsWith('playground-shell-'));
    const cache = names[0] ? await caches.open(names[0]) : undefined;
    const files = cache ? (await cache.keys()).map((request) => new URL(request.url).pathname) : [];
    const registration = await navigator.serviceWorker.getRegistration();
    return { names, files, active: registration?.active?.state === 'activated', controlled: navigator.serviceWorker.controller !== null };
  });
}

async function captionFirstImage(page: Page): Promise<void> {
  await page.getByLabel('Choose image files').setInputFiles(FIXTURE_IMAGES[0]!);
  await expect(page.getByRole('list', { name: 'Gallery' }).getByRole('listitem')).toHaveCount(1);
  await blip(page).getByRole('button', { name: 'Caption', exact: true }).click();
  await expect(blip(page).getByRole('status', { name: 'Caption metrics' })).toBeVisible();
}

test('offline: a reload opens the app from its stored copy and runs a stored model', async ({ page, context, hub }) => {
  test.setTimeout(120_000);
  await openWithFixtureModels(page, hub.url, ['caption']);
  await captionFirstImage(page);
  // The shell is stored at install; the service worker is active once every file is in.
  await expect.poll(() => shellState(page)).toMatchObject({ active: true });
  const shell = await shellState(page);
  expect(shell.names).toHaveLength(1);
  expect(shell.files.some((path) => path.endsWith('/index.html'))).toBe(true);
  expect(shell.files.some((path) => path.endsWith('.wasm'))).toBe(true);

  await context.setOffline(true);
  const requestsBefore = hub.requests.length;
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Multimodal Playground' })).toBeVisible();
  await captionFirstImage(page);
  await expect(blip(page).getByRole('button', { name: 'Caption', exact: true })).toBeEnabled();
  expect(hub.requests).toHaveLength(requestsBefore);
  await context.setOffline(false);
});

test("a newly deployed build is offered with a prompt and taken on the user's click", async ({ page }) => {
  test.setTimeout(120_000);
  // A private copy of the build, so that "deploying" a new one touches no other test.
  const root = mkdtempSync(join(tmpdir(), 'playground-deploy-'));
  cpSync(BUILD_DIR, root, { recursive: true, filter: (source) => !source.includes('demo-models') });
  const server = await startStaticServer({ root, basePath: BASE_PATH, isolationHeaders: true });
  try {
    await page.goto(server.url);
    await expect.poll(() => shellState(page)).toMatchObject({ active: true, controlled: true });
    const before = (await shellState(page)).names;
    await expect(page.getByRole('status', { name: 'Update available' })).toBeHidden();
    // Installable: a manifest with a start URL, standalone display and a 512 px icon that the build serves.
    const manifest = await page.evaluate(async () => {
      const link = document.querySelector<HTMLLinkElement>('link[rel="manifest"]');
      const body = (await (await fetch(link!.href)).json()) as { start_url: string; display: string; icons: { src: string; sizes: string }[] };
      const icon = body.icons.find((entry) => entry.sizes === '512x512');
      const iconStatus = icon ? (await fetch(new URL(icon.src, link!.href))).status : 0;
      return { ...body, iconStatus };
    });
    expect(manifest).toMatchObject({ start_url: './', display: 'standalone', iconStatus: 200 });

    const workerFile = join(root, 'coi-sw.js');
    const deployed = readFileSync(workerFile, 'utf8').replace(/"version":"([0-9a-f]+)"/, '"version":"$1next"');
    writeFileSync(workerFile, deployed);
    await page.evaluate(async () => {
      await (await navigator.serviceWorker.getRegistration())?.update();
    });
    const prompt = page.getByRole('status', { name: 'Update available' });
    await expect(prompt).toBeVisible();
    await prompt.getByRole('button', { name: 'Reload to update' }).click();
    await expect(prompt).toBeHidden();
    await expect.poll(async () => (await shellState(page)).names).toEqual([`${before[0]}next`]);
    await expect(page.getByRole('heading', { level: 1, name: 'Multimodal Playground' })).toBeVisible();
  } finally {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  }
});
