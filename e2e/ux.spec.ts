/**
 * What a new user hit (issue 16), checked as they would meet it: at desktop
 * and phone sizes, with axe-core, and with the keyboard only.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { acceptHostOffer, openWithFixtureModels } from './support/models';
import { expect, openApp, test } from './support/test';

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

const clip = (page: Page) => page.getByRole('region', { name: 'CLIP', exact: true });
const blip = (page: Page) => page.getByRole('region', { name: 'BLIP', exact: true });

/** Serious and critical WCAG A/AA violations, as "rule: selector" lines, so a failure says where. */
async function seriousViolations(page: Page, view: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) => violation.nodes.map((node) => `${view} · ${violation.id}: ${node.target.join(' ')} — ${node.failureSummary ?? ''}`));
}

/** Presses Tab (or Shift+Tab) until the focused element is `role:name` (role, else tag name), as a keyboard user would. */
async function tabTo(page: Page, target: string, backwards = false): Promise<void> {
  const key = backwards ? 'Shift+Tab' : 'Tab';
  for (let presses = 0; presses < 200; presses++) {
    await page.keyboard.press(key);
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      if (!element) return '';
      const role = element.getAttribute('role') ?? element.tagName.toLowerCase();
      return `${role}:${element.getAttribute('aria-label') ?? element.textContent?.trim() ?? ''}`;
    });
    if (focused === target) return;
  }
  throw new Error(`Tab never reached ${target}`);
}

async function runEverything(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Add sample: Cat' }).click();
  await clip(page).getByRole('button', { name: 'Classify', exact: true }).click();
  await expect(page.getByRole('list', { name: 'CLIP labels for cat.jpg' })).toBeVisible();
  await blip(page).getByRole('button', { name: 'Caption', exact: true }).click();
  await expect(blip(page).getByRole('status', { name: 'Caption metrics' })).toBeVisible();
}

test.describe('issue 16: layout, accessibility and keyboard', () => {
  for (const [size, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    test(`axe finds no serious or critical violation on any main view (${size})`, async ({ page, hub }) => {
      test.setTimeout(180_000);
      await page.setViewportSize(viewport);
      await openApp(page);
      const found = await seriousViolations(page, 'empty page');
      await openWithFixtureModels(page, hub.url, ['clip', 'caption', 'vqa']);
      await runEverything(page);
      found.push(...(await seriousViolations(page, 'classify + caption + compare')));
      for (const tab of ['Image search', 'Similarity matrix']) {
        await clip(page).getByRole('tab', { name: tab }).click();
        found.push(...(await seriousViolations(page, tab)));
      }
      await blip(page).getByRole('tab', { name: 'Visual question answering' }).click();
      await blip(page).getByRole('button', { name: 'Ask' }).click();
      await expect(blip(page).getByRole('list', { name: 'Questions and answers' })).toBeVisible();
      found.push(...(await seriousViolations(page, 'VQA')));
      await page.getByRole('button', { name: 'Settings' }).click();
      found.push(...(await seriousViolations(page, 'settings')));
      expect(found).toEqual([]);
    });
  }

  test('the tools come first: CLIP and BLIP start above the fold, and the active image stays in view beside the results', async ({ page }) => {
    await page.setViewportSize(DESKTOP);
    await openApp(page);
    await page.getByRole('button', { name: 'Add sample: Cat' }).click();
    for (const region of [clip(page), blip(page)]) expect((await region.boundingBox())!.y).toBeLessThan(DESKTOP.height);
    // The Models panel folds to one line and opens again.
    await page.getByRole('button', { name: 'Hide models' }).click();
    await expect(page.getByRole('region', { name: 'Models', exact: true })).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Models section' })).toContainText('CLIP: not loaded');
    await page.getByRole('button', { name: 'Show models' }).click();
    await expect(page.getByRole('region', { name: 'Models', exact: true })).toBeVisible();

    await page.setViewportSize(PHONE);
    await page.getByRole('region', { name: 'CLIP vs BLIP, live' }).scrollIntoViewIfNeeded();
    const bar = page.getByRole('status', { name: 'Active image' });
    await expect(bar).toContainText('cat.jpg');
    const box = (await bar.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(PHONE.height);
  });

  test('the gallery and the work survive a reload; Forget my images in Settings empties the stored gallery', async ({ page }) => {
    await openApp(page);
    await page.getByRole('button', { name: 'Add sample: Cat' }).click();
    await page.getByRole('button', { name: 'Sample images' }).click();
    await page.getByRole('button', { name: 'Add sample: Coffee cup' }).click();
    await clip(page).getByLabel('Prompt template').fill('a snapshot of {}');
    // The same sample again: skipped, and said so.
    await page.getByRole('button', { name: 'Add sample: Cat' }).click();
    await expect(page.getByText('Already in the gallery, not added again: “cat.jpg”.')).toBeVisible();

    await page.reload();
    await expect(page.getByRole('list', { name: 'Gallery' }).getByRole('listitem')).toHaveCount(2);
    await expect(page.getByRole('button', { name: 'Select image cat.jpg' })).toHaveAttribute('aria-pressed', 'true');
    await expect(clip(page).getByLabel('Prompt template')).toHaveValue('a snapshot of {}');

    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('dialog', { name: 'Settings' }).getByRole('button', { name: 'Forget my images' }).click();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('list', { name: 'Gallery' })).toHaveCount(0);
    await page.reload();
    await expect(page.getByRole('button', { name: 'Add sample: Cat' })).toBeVisible();
    await expect(page.getByRole('list', { name: 'Gallery' })).toHaveCount(0);
  });

  test('on a phone the comparison is cards: every column fits the 390 px screen, nothing scrolls sideways', async ({ page }) => {
    await page.setViewportSize(PHONE);
    await openApp(page);
    const table = page.getByRole('table', { name: 'CLIP versus BLIP' });
    await table.scrollIntoViewIfNeeded();
    const overflow = await table.evaluate((element) => ({ scroll: element.parentElement!.scrollWidth, client: element.parentElement!.clientWidth }));
    expect(overflow.scroll).toBeLessThanOrEqual(overflow.client);
    const cells = table.locator('[data-live], td[data-label]');
    expect(await cells.count()).toBeGreaterThan(10);
    for (const box of await cells.evaluateAll((elements) => elements.map((element) => element.getBoundingClientRect().toJSON() as DOMRect))) {
      expect(box.left).toBeGreaterThanOrEqual(0);
      expect(box.right).toBeLessThanOrEqual(PHONE.width);
      // Stacked, each cell takes the card's width rather than a quarter of a 704 px row.
      expect(box.width).toBeGreaterThan(PHONE.width / 2);
    }
    // Each stacked cell is headed by its column, since the table's header row is off screen.
    const firstBlip = table.locator('td[data-label="BLIP"]').first();
    expect(await firstBlip.evaluate((element) => getComputedStyle(element, '::before').content)).toBe('"BLIP"');
  });

  test('on a desktop the comparison stays a table', async ({ page }) => {
    await page.setViewportSize(DESKTOP);
    await openApp(page);
    const row = page.locator('tr[data-row]').first();
    const [clipCell, blipCell] = await row.locator('td').evaluateAll((elements) => elements.map((element) => element.getBoundingClientRect().top));
    expect(clipCell).toBe(blipCell);
  });

  test('keyboard only: add a sample, classify, caption, ask, open settings, with focus where the next step starts', async ({ page, hub }) => {
    test.setTimeout(180_000);
    await page.setViewportSize(DESKTOP);
    await openWithFixtureModels(page, hub.url, ['clip', 'caption', 'vqa']);
    await page.locator('body').focus();

    await tabTo(page, 'button:Add sample: Cat');
    await page.keyboard.press('Enter');
    // The sample button went away with the sample gallery; focus lands on the image it added.
    await expect(page.getByRole('button', { name: 'Select image cat.jpg' })).toBeFocused();

    await tabTo(page, 'button:Classify');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('list', { name: 'CLIP labels for cat.jpg' })).toBeVisible();
    await expect(clip(page).getByRole('button', { name: 'Classify', exact: true })).toBeFocused();

    await tabTo(page, 'button:Caption');
    await page.keyboard.press('Enter');
    await expect(blip(page).getByRole('status', { name: 'Caption metrics' })).toBeVisible();
    await expect(blip(page).getByRole('button', { name: 'Caption', exact: true })).toBeFocused();

    await tabTo(page, 'tab:Caption', true);
    await page.keyboard.press('ArrowRight');
    await tabTo(page, 'input:Question');
    await page.keyboard.press('Enter');
    await expect(blip(page).getByRole('list', { name: 'Questions and answers' })).toBeVisible();
    await expect(blip(page).getByLabel('Question', { exact: true })).toBeFocused();

    await tabTo(page, 'button:Settings', true);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await expect(dialog).toBeVisible();
    expect(await dialog.evaluate((element) => element.contains(document.activeElement))).toBe(true);
  });

  test('no stale error after switching to the demo models', async ({ page }) => {
    await openApp(page, `?hub=${encodeURIComponent('http://127.0.0.1:9')}`);
    await acceptHostOffer(page);
    await page.getByLabel('CLIP model').selectOption({ label: 'CLIP ViT-B/32 — Xenova (third-party, unverified)' });
    await page.getByRole('button', { name: 'Add sample: Cat' }).click();
    await clip(page).getByRole('button', { name: 'Classify', exact: true }).click();
    await expect(page.getByText('CLIP could not be loaded.').first()).toBeVisible({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Use offline demo models' }).first().click();
    await expect(page.getByText('could not be loaded')).toHaveCount(0);
    await expect(page.getByText(/failed\./)).toHaveCount(0);
  });
});
