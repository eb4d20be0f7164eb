import type { Page } from '@playwright/test';
import { FIXTURE_IMAGES, golden } from './support/golden';
import { chooseDevice, choosePrecision, openWithFixtureModels } from './support/models';
import { expect, test } from './support/test';

const clip = (page: Page) => page.getByRole('region', { name: 'CLIP', exact: true });

async function setUp(page: Page, hubUrl: string, dtype: 'fp32' | 'q8', device: 'auto' | 'webgpu' = 'auto') {
  await openWithFixtureModels(page, hubUrl);
  if (device !== 'auto') await chooseDevice(page, device);
  await choosePrecision(page, 'CLIP', dtype);
  await page.getByLabel('Choose image files').setInputFiles(FIXTURE_IMAGES);
  await expect(page.getByRole('list', { name: 'Gallery' }).getByRole('listitem')).toHaveCount(FIXTURE_IMAGES.length);
  await clip(page).getByRole('button', { name: 'Clear labels' }).click();
  await clip(page).getByLabel('Add labels').fill(golden.clip.labels.join(', '));
  await clip(page).getByLabel('Add labels').press('Enter');
  await expect(clip(page).getByRole('list', { name: 'Labels' }).getByRole('listitem')).toHaveCount(golden.clip.labels.length);
  await clip(page).getByLabel('Prompt template').fill(golden.clip.template);
}

async function probabilitiesFor(page: Page, image: string): Promise<number[]> {
  await page.getByRole('button', { name: `Select image ${image}` }).click();
  const bars = clip(page).getByRole('list', { name: `CLIP labels for ${image}` });
  await expect(bars).toBeVisible();
  const entries = await bars
    .getByRole('listitem')
    .evaluateAll((items) => items.map((item) => [item.getAttribute('data-label') ?? '', Number(item.getAttribute('data-probability'))] as const));
  const byLabel = new Map(entries);
  return golden.clip.labels.map((label) => byLabel.get(label) ?? Number.NaN);
}

function maxDiff(a: number[], b: number[]): number {
  return Math.max(...a.map((value, index) => Math.abs(value - (b[index] ?? Number.NaN))));
}

const argmax = (values: number[]) => values.indexOf(Math.max(...values));

for (const backend of ['wasm', 'webgpu'] as const) {
  const tag = backend === 'webgpu' ? '@webgpu ' : '';
  test.describe(`${tag}CLIP on the tiny fixture (${backend})`, () => {
    test('fp32 probabilities equal PyTorch within 1e-4, and the caches count as specified', async ({ page, hub }) => {
      await setUp(page, hub.url, 'fp32', backend === 'webgpu' ? 'webgpu' : 'auto');
      await clip(page).getByRole('button', { name: 'Classify all' }).click();
      const summary = clip(page).getByRole('status', { name: 'CLIP run summary' });
      await expect(summary).toContainText(`images: ${FIXTURE_IMAGES.length} encoded, 0 cached`);
      await expect(summary).toContainText(`${golden.clip.labels.length} labels: ${golden.clip.labels.length} encoded, 0 cached`);
      await expect(page.getByRole('status', { name: 'CLIP status' })).toContainText(backend === 'webgpu' ? 'WebGPU' : 'WASM');
      for (const image of FIXTURE_IMAGES) {
        const probabilities = await probabilitiesFor(page, image.name);
        expect(maxDiff(probabilities, golden.clip.probs[image.name] as number[]), image.name).toBeLessThan(1e-4);
      }
      // Classifying again encodes nothing: both caches hit.
      await clip(page).getByRole('button', { name: 'Classify', exact: true }).click();
      await expect(summary).toContainText('images: 0 encoded, 1 cached');
      await expect(summary).toContainText(`${golden.clip.labels.length} labels: 0 encoded, ${golden.clip.labels.length} cached`);
    });

    test('search ranks images as PyTorch does, and a repeated query encodes no image', async ({ page, hub }) => {
      await setUp(page, hub.url, 'fp32', backend === 'webgpu' ? 'webgpu' : 'auto');
      await clip(page).getByRole('tab', { name: 'Image search' }).click();
      for (const [index, expected] of golden.clip.search.entries()) {
        await clip(page).getByLabel('Search images').fill(expected.query);
        await clip(page).getByRole('button', { name: 'Search', exact: true }).click();
        const summary = clip(page).getByRole('status', { name: 'Search summary' });
        await expect(summary).toContainText(`“${expected.query}”`);
        const encoded = index === 0 ? FIXTURE_IMAGES.length : 0;
        await expect(summary).toContainText(`${encoded} images encoded, ${FIXTURE_IMAGES.length - encoded} cached`);
        const ranking = await clip(page)
          .getByRole('list', { name: 'Search results' })
          .getByRole('listitem')
          .evaluateAll((items) => items.map((item) => item.getAttribute('data-image')));
        expect(ranking).toEqual(expected.ranking);
        await expect(clip(page).getByRole('button', { name: /best match$/ })).toContainText(expected.ranking[0] ?? '');
      }
    });
  });
}

test('q8 probabilities stay within 2e-2 of PyTorch fp32 with the same top-1', async ({ page, hub }) => {
  await setUp(page, hub.url, 'q8');
  await clip(page).getByRole('button', { name: 'Classify all' }).click();
  await expect(clip(page).getByRole('status', { name: 'CLIP run summary' })).toBeVisible();
  for (const image of FIXTURE_IMAGES) {
    const probabilities = await probabilitiesFor(page, image.name);
    const expected = golden.clip.probs[image.name] as number[];
    expect(maxDiff(probabilities, expected), image.name).toBeLessThan(2e-2);
    expect(argmax(probabilities)).toBe(argmax(expected));
  }
});

test('validation: no labels or a template without {} sends no request; 100 labels work', async ({ page, hub }) => {
  await setUp(page, hub.url, 'fp32');
  await clip(page).getByLabel('Prompt template').fill('a photo');
  await expect(clip(page).getByRole('list', { name: 'Why CLIP cannot run yet' })).toContainText('needs {}');
  await expect(clip(page).getByRole('button', { name: 'Classify', exact: true })).toBeDisabled();
  await clip(page).getByLabel('Prompt template').fill('a photo of a {}');
  await clip(page).getByRole('button', { name: 'Clear labels' }).click();
  await expect(clip(page).getByRole('list', { name: 'Why CLIP cannot run yet' })).toContainText('Add at least one label.');
  await expect(clip(page).getByRole('button', { name: 'Classify all' })).toBeDisabled();
  const labels = Array.from({ length: 100 }, (_, index) => `thing number ${index}`);
  await clip(page).getByLabel('Add labels').fill(labels.join('\n').replaceAll('\n', ', '));
  await clip(page).getByLabel('Add labels').press('Enter');
  await clip(page).getByRole('button', { name: 'Classify', exact: true }).click();
  await expect(
    clip(page)
      .getByRole('list', { name: /^CLIP labels for/ })
      .getByRole('listitem'),
  ).toHaveCount(100);
  await expect(clip(page).getByRole('status', { name: 'CLIP run summary' })).toContainText('100 labels: 100 encoded, 0 cached in 4 batches');
});

test('the similarity matrix shows every cosine and exports the same values as CSV', async ({ page, hub }) => {
  await setUp(page, hub.url, 'fp32');
  await clip(page).getByRole('tab', { name: 'Similarity matrix' }).click();
  await clip(page).getByRole('button', { name: 'Compute matrix' }).click();
  const matrix = clip(page).getByRole('table', { name: 'Similarity matrix' });
  await expect(matrix.getByRole('cell')).toHaveCount(FIXTURE_IMAGES.length * golden.clip.labels.length);
  const first = matrix.getByRole('cell').first();
  await first.focus();
  await expect(first).toHaveAttribute('aria-label', /cosine -?\d\.\d{6}$/);
  const download = page.waitForEvent('download');
  await clip(page).getByRole('button', { name: 'Export CSV' }).click();
  const csv = await (await (await download).createReadStream()).toArray();
  const lines = Buffer.concat(csv).toString('utf8').trim().split('\r\n');
  expect(lines[0]).toBe(['image', ...golden.clip.labels].join(','));
  expect(lines).toHaveLength(FIXTURE_IMAGES.length + 1);
  const cellLabel = (await first.getAttribute('aria-label')) ?? '';
  const shown = Number(cellLabel.split('cosine ')[1]);
  const exported = Number(lines[1]?.split(',')[1]);
  expect(Math.abs(shown - exported)).toBeLessThan(1e-6);
});

test('a CLIP load failure shows the delivery error and a retry', async ({ page, hub }) => {
  await openWithFixtureModels(page, hub.url);
  await choosePrecision(page, 'CLIP', 'fp32');
  await page.getByRole('button', { name: 'Add sample: Cat' }).click();
  hub.fault(/text_model\.onnx$/, { kind: 'status', status: 404 });
  await clip(page).getByRole('button', { name: 'Classify', exact: true }).click();
  await expect(clip(page).getByRole('alert')).toContainText('onnx/text_model.onnx was not found');
  hub.clearFaults();
  await clip(page).getByRole('button', { name: 'Retry loading CLIP' }).click();
  await expect(page.getByRole('status', { name: 'CLIP status' })).toContainText('Loaded on');
});
