/** Issue 15: BLIP's ITC and ITM beside CLIP in the browser, against the PyTorch goldens of the tiny retrieval fixture. */
import type { Page } from '@playwright/test';
import { FIXTURE_IMAGES, golden } from './support/golden';
import { chooseDevice, choosePrecision, openWithFixtureModels } from './support/models';
import { expect, test } from './support/test';

const itm = golden.blip_itm;
const clip = (page: Page) => page.getByRole('region', { name: 'CLIP', exact: true });

async function setUp(page: Page, hubUrl: string, device: 'auto' | 'webgpu' = 'auto') {
  await openWithFixtureModels(page, hubUrl, ['clip', 'itm']);
  // Auto skips a software adapter such as CI's SwiftShader (issue 17): the WebGPU path is chosen by hand.
  if (device === 'webgpu') await chooseDevice(page, 'webgpu');
  await choosePrecision(page, 'CLIP', 'fp32');
  await choosePrecision(page, 'BLIP retrieval', 'fp32');
  await page.getByLabel('Choose image files').setInputFiles(FIXTURE_IMAGES);
  await expect(page.getByRole('list', { name: 'Gallery' }).getByRole('listitem')).toHaveCount(FIXTURE_IMAGES.length);
  await clip(page).getByRole('button', { name: 'Clear labels' }).click();
  await clip(page).getByLabel('Add labels').fill(itm.labels.join(', '));
  await clip(page).getByLabel('Add labels').press('Enter');
  await clip(page).getByLabel('Prompt template').fill(itm.template);
}

const maxDiff = (a: number[], b: number[]) => Math.max(...a.map((value, index) => Math.abs(value - (b[index] ?? Number.NaN))));

for (const backend of ['wasm', 'webgpu'] as const) {
  const tag = backend === 'webgpu' ? '@webgpu ' : '';
  // WebGPU (software in CI) scores two images, WASM all of them: the same kernels per image, a shorter run.
  const images = backend === 'webgpu' ? FIXTURE_IMAGES.slice(0, 2) : FIXTURE_IMAGES;
  test(`${tag}BLIP ITC cosine, ITC softmax and ITM match per label equal PyTorch within 1e-4 (fp32, ${backend})`, async ({ page, hub }) => {
    await setUp(page, hub.url, backend === 'webgpu' ? 'webgpu' : 'auto');
    await clip(page).getByRole('switch', { name: 'Compare with BLIP' }).check();
    for (const image of images) {
      await page.getByRole('button', { name: `Select image ${image.name}` }).click();
      await clip(page).getByRole('button', { name: 'Score labels with BLIP' }).click();
      const table = clip(page).getByRole('table', { name: 'BLIP ITC and ITM scores' });
      await expect(clip(page).getByRole('status', { name: 'BLIP scoring summary' })).toBeVisible();
      await expect(table.locator(`tr[data-label="${itm.labels[0]}"]`)).toBeVisible();
      const rows = await table.locator('tbody tr').evaluateAll((items) =>
        items.map((item) => ({
          label: item.getAttribute('data-label') ?? '',
          cosine: Number(item.getAttribute('data-itc-cosine')),
          softmax: Number(item.getAttribute('data-itc-probability')),
          match: Number(item.getAttribute('data-itm-probability')),
        })),
      );
      expect(rows.map((row) => row.label)).toEqual(itm.labels);
      expect(
        maxDiff(
          rows.map((r) => r.cosine),
          itm.itc_cosine[image.name]!,
        ),
        image.name,
      ).toBeLessThanOrEqual(1e-4);
      expect(
        maxDiff(
          rows.map((r) => r.softmax),
          itm.itc_probs[image.name]!,
        ),
        image.name,
      ).toBeLessThanOrEqual(1e-4);
      expect(
        maxDiff(
          rows.map((r) => r.match),
          itm.itm_prob[image.name]!,
        ),
        image.name,
      ).toBeLessThanOrEqual(1e-4);
    }
    await expect(page.getByRole('status', { name: 'BLIP retrieval status' })).toContainText(backend === 'webgpu' ? 'WebGPU' : 'WASM');
  });
}

test('BLIP ITM re-ranks the ITC top-k as PyTorch does (fp32)', async ({ page, hub }) => {
  await setUp(page, hub.url);
  await clip(page).getByRole('tab', { name: 'Image search' }).click();
  await clip(page).getByRole('switch', { name: 'Compare with BLIP' }).check();
  await clip(page).getByLabel('First stage').selectOption('itc');
  await clip(page).getByLabel('Re-rank top').fill(String(itm.rerank_top_k));
  for (const expected of itm.search) {
    await clip(page).getByLabel('Search images').fill(expected.query);
    await clip(page).getByRole('button', { name: 'Re-rank with BLIP ITM' }).click();
    await expect(clip(page).getByRole('status', { name: 'BLIP re-ranking summary' })).toContainText(`“${expected.query}”`);
    const itc = await clip(page)
      .getByRole('list', { name: 'BLIP ITC ranking' })
      .getByRole('listitem')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-image')));
    expect(itc).toEqual(expected.itc_ranking);
    const reranked = await clip(page)
      .getByRole('list', { name: 'BLIP re-ranked results' })
      .getByRole('listitem')
      .evaluateAll((items) => items.map((item) => [item.getAttribute('data-image') ?? '', Number(item.getAttribute('data-itm-probability'))] as const));
    expect(reranked.map(([name]) => name)).toEqual(expected.reranked);
    for (const [name, probability] of reranked) expect(Math.abs(probability - expected.itm_prob[name]!)).toBeLessThanOrEqual(1e-4);
  }
});

test('the comparison table cites BLIP retrieval: top-1 of CLIP, BLIP-ITC and BLIP-ITM on this image, and §3.2/§4', async ({ page, hub }) => {
  await setUp(page, hub.url);
  const name = FIXTURE_IMAGES[0]!.name;
  await page.getByRole('button', { name: `Select image ${name}` }).click();
  await clip(page).getByRole('button', { name: 'Classify', exact: true }).click();
  await clip(page).getByRole('switch', { name: 'Compare with BLIP' }).check();
  await clip(page).getByRole('button', { name: 'Score labels with BLIP' }).click();
  await expect(clip(page).getByRole('status', { name: 'BLIP scoring summary' })).toBeVisible();
  const top = (values: number[]) => itm.labels[values.indexOf(Math.max(...values))];
  const compare = page.getByRole('region', { name: 'CLIP vs BLIP, live' });
  await expect(compare.locator('[data-live="applications"]')).toContainText(
    `BLIP-ITC “${top(itm.itc_probs[name]!)}”, BLIP-ITM “${top(itm.itm_prob[name]!)}”`,
  );
  await expect(compare.locator('[data-live="alignment"]')).toContainText('cost per label: CLIP');
  for (const row of ['Applications', 'Cross-modal alignment']) {
    await expect(compare.getByRole('note', { name: `Correction: ${row}` })).toContainText('arXiv:2201.12086 §3.2, §4');
  }
});
