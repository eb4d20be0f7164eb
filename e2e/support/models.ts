/** Steps a user takes to point the app at the fake hub's fixture models, and checks on what got cached. */
import type { Page } from '@playwright/test';
import { expect, openApp } from './test';

export const TINY = {
  clip: 'fixtures/tiny-clip',
  caption: 'fixtures/tiny-blip-caption',
  vqa: 'fixtures/tiny-blip-vqa',
  itm: 'fixtures/tiny-blip-itm',
} as const;

const TASK_OPTION = { clip: 'clip', caption: 'caption', vqa: 'vqa', itm: 'itm' } as const;

/** Opens the app with `?hub=`, agrees to that host, and adds the fixture repositories as custom models, as a user would in Settings.
 * `repos` replaces a task's tiny fixture by another fixture folder. */
export async function openWithFixtureModels(
  page: Page,
  hubUrl: string,
  tasks: (keyof typeof TINY)[] = ['clip'],
  repos: Partial<Record<keyof typeof TINY, string>> = {},
): Promise<void> {
  await openApp(page, `?hub=${encodeURIComponent(hubUrl)}`);
  await acceptHostOffer(page);
  await addCustomModels(
    page,
    tasks.map((task) => ({ task, repo: repos[task] ?? TINY[task] })),
  );
}

/** Adds models under Settings → Add a model, as a user would; each becomes its task's selected model. */
export async function addCustomModels(page: Page, models: { task: keyof typeof TINY; repo: string }[]): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  for (const { task, repo } of models) {
    await dialog.getByLabel('Task of the new model').selectOption(TASK_OPTION[task]);
    await dialog.getByLabel('Repository id or URL').fill(repo);
    await dialog.getByRole('button', { name: 'Add model' }).click();
  }
  await dialog.getByRole('button', { name: 'Close settings' }).click();
  await expect(dialog).toBeHidden();
}

/** Agrees to the host a `?hub=` link proposes. */
export async function acceptHostOffer(page: Page): Promise<void> {
  const consent = page.getByRole('dialog', { name: 'Load models from another host?' });
  await consent.getByRole('button', { name: /^Use / }).click();
  await expect(consent).toBeHidden();
}

/** Settings → Device: WebGPU tests force it, since Auto never picks SwiftShader's software adapter. */
export async function chooseDevice(page: Page, device: 'auto' | 'webgpu' | 'wasm'): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByRole('combobox', { name: /^Device\b/ }).selectOption(device);
  await dialog.getByRole('button', { name: 'Close settings' }).click();
  await expect(dialog).toBeHidden();
}

export async function choosePrecision(page: Page, label: string, dtype: 'fp32' | 'q8'): Promise<void> {
  await page.getByLabel(`${label} precision`).selectOption(dtype);
}

/** Every Cache Storage entry of the model cache, with whether its body matches its recorded size. */
export async function cachedEntries(page: Page): Promise<{ url: string; size: number; complete: boolean }[]> {
  return page.evaluate(async () => {
    const cache = await caches.open('playground-models-v1');
    const entries = [];
    for (const request of await cache.keys()) {
      const response = await cache.match(request);
      const body = await response?.arrayBuffer();
      const size = Number(response?.headers.get('x-playground-size'));
      entries.push({ url: request.url, size, complete: body?.byteLength === size });
    }
    return entries;
  });
}
