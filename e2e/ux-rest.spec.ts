/**
 * Issue 16, the rest: the Models panel folding itself, one message per cause,
 * and the smaller items, each measured as a user at 1440 or 390 px meets it.
 */
import type { Page } from '@playwright/test';
import { acceptHostOffer, openWithFixtureModels } from './support/models';
import { expect, openApp, test } from './support/test';

const PHONE = { width: 390, height: 844 };
const clip = (page: Page) => page.getByRole('region', { name: 'CLIP', exact: true });
const modelsSection = (page: Page) => page.getByRole('region', { name: 'Models section' });

/** A 1×1 PNG (one opaque pixel). */
const ONE_PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==', 'base64');

test('the Models panel folds to its status line once a model is ready; the user’s Show wins and survives a reload', async ({ page, hub }) => {
  await openWithFixtureModels(page, hub.url);
  await expect(page.getByRole('region', { name: 'Models', exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Add sample: Cat' }).click();
  await clip(page).getByRole('button', { name: 'Classify', exact: true }).click();
  await expect(page.getByRole('list', { name: 'CLIP labels for cat.jpg' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Models', exact: true })).toHaveCount(0);
  await expect(modelsSection(page).getByRole('status', { name: 'CLIP status' })).toContainText('Loaded on WASM');
  await modelsSection(page).getByRole('button', { name: 'Show models' }).click();
  await expect(page.getByRole('region', { name: 'Models', exact: true })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('region', { name: 'Models', exact: true })).toBeVisible();
  await expect(modelsSection(page).getByRole('button', { name: 'Hide models' })).toBeVisible();
});

test('"Run both" on an unreachable host shows one error with one Retry and the demo offer; the other panels point to it', async ({ page }) => {
  test.setTimeout(120_000);
  await openApp(page, `?hub=${encodeURIComponent('http://127.0.0.1:9')}`);
  await acceptHostOffer(page);
  await page.getByLabel('CLIP model').selectOption({ label: 'CLIP ViT-B/32 — Xenova (third-party, unverified)' });
  await page.getByLabel('BLIP captioning model', { exact: true }).selectOption({ label: 'BLIP captioning (onnx-community, fp32, no cache)' });
  await page.getByLabel('BLIP VQA model', { exact: true }).selectOption({ label: 'BLIP VQA (mpai-community, fp32, no cache)' });
  await page.getByRole('button', { name: 'Add sample: Cat' }).click();
  const compare = page.getByRole('region', { name: 'CLIP vs BLIP, live' });
  await compare.getByRole('button', { name: 'Run both' }).click();
  await expect(compare.getByRole('alert')).toContainText('CLIP, BLIP captioning and BLIP VQA could not be loaded.', { timeout: 60_000 });
  await expect(compare.getByRole('button', { name: 'Run both' })).toBeEnabled({ timeout: 60_000 });
  await expect(page.getByRole('alert')).toHaveCount(1);
  await expect(compare.getByRole('alert')).toContainText('Tried: ');
  await expect(page.getByRole('button', { name: 'Use offline demo models' })).toHaveCount(1);
  await expect(page.getByRole('button', { name: /^Retry/ })).toHaveCount(1);
  await expect(clip(page).getByRole('link', { name: /^See the message under/ })).toBeVisible();
  await expect(compare.getByRole('list', { name: 'Run status' })).toContainText('CLIP: failed: the model could not be loaded from http://127.0.0.1:9');
  await expect(compare.getByRole('table', { name: 'CLIP versus BLIP' })).not.toContainText('not run yet');

  await compare.getByRole('button', { name: 'Use offline demo models' }).click();
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a 1×1 image shows as a visible pixel with its whole long name', async ({ page }) => {
  await openApp(page);
  const name = 'a-single-pixel-from-the-scanner.png';
  await page.getByLabel('Choose image files').setInputFiles({ name, mimeType: 'image/png', buffer: ONE_PIXEL });
  const thumbnail = page.getByRole('img', { name });
  await expect(thumbnail).toBeVisible();
  expect(await thumbnail.evaluate((element) => getComputedStyle(element).imageRendering)).toBe('pixelated');
  const caption = page.getByRole('list', { name: 'Gallery' }).getByText(name);
  const fits = await caption.evaluate((element) => element.scrollHeight <= element.clientHeight + 1 && element.scrollWidth <= element.clientWidth + 1);
  expect(fits).toBe(true);
});

test('similarity matrix headings use the room they have instead of a 5rem cut', async ({ page, hub }) => {
  await openWithFixtureModels(page, hub.url);
  await page.getByRole('button', { name: 'Add sample: Cat' }).click();
  // The image's arrival shifts the panels down; a click mid-shift was lost (1 run in 4: the defaults stayed).
  await expect(page.getByRole('list', { name: 'Gallery' }).getByRole('listitem')).toHaveCount(1);
  // Two labels: room to spare in the CLIP panel.
  await clip(page).getByRole('button', { name: 'Clear labels' }).click();
  await clip(page).getByLabel('Add labels').fill('cat, a golden retriever playing in the snow');
  await clip(page).getByLabel('Add labels').press('Enter');
  await clip(page).getByRole('tab', { name: 'Similarity matrix' }).click();
  await clip(page)
    .getByRole('button', { name: /^Compute/ })
    .click();
  const heading = clip(page).getByRole('columnheader', { name: 'a golden retriever playing in the snow' });
  await expect(heading).toBeVisible();
  const box = await heading.evaluate((element) => ({
    width: element.getBoundingClientRect().width,
    clipped: element.scrollHeight > element.clientHeight + 1 || element.scrollWidth > element.clientWidth + 1,
  }));
  expect(box.clipped).toBe(false);
  expect(box.width).toBeGreaterThan(120);
});

test('on a 390 px phone the samples fill three columns and the label box keeps its width', async ({ page }) => {
  await page.setViewportSize(PHONE);
  await openApp(page);
  const tiles = await page
    .getByRole('list', { name: 'Samples' })
    .getByRole('listitem')
    .evaluateAll((items) => items.map((item) => item.getBoundingClientRect().toJSON() as DOMRect));
  const columns = new Set(tiles.map((tile) => Math.round(tile.left))).size;
  expect(columns).toBeGreaterThanOrEqual(3);
  for (const tile of tiles) expect(tile.right).toBeLessThanOrEqual(PHONE.width);
  const input = clip(page).getByLabel('Add labels');
  const width = (await input.boundingBox())!.width;
  console.log(`Samples: ${columns} columns at 390 px; the label box is ${width.toFixed(0)} px wide`);
  expect(width).toBeGreaterThanOrEqual(180);
});
