/** "Take a photo": Chromium's fake camera stands in for a real one; a refused permission is explained. */
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from './support/chromium-args';
import { expect, openApp, test } from './support/test';

// A fake camera (a test pattern); whether the page may use it is each context's permission, as for a user.
test.use({ launchOptions: { executablePath: CHROMIUM_EXECUTABLE, args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream'] } });

test.describe('camera, allowed', () => {
  test.use({ permissions: ['camera'] });

  test('Take a photo shows the camera, and Capture adds the frame to the gallery', async ({ page, consoleErrors }) => {
    await openApp(page);
    await page.getByRole('button', { name: 'Take a photo' }).click();
    const preview = page.getByLabel('Camera preview');
    await expect(preview).toBeVisible();
    await expect.poll(() => preview.evaluate((video: HTMLVideoElement) => video.videoWidth)).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Capture photo' }).click();
    await expect(page.getByRole('list', { name: 'Gallery' }).getByRole('listitem')).toHaveCount(1);
    await expect(page.getByRole('button', { name: /^Select image camera-.*\.jpg$/ })).toHaveAttribute('aria-pressed', 'true');
    await expect(preview).toBeHidden();
    expect(consoleErrors).toEqual([]);
  });
});

test.describe('camera, refused', () => {
  test.use({ permissions: [] });

  test('a refused camera permission says how to allow it and offers the file picker instead', async ({ page, context }) => {
    await context.clearPermissions();
    await openApp(page);
    await page.getByRole('button', { name: 'Take a photo' }).click();
    await expect(page.getByRole('alert')).toContainText(/Camera access was refused|No camera was found/);
    await expect(page.getByRole('alert')).toContainText('Add images');
    await expect(page.getByLabel('Camera preview')).toHaveCount(0);
  });
});
