import type { Page } from '@playwright/test';
import { blip, caption, captionGolden, expectGoldenAnswer, setDecoding, vqaGolden } from './support/blip';
import { FIXTURE_IMAGES } from './support/golden';
import { chooseDevice, choosePrecision, openWithFixtureModels } from './support/models';
import { expect, test } from './support/test';

async function setUp(page: Page, hubUrl: string, tasks: ('caption' | 'vqa')[] = ['caption'], device: 'auto' | 'webgpu' = 'auto') {
  await openWithFixtureModels(page, hubUrl, tasks);
  if (device !== 'auto') await chooseDevice(page, device);
  for (const task of tasks) await choosePrecision(page, task === 'caption' ? 'BLIP captioning' : 'BLIP VQA', 'fp32');
  await page.getByLabel('Choose image files').setInputFiles(FIXTURE_IMAGES);
  await expect(page.getByRole('list', { name: 'Gallery' }).getByRole('listitem')).toHaveCount(FIXTURE_IMAGES.length);
}

for (const backend of ['wasm', 'webgpu'] as const) {
  const tag = backend === 'webgpu' ? '@webgpu ' : '';
  const cases = backend === 'webgpu' ? captionGolden.cases.filter((c) => c.image === 'astronaut.png' || c.image === 'rocket.png') : captionGolden.cases;
  test(`${tag}captions equal PyTorch token for token (${backend}: unconditional, prompted, beam)`, async ({ page, hub }) => {
    await setUp(page, hub.url, ['caption'], backend === 'webgpu' ? 'webgpu' : 'auto');
    for (const testCase of cases) {
      const result = await caption(page, testCase);
      const label = `${testCase.image} prompt=${testCase.prompt} beams=${testCase.num_beams}`;
      expect(result.ids, label).toEqual(testCase.output_ids);
      expect(result.text, label).toBe(testCase.text);
    }
    await expect(page.getByRole('status', { name: 'BLIP captioning status' })).toContainText(backend === 'webgpu' ? 'WebGPU' : 'WASM');
  });

  test(`${tag}VQA answers equal PyTorch token for token (${backend})`, async ({ page, hub }) => {
    await setUp(page, hub.url, ['vqa'], backend === 'webgpu' ? 'webgpu' : 'auto');
    await blip(page).getByRole('tab', { name: 'Visual question answering' }).click();
    const vqaCases = backend === 'webgpu' ? vqaGolden.cases.slice(0, 2) : vqaGolden.cases;
    for (const testCase of vqaCases) await expectGoldenAnswer(page, testCase);
  });
}

test('streamed caption text grows into the final text, and Stop ends generation within a step', async ({ page, hub }) => {
  await setUp(page, hub.url);
  await setDecoding(page, 1, 60);
  const panel = blip(page).getByRole('tabpanel');
  await panel.getByLabel('Min new tokens').fill('60');
  // Record every text the output shows while streaming.
  await page.evaluate(() => {
    const w = window as unknown as { __snapshots: string[] };
    w.__snapshots = [];
    new MutationObserver(() => {
      const output = document.querySelector('output[aria-label="Caption"]');
      if (output) w.__snapshots.push(output.textContent ?? '');
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await blip(page).getByRole('button', { name: 'Caption', exact: true }).click();
  await expect(blip(page).getByRole('status', { name: 'Caption metrics' })).toBeVisible();
  const final = (await blip(page).locator('output[aria-label="Caption"]').innerText()).trim();
  const snapshots = (await page.evaluate(() => (window as unknown as { __snapshots: string[] }).__snapshots)).map((text) =>
    text.replace('▍', '').replace(/…$/, '').trim(),
  );
  const growing = snapshots.filter((text) => text.length > 0);
  expect(growing.length).toBeGreaterThan(2);
  for (const text of growing) expect(final.startsWith(text)).toBe(true);

  // Stop as soon as the first token shows: generation must end well before 60 tokens.
  await page.evaluate(() => {
    const observer = new MutationObserver(() => {
      const output = document.querySelector('output[aria-label="Caption"]');
      if (output?.getAttribute('aria-busy') === 'true' && (output.textContent ?? '').replace('▍', '').trim().length > 0) {
        const stop = [...document.querySelectorAll('button')].find((button) => button.textContent === 'Stop');
        stop?.click();
        observer.disconnect();
      }
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  await blip(page).getByRole('button', { name: 'Caption', exact: true }).click();
  const stopped = blip(page).getByText(/^Stopped after \d+ tokens\.$/);
  await expect(stopped).toBeVisible();
  const tokens = Number((await stopped.innerText()).match(/\d+/)?.[0]);
  expect(tokens).toBeLessThan(60);
  // The worker stays usable.
  await panel.getByLabel('Min new tokens').fill('0');
  await blip(page).getByRole('button', { name: 'Caption', exact: true }).click();
  await expect(blip(page).getByRole('status', { name: 'Caption metrics' })).toBeVisible();
});

test('caption all fills a table; copy puts the caption on the clipboard', async ({ page, hub, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await setUp(page, hub.url);
  await blip(page).getByRole('button', { name: 'Caption all' }).click();
  const table = blip(page).getByRole('table', { name: 'Captions' });
  await expect(table.getByRole('row')).toHaveCount(FIXTURE_IMAGES.length + 1);
  await expect(table).not.toContainText('…');
  await blip(page).getByRole('button', { name: 'Copy caption' }).click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe((await blip(page).locator('output[aria-label="Caption"]').innerText()).trim());
});

test('an empty question sends no request; a VQA model is needed and said so plainly', async ({ page, hub }) => {
  await openWithFixtureModels(page, hub.url, []);
  await page.getByRole('button', { name: 'Add sample: Cat' }).click();
  await blip(page).getByRole('tab', { name: 'Visual question answering' }).click();
  await expect(blip(page)).toContainText('No BLIP VQA model is configured yet.');
  // The gallery survives the reload setUp does; start it afresh so setUp's count holds.
  await page.getByRole('button', { name: 'Forget my images' }).click();
  await setUp(page, hub.url, ['vqa']);
  await blip(page).getByRole('tab', { name: 'Visual question answering' }).click();
  hub.resetLog();
  await blip(page).getByLabel('Question', { exact: true }).fill('   ');
  await blip(page).getByRole('button', { name: 'Ask', exact: true }).click();
  await expect(blip(page).getByText('Type a question first.')).toBeVisible();
  expect(hub.requests.filter((request) => request.path.includes('tiny-blip-vqa/resolve'))).toHaveLength(0);
});

test('a model whose files are missing names the file; cancelling a load leaves the worker usable', async ({ page, hub }) => {
  await setUp(page, hub.url);
  hub.fault(/text_decoder_model_merged\.onnx$/, { kind: 'status', status: 404 });
  await blip(page).getByRole('button', { name: 'Caption', exact: true }).click();
  await expect(blip(page).getByRole('alert').first()).toContainText('onnx/text_decoder_model_merged.onnx was not found');
  hub.clearFaults();
  hub.fault(/vision_model\.onnx$/, { kind: 'slow', bytesPerSecond: 50_000 });
  await blip(page).getByRole('button', { name: 'Retry loading BLIP captioning' }).click();
  await blip(page).getByRole('button', { name: 'Cancel loading BLIP captioning' }).click();
  hub.clearFaults();
  await blip(page).getByRole('button', { name: 'Caption', exact: true }).click();
  await expect(blip(page).getByRole('status', { name: 'Caption metrics' })).toBeVisible();
});
