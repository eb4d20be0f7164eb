/**
 * A model source that is gone (issue 18 §3) and the third-party layouts (§4), in a real browser
 * against the fake hub. The third-party entries of the registry are served from our own tiny fixtures
 * written in their layouts (tools/export/layouts.py) under the same repository names, so the goldens
 * are PyTorch's outputs for the demo fixtures.
 */
import type { Page } from '@playwright/test';
import { blip, caption, captionGolden, expectGoldenAnswer, vqaGolden } from './support/blip';
import { FIXTURE_IMAGES } from './support/golden';
import { acceptHostOffer, addCustomModels, chooseDevice } from './support/models';
import { expect, openApp, test } from './support/test';

/** Every repository but those the fake hub stands in for answers 401, as the Hub does for one that is gone. */
const GONE = /^(?!fixtures\/|onnx-community\/|mpai-community\/)/;
const captionRow = (page: Page) => page.getByRole('article', { name: 'BLIP captioning' });
const vqaRow = (page: Page) => page.getByRole('article', { name: 'BLIP VQA' });

async function addImages(page: Page) {
  await page.getByLabel('Choose image files').setInputFiles(FIXTURE_IMAGES);
  await expect(page.getByRole('list', { name: 'Gallery' }).getByRole('listitem')).toHaveCount(FIXTURE_IMAGES.length);
}

test('a captioning repository that answers 401 is named as unavailable, and one click switches to the onnx-community split export', async ({
  page,
  hub,
}) => {
  hub.repoStatus(GONE, 401);
  await openApp(page, `?hub=${encodeURIComponent(hub.url)}`);
  await acceptHostOffer(page);
  // A repository that is gone (the Hub answers 401 for one that does not exist), added as a user would.
  await addCustomModels(page, [{ task: 'caption', repo: 'someone/blip-captioning-gone' }]);
  const model = page.getByLabel('BLIP captioning model', { exact: true });
  const displayName = (await model.locator('option:checked').innerText()).trim();
  const repo = (await captionRow(page).getByText(/ @ /).innerText()).split(' @ ')[0]!.trim();
  await captionRow(page).getByRole('button', { name: 'Load BLIP captioning' }).click();

  const alert = captionRow(page).getByRole('alert');
  await expect(alert).toContainText(`${displayName} is unavailable: the repository ${repo} (revision `);
  await expect(alert).toContainText('not available on 127.0.0.1:');
  await expect(alert).toContainText('HTTP 401 for config.json');
  await expect(alert).toContainText('This is not a connection problem');
  await expect(alert).not.toContainText(/check your connection/i);
  const gone = hub.requests.filter((request) => request.path.includes(repo));
  console.log(`Requests to the gone repository:\n  ${gone.map((r) => `${r.method} ${r.path} → ${r.status}`).join('\n  ')}`);
  // Sizes are looked up (HEAD) before anything downloads; a 401 there ends the load: no file is fetched or retried.
  expect(gone.filter((request) => request.method === 'GET' && request.path.includes('/resolve/'))).toHaveLength(0);
  expect(gone.length).toBeGreaterThan(0);
  expect(gone.every((request) => request.status === 401)).toBe(true);

  await captionRow(page).getByRole('button', { name: 'Use BLIP captioning (onnx-community, fp32, no cache)' }).click();
  await expect(page.getByRole('status', { name: 'BLIP captioning status' })).toContainText('Loaded on WASM');
  await expect(model).toHaveValue('onnx-community-blip-caption');
  await expect(captionRow(page)).toContainText('Third-party export');
  const split = hub.requests.filter((request) => request.method === 'GET' && request.path.includes('/onnx-community/'));
  expect(split.map((request) => request.path.split('/resolve/main/')[1]).sort()).toContain('onnx/split_1.onnx');

  await addImages(page);
  for (const testCase of captionGolden.cases.filter((c) => c.image === 'astronaut.png' || c.image === 'rocket.png')) {
    const result = await caption(page, testCase);
    const label = `${testCase.image} prompt=${testCase.prompt} beams=${testCase.num_beams}`;
    expect(result.ids, label).toEqual(testCase.output_ids);
    expect(result.text, label).toBe(testCase.text);
  }
});

test('the mpai VQA export (external data, no-cache decoder): a 404 file fails at once, then answers equal PyTorch', async ({ page, hub }) => {
  await openApp(page, `?hub=${encodeURIComponent(hub.url)}`);
  await acceptHostOffer(page);
  await page.getByLabel('BLIP VQA model').selectOption({ label: 'BLIP VQA (mpai-community, fp32, no cache)' });
  await expect(vqaRow(page)).toContainText('mpai-community/blip-vqa-base-onnx');
  hub.fault(/^blip_vision_model\.onnx\.data$/, { kind: 'status', status: 404, times: 1 });
  await vqaRow(page).getByRole('button', { name: 'Load BLIP VQA' }).click();
  const alert = vqaRow(page).getByRole('alert');
  await expect(alert).toContainText(
    /BLIP VQA \(mpai-community, fp32, no cache\) is unavailable: blip_vision_model\.onnx\.data was not found on 127\.0\.0\.1:\d+ \(HTTP 404\) in mpai-community\/blip-vqa-base-onnx\./,
  );
  await expect(vqaRow(page)).toContainText('No other source is known for BLIP VQA');
  const dataRequests = () => hub.requests.filter((request) => request.method === 'GET' && request.path.endsWith('/blip_vision_model.onnx.data'));
  expect(dataRequests()).toHaveLength(1);

  await vqaRow(page).getByRole('button', { name: 'Retry loading BLIP VQA' }).click();
  await expect(page.getByRole('status', { name: 'BLIP VQA status' })).toContainText('Loaded on WASM');
  expect(dataRequests()).toHaveLength(2);

  await addImages(page);
  await blip(page).getByRole('tab', { name: 'Visual question answering' }).click();
  for (const testCase of vqaGolden.cases) await expectGoldenAnswer(page, testCase);
});

// SwiftShader runs WebGPU on the CPU and these decoders recompute the whole text each step (~10 s a token
// here), so WebGPU checks greedy prefixes: a greedy run of N tokens is the first N tokens of the golden run.
test('@webgpu both third-party layouts give PyTorch’s tokens on WebGPU (greedy prefixes)', async ({ page, hub }) => {
  await openApp(page, `?hub=${encodeURIComponent(hub.url)}`);
  await acceptHostOffer(page);
  await chooseDevice(page, 'webgpu');
  await page.getByLabel('BLIP captioning model', { exact: true }).selectOption('onnx-community-blip-caption');
  await page.getByLabel('BLIP VQA model', { exact: true }).selectOption('mpai-blip-vqa');
  await addImages(page);
  const rocket = captionGolden.cases.find((c) => c.image === 'rocket.png' && c.num_beams === 1 && c.prompt === null)!;
  const result = await caption(page, rocket, 4);
  expect(result.ids).toEqual(rocket.output_ids.slice(0, rocket.output_ids.length - (captionGolden.max_new_tokens - 4)));
  await expect(page.getByRole('status', { name: 'BLIP captioning status' })).toContainText('WebGPU');
  await blip(page).getByRole('tab', { name: 'Visual question answering' }).click();
  await expectGoldenAnswer(page, vqaGolden.cases[0]!, 3);
  await expect(page.getByRole('status', { name: 'BLIP VQA status' })).toContainText('WebGPU');
});
