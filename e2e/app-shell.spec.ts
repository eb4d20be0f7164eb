import { expect, openApp, test } from './support/test';

test.describe('app shell', () => {
  test('first paint has the header, the columns and no console errors', async ({ page, consoleErrors }) => {
    await openApp(page);
    await expect(page.getByRole('heading', { level: 1, name: 'Multimodal Playground' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'CLIP', exact: true })).toBeVisible();
    await expect(page.getByRole('region', { name: 'BLIP', exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Settings' })).toBeVisible();
    expect(await page.evaluate(() => window.crossOriginIsolated)).toBe(true);
    expect(consoleErrors).toEqual([]);
  });

  test('the page carries a Content-Security-Policy that allows only our origin and the model hosts', async ({ page }) => {
    await openApp(page);
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).toContain('worker-src');
    expect(csp).toMatch(/connect-src[^;]*https:\/\/huggingface\.co[^;]*https:\/\/\*\.hf\.co/);
    expect(csp).not.toContain("'unsafe-eval'");
    expect(await page.locator('script:not([src])').count()).toBe(0);
  });

  test('the worker round-trips a request from the settings dialog', async ({ page }) => {
    await openApp(page);
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Check worker' }).click();
    await expect(dialog.getByText(/Worker answered in \d+(\.\d)? ms\./)).toBeVisible();
    await expect(dialog.getByText('Cross-origin isolated')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  });

  test('a crashed worker is replaced and the app keeps working', async ({ page }) => {
    await openApp(page);
    const worker = page.workers()[0];
    expect(worker).toBeDefined();
    await worker!.evaluate(() => {
      setTimeout(() => {
        throw new Error('simulated crash in the inference worker');
      }, 0);
    });
    await expect(page.getByText('The inference worker stopped unexpectedly and was restarted.')).toBeVisible();
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await expect(dialog.getByText('Worker restarts')).toBeVisible();
    await expect(dialog.locator('dd').last()).toHaveText('1');
    await dialog.getByRole('button', { name: 'Check worker' }).click();
    await expect(dialog.getByText(/Worker answered in/)).toBeVisible();
  });

  test('keyboard: controls are reachable and have accessible names', async ({ page }) => {
    await openApp(page);
    const names: string[] = [];
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab');
      names.push(
        await page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          return el?.getAttribute('aria-label') ?? el?.textContent?.trim() ?? '';
        }),
      );
    }
    expect(names).toContain('Settings');
    expect(names).toContain('Add images');
    expect(names.every((name) => name.length > 0)).toBe(true);
  });

  test('phone width: columns stack and nothing overflows sideways', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await openApp(page);
    const clip = await page.getByRole('region', { name: 'CLIP', exact: true }).boundingBox();
    const blip = await page.getByRole('region', { name: 'BLIP', exact: true }).boundingBox();
    expect(clip && blip).toBeTruthy();
    expect(blip!.y).toBeGreaterThanOrEqual(clip!.y + clip!.height);
    expect(clip!.width).toBeLessThanOrEqual(390);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});
