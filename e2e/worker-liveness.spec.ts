/**
 * Failure 3 of issue 13: a worker stuck in an endless loop, or one that called
 * close(), raises no error event. The client's heartbeat must notice it,
 * replace the worker and run the request once more, on WASM. The faults are
 * injected from the test into the running worker (Playwright evaluates code
 * in it), so the production build carries no hook for them.
 */
import type { Page } from '@playwright/test';
import { FIXTURE_IMAGES } from './support/golden';
import { openWithFixtureModels } from './support/models';
import { expect, test } from './support/test';
import { findInferenceWorker } from './support/worker';

const blip = (page: Page) => page.getByRole('region', { name: 'BLIP', exact: true });

for (const fault of ['hang', 'close'] as const) {
  test(`a worker that ${fault === 'hang' ? 'hangs in an endless loop' : 'closes itself'} during a caption is replaced and the caption retried`, async ({
    page,
    hub,
  }) => {
    test.setTimeout(120_000);
    await openWithFixtureModels(page, hub.url, ['caption']);
    await page.getByLabel('Choose image files').setInputFiles(FIXTURE_IMAGES[0]!);
    await expect(page.getByRole('list', { name: 'Gallery' }).getByRole('listitem')).toHaveCount(1);
    const worker = await findInferenceWorker(page);
    await worker.evaluate((kind) => {
      const scope = self as unknown as { addEventListener(type: 'message', listener: (event: MessageEvent) => void): void; close(): void };
      scope.addEventListener('message', (event) => {
        const data = event.data as { kind?: string; type?: string };
        if (data.kind !== 'request' || data.type !== 'blip:caption') return;
        if (kind === 'close') scope.close();
        else
          setTimeout(() => {
            for (;;) {
              // Never yields: no message, heartbeat answer or error event can leave this worker again.
            }
          }, 0);
      });
    }, fault);

    await blip(page).getByRole('button', { name: 'Caption', exact: true }).click();
    await expect(page.getByText('The inference worker stopped responding and was replaced.', { exact: false })).toBeVisible({ timeout: 40_000 });
    await expect(page.getByText('retried once, on WASM', { exact: false })).toBeVisible();
    await expect(blip(page).getByRole('status', { name: 'Caption metrics' })).toBeVisible({ timeout: 60_000 });

    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await expect(dialog.getByText('Worker restarts')).toBeVisible();
    await expect(dialog.locator('dd').last()).toHaveText('1');
  });
}
