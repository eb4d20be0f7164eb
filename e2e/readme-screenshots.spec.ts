/**
 * The README's screenshots, taken from the e2e build with the offline demo
 * models: `npm run screenshots` writes docs/screenshot-*.png. Skipped in the
 * normal suite, which must not write into the repository.
 */
import type { Page } from '@playwright/test';
import { expect, openApp, test } from './support/test';

const SIZES = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

const DEMO = {
  'CLIP model': 'Demo CLIP (tiny, random weights)',
  'BLIP captioning model': 'Demo BLIP captioning (tiny, random weights)',
  'BLIP VQA model': 'Demo BLIP VQA (tiny, random weights)',
};

async function useDemoModels(page: Page) {
  for (const [label, option] of Object.entries(DEMO)) await page.getByLabel(label, { exact: true }).selectOption({ label: option });
}

test.skip(!process.env.SCREENSHOTS, 'writes docs/*.png; run with `npm run screenshots`');

for (const size of SIZES) {
  test(`README screenshot (${size.name})`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width: size.width, height: size.height });
    await openApp(page);
    await useDemoModels(page);
    await page.getByRole('button', { name: 'Add sample: Cat' }).click();
    const clip = page.getByRole('region', { name: 'CLIP', exact: true });
    await clip.getByRole('button', { name: 'Classify', exact: true }).click();
    await expect(page.getByRole('list', { name: 'CLIP labels for cat.jpg' })).toBeVisible();
    const blip = page.getByRole('region', { name: 'BLIP', exact: true });
    await blip.getByRole('button', { name: 'Caption', exact: true }).click();
    await expect(blip.getByRole('status', { name: 'Caption metrics' })).toBeVisible();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `docs/screenshot-${size.name}.png` });
  });
}
