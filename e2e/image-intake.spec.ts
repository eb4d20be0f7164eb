import type { Page } from '@playwright/test';
import { assetFile, badFiles, dropFiles, pasteFiles } from './support/files';
import { expect, openApp, test } from './support/test';

const gallery = (page: Page) => page.getByRole('list', { name: 'Gallery' });

test.describe('image intake', () => {
  test('a drop with good and bad files reports each bad one and shows the good ones', async ({ page, consoleErrors }) => {
    await openApp(page);
    const bad = badFiles();
    const good = [assetFile('public/samples/coffee.jpg'), assetFile('e2e/assets/transparent.png', 'transparent.png', 'image/png')];
    await dropFiles(page, [bad[0]!.file, good[0]!, ...bad.slice(1).map((b) => b.file), good[1]!], async () => {
      await expect(page.getByText('Drop images to add them')).toBeVisible();
    });
    await expect(page.getByText('Drop images to add them')).toBeHidden();
    const messages = page.getByRole('list', { name: 'Files that could not be added' }).getByRole('listitem');
    await expect(messages).toHaveCount(bad.length);
    for (const { file, reason } of bad) {
      await expect(messages.filter({ hasText: `“${file.name}” was not added` })).toContainText(reason);
    }
    await expect(gallery(page).getByRole('listitem')).toHaveCount(2);
    await expect(page.getByRole('button', { name: 'Select image coffee.jpg' })).toHaveAttribute('aria-pressed', 'true');
    // The SVG was never rendered: its script would have raised a dialog, and no <svg> from it is in the DOM.
    expect(await page.locator('img[src*="svg"]').count()).toBe(0);
    expect(consoleErrors).toEqual([]);
  });

  test('transparent pixels are composited onto white', async ({ page }) => {
    await openApp(page);
    await dropFiles(page, [assetFile('e2e/assets/transparent.png', 'transparent.png', 'image/png')]);
    const thumbnail = page.getByRole('img', { name: 'transparent.png' });
    await expect(thumbnail).toBeVisible();
    const [left, right] = await thumbnail.evaluate(async (img: HTMLImageElement) => {
      await img.decode();
      const canvas = new OffscreenCanvas(img.naturalWidth, img.naturalHeight);
      const context = canvas.getContext('2d')!;
      context.drawImage(img, 0, 0);
      const at = (x: number) => [...context.getImageData(x, img.naturalHeight / 2, 1, 1).data.slice(0, 3)];
      return [at(8), at(img.naturalWidth - 8)];
    });
    expect(left!.every((channel) => channel > 245)).toBe(true);
    expect(right![2]).toBeGreaterThan(200);
    expect(right![0]).toBeLessThan(40);
  });

  test('EXIF orientation is applied and large images are downscaled to 1024 px', async ({ page }) => {
    await openApp(page);
    await page.getByLabel('Choose image files').setInputFiles([
      { name: 'rotated.jpg', mimeType: 'image/jpeg', buffer: assetFile('e2e/assets/rotated-exif.jpg').buffer },
      { name: 'large.jpg', mimeType: 'image/jpeg', buffer: assetFile('e2e/assets/large-gradient.jpg').buffer },
    ]);
    await expect(page.getByRole('img', { name: 'rotated.jpg' })).toHaveAttribute('title', /30 × 60 JPEG · working copy 30 × 60/);
    await expect(page.getByRole('img', { name: 'large.jpg' })).toHaveAttribute('title', /1600 × 1200 JPEG · working copy 1024 × 768/);
  });

  test('paste adds images from the clipboard', async ({ page }) => {
    await openApp(page);
    await pasteFiles(page, [assetFile('public/samples/rocket.jpg', 'image.png', 'image/jpeg')]);
    await expect(gallery(page).getByRole('listitem')).toHaveCount(1);
    await expect(page.getByRole('img', { name: 'image.png' })).toBeVisible();
  });

  test('the Add images button opens a file picker', async ({ page }) => {
    await openApp(page);
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Add images' }).click();
    await (await chooser).setFiles([assetFile('public/samples/coins.jpg')].map((f) => ({ name: f.name, mimeType: f.mimeType, buffer: f.buffer })));
    await expect(page.getByRole('img', { name: 'coins.jpg' })).toBeVisible();
  });

  test('sample gallery, active selection, removal and clearing', async ({ page }) => {
    await openApp(page);
    const samples = page.getByRole('region', { name: 'Sample images' });
    await samples.getByRole('button', { name: 'Add all samples' }).click();
    await expect(gallery(page).getByRole('listitem')).toHaveCount(7);
    await expect(page.getByRole('button', { name: 'Select image cat.jpg' })).toHaveAttribute('aria-pressed', 'true');

    await page.getByRole('button', { name: 'Select image rocket.jpg' }).click();
    await expect(page.getByRole('button', { name: 'Select image rocket.jpg' })).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('button', { name: 'Select image cat.jpg' })).toHaveAttribute('aria-pressed', 'false');

    // Removing the active image makes its neighbour active.
    await page.getByRole('button', { name: 'Remove rocket.jpg' }).click();
    await expect(gallery(page).getByRole('listitem')).toHaveCount(6);
    await expect(page.locator('[aria-pressed="true"]')).toHaveCount(1);

    // Adding the same picture again does not duplicate it.
    await page.getByRole('button', { name: 'Sample images' }).click();
    await page.getByRole('button', { name: 'Add sample: Cat' }).click();
    await expect(gallery(page).getByRole('listitem')).toHaveCount(6);

    await page.getByRole('button', { name: 'Forget my images' }).click();
    await expect(gallery(page)).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Forget my images' })).toBeDisabled();
  });
});
