/** Issue 14: the caption and VQA panels show, per generated word, the cross-attention map PyTorch computes. */
import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { blip, caption, captionGolden, setDecoding, vqaGolden, type CaptionCase } from './support/blip';
import { FIXTURE_IMAGES, golden } from './support/golden';
import { chooseDevice, choosePrecision, openWithFixtureModels } from './support/models';
import { expect, test } from './support/test';
import { findInferenceWorker, holdResults } from './support/worker';

interface MapsCase {
  image: string;
  prompt?: string | null;
  question?: string;
  num_beams: number;
  output_ids: number[];
  steps: number[][][];
  question_maps?: number[][][];
}
const attention = JSON.parse(readFileSync('e2e/fixtures/golden-attention.json', 'utf8')) as Record<
  'blip_caption' | 'blip_vqa',
  { model: string; cases: MapsCase[] }
>;
const TOL = 1e-5;

const mean = (rows: number[][]) => rows[0]!.map((_, i) => rows.reduce((sum, row) => sum + row[i]!, 0) / rows.length);

/** The oracle, straight from the golden: CLS dropped; VQA answer words weigh the question tokens' image maps. */
function expectedGrid(testCase: MapsCase, token: number, layer: number | 'mean'): number[] {
  const pick = (rows: number[][]) => (layer === 'mean' ? mean(rows) : rows[layer]!);
  const overMemory = pick(testCase.steps[token]!);
  if (!testCase.question_maps) return overMemory.slice(1);
  const perQuestionToken = testCase.question_maps[0]!.map((_, q) => pick(testCase.question_maps!.map((rows) => rows[q]!)));
  return perQuestionToken[0]!.map((_, i) => overMemory.reduce((sum, weight, q) => sum + weight * perQuestionToken[q]![i]!, 0)).slice(1);
}

/** Points at word `token` of the maps region and compares its grid (layer already chosen) with the golden. */
async function expectWordGrid(maps: Locator, testCase: MapsCase, token: number, layer: number | 'mean') {
  const words = maps.getByRole('group', { name: 'Words' }).getByRole('button');
  await words.nth(token).hover();
  await expect(words.nth(token)).toHaveAttribute('aria-pressed', 'true');
  const grid = JSON.parse((await maps.getByRole('img', { name: /^Attention of/ }).getAttribute('data-grid')) ?? '[]') as number[];
  const want = expectedGrid(testCase, token, layer);
  expect(grid.length).toBe(want.length);
  expect(Math.max(...grid.map((value, i) => Math.abs(value - want[i]!))), `${testCase.image} token ${token} layer ${layer}`).toBeLessThanOrEqual(TOL);
}

async function expectWordMaps(page: Page, testCase: MapsCase, region: string) {
  const maps = blip(page).getByRole('region', { name: region });
  await expect(maps.getByRole('group', { name: 'Words' }).getByRole('button')).toHaveCount(testCase.steps.length);
  for (const layer of ['mean', 0] as const) {
    await maps.getByLabel('Attention layer').selectOption(String(layer));
    for (let token = 0; token < testCase.steps.length; token++) await expectWordGrid(maps, testCase, token, layer);
  }
}

async function setUp(page: Page, hubUrl: string, task: 'caption' | 'vqa', device: 'auto' | 'webgpu' = 'auto') {
  await openWithFixtureModels(page, hubUrl, [task], { [task]: attention[task === 'caption' ? 'blip_caption' : 'blip_vqa'].model });
  // Auto skips a software adapter such as CI's SwiftShader: the WebGPU path is chosen by hand.
  if (device === 'webgpu') await chooseDevice(page, 'webgpu');
  await choosePrecision(page, task === 'caption' ? 'BLIP captioning' : 'BLIP VQA', 'fp32');
  await page.getByLabel('Choose image files').setInputFiles(FIXTURE_IMAGES);
  await expect(page.getByRole('list', { name: 'Gallery' }).getByRole('listitem')).toHaveCount(FIXTURE_IMAGES.length);
}

test('caption: each word’s heat map equals PyTorch’s cross-attention (greedy, prompted, beam)', async ({ page, hub }) => {
  await setUp(page, hub.url, 'caption');
  await blip(page).getByLabel('Show where each word looked (attention maps)').check();
  for (const testCase of attention.blip_caption.cases) {
    const result = await caption(page, { ...(testCase as unknown as CaptionCase), prompt: testCase.prompt ?? null });
    expect(result.ids).toEqual(testCase.output_ids);
    await expectWordMaps(page, testCase, 'Where each word of the caption looked');
  }
  // The JSON export holds the grids of the layer shown (layer 1 after expectWordMaps).
  const last = attention.blip_caption.cases.at(-1)!;
  const download = page.waitForEvent('download');
  await blip(page).getByRole('button', { name: 'Export maps (JSON)' }).click();
  const exported = JSON.parse(readFileSync((await (await download).path())!, 'utf8')) as { layer: number; grids: { grid: number[] }[] };
  expect(exported.layer).toBe(0);
  exported.grids.forEach(({ grid }, token) =>
    expect(Math.max(...grid.map((value, i) => Math.abs(value - expectedGrid(last, token, 0)[i]!)))).toBeLessThanOrEqual(TOL),
  );
  // README picture (docs/attention-maps.png): `SCREENSHOT=1 npx playwright test e2e/attention-maps.spec.ts --project=wasm -g caption`.
  if (process.env.SCREENSHOT) {
    await blip(page).getByRole('group', { name: 'Words' }).getByRole('button').nth(1).hover();
    await blip(page).getByRole('region', { name: 'Where each word of the caption looked' }).screenshot({ path: 'docs/attention-maps.png' });
  }
});

test('caption: each word’s map is on the page as soon as the word streams, before the run finishes', async ({ page, hub }) => {
  await setUp(page, hub.url, 'caption');
  await blip(page).getByLabel('Show where each word looked (attention maps)').check();
  const testCase = attention.blip_caption.cases.find((item) => item.num_beams === 1 && !item.prompt)!;
  await page.getByRole('button', { name: `Select image ${testCase.image}` }).click();
  await setDecoding(page, 1, captionGolden.max_new_tokens);
  const release = await holdResults(await findInferenceWorker(page), 'blip:caption');
  await blip(page).getByRole('button', { name: 'Caption', exact: true }).click();
  // The result is held in the worker: whatever the page shows now came with the streamed tokens.
  const maps = blip(page).getByRole('region', { name: 'Where each word of the caption looked' });
  await expect(maps).toHaveAttribute('data-streaming', 'true');
  await expect(maps.getByRole('group', { name: 'Words' }).getByRole('button')).toHaveCount(testCase.steps.length);
  await expect(blip(page).getByRole('status', { name: 'Caption metrics' })).toHaveCount(0);
  for (const token of [0, testCase.steps.length - 1]) await expectWordGrid(maps, testCase, token, 'mean');
  await release();
  await expect(blip(page).getByRole('status', { name: 'Caption metrics' })).toBeVisible();
  await expect(maps).toHaveAttribute('data-streaming', 'false');
  await expectWordGrid(maps, testCase, 0, 'mean');
});

test('VQA: each answer word’s heat map equals the golden composition of both attentions', async ({ page, hub }) => {
  await setUp(page, hub.url, 'vqa');
  await blip(page).getByRole('tab', { name: 'Visual question answering' }).click();
  await blip(page).getByLabel('Show where each word looked (attention maps)').check();
  const testCase = attention.blip_vqa.cases[0]!;
  await page.getByRole('button', { name: `Select image ${testCase.image}` }).click();
  await setDecoding(page, testCase.num_beams, vqaGolden.max_new_tokens);
  await blip(page).getByLabel('Question', { exact: true }).fill(testCase.question!);
  await blip(page).getByRole('button', { name: 'Ask', exact: true }).click();
  await expect(blip(page).getByRole('region', { name: 'Where each word of the answer 1 looked' })).toBeVisible();
  await expectWordMaps(page, testCase, 'Where each word of the answer 1 looked');
});

test('phone layout: the map sits below the words and a tap picks the word', async ({ page, hub }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await setUp(page, hub.url, 'caption');
  await blip(page).getByLabel('Show where each word looked (attention maps)').check();
  await caption(page, { ...(attention.blip_caption.cases[0] as unknown as CaptionCase), prompt: null }, captionGolden.max_new_tokens);
  const maps = blip(page).getByRole('region', { name: 'Where each word of the caption looked' });
  const words = maps.getByRole('group', { name: 'Words' }).getByRole('button');
  await words.nth(1).click();
  await expect(words.nth(1)).toHaveAttribute('aria-pressed', 'true');
  const wordsBox = (await maps.getByRole('group', { name: 'Words' }).boundingBox())!;
  const mapBox = (await maps.getByRole('img', { name: /^Attention of/ }).boundingBox())!;
  expect(mapBox.y).toBeGreaterThan(wordsBox.y + wordsBox.height - 1);
});

const clipPatches = JSON.parse(readFileSync('e2e/fixtures/golden-attention.json', 'utf8')).clip as {
  model: string;
  labels: string[];
  texts: string[];
  patch_cosine: Record<string, number[][]>;
};

/** The fixture images and the golden's labels and template, in the CLIP panel it returns. */
async function addImagesAndClipLabels(page: Page) {
  await page.getByLabel('Choose image files').setInputFiles(FIXTURE_IMAGES);
  const clip = page.getByRole('region', { name: 'CLIP', exact: true });
  await clip.getByRole('button', { name: 'Clear labels' }).click();
  await clip.getByLabel('Add labels').fill(clipPatches.labels.join(', '));
  await clip.getByLabel('Add labels').press('Enter');
  await clip.getByLabel('Prompt template').fill(golden.clip.template);
  return clip;
}

/** A patch map's data-grid against the golden cosines, within TOL. */
async function expectPatchGrid(map: Locator, want: number[], what: string) {
  await expect(map).toBeVisible();
  const grid = JSON.parse((await map.getAttribute('data-grid')) ?? '[]') as number[];
  expect(grid.length, what).toBe(want.length);
  expect(Math.max(...grid.map((value, i) => Math.abs(value - want[i]!))), what).toBeLessThanOrEqual(TOL);
}

/** Classifies `image`, shows the patch map of golden label `index` and compares it with PyTorch's. */
async function expectLabelPatchMap(page: Page, clip: Locator, image: string, index: number) {
  await page.getByRole('button', { name: `Select image ${image}` }).click();
  await clip.getByRole('button', { name: 'Classify', exact: true }).click();
  const section = clip.getByRole('region', { name: 'CLIP patch map' });
  await section.getByLabel('Label for the patch map').selectOption({ label: clipPatches.labels[index]! });
  await section.getByRole('button', { name: 'Show patch map' }).click();
  const map = section.getByRole('img', { name: `CLIP patch cosine with “${clipPatches.texts[index]}”` });
  await expectPatchGrid(map, clipPatches.patch_cosine[image]![index]!, `${image} ${clipPatches.labels[index]}`);
}

test('CLIP: the patch map of a label equals PyTorch’s per-patch cosine', async ({ page, hub }) => {
  await openWithFixtureModels(page, hub.url, ['clip'], { clip: clipPatches.model });
  await choosePrecision(page, 'CLIP', 'fp32');
  const clip = await addImagesAndClipLabels(page);
  for (const image of ['chelsea.png', 'rocket.png']) {
    for (const index of [0, 2]) await expectLabelPatchMap(page, clip, image, index);
  }
});

test('CLIP search: the query’s patch map on the best match, then on the result picked, equals PyTorch’s per-patch cosine', async ({ page, hub }) => {
  await openWithFixtureModels(page, hub.url, ['clip'], { clip: clipPatches.model });
  await choosePrecision(page, 'CLIP', 'fp32');
  await page.getByLabel('Choose image files').setInputFiles(FIXTURE_IMAGES);
  const clip = page.getByRole('region', { name: 'CLIP', exact: true });
  await clip.getByRole('tab', { name: 'Image search' }).click();
  const index = 2;
  const query = clipPatches.texts[index]!;
  await clip.getByLabel('Search images').fill(query);
  await clip.getByRole('button', { name: 'Search', exact: true }).click();
  const results = clip.getByRole('list', { name: 'Search results' }).getByRole('listitem');
  await expect(results).toHaveCount(FIXTURE_IMAGES.length);
  const ranking = await results.evaluateAll((items) => items.map((item) => item.getAttribute('data-image')!));
  const section = clip.getByRole('region', { name: 'CLIP patch map' });
  await expect(section.getByLabel('Query for the patch map')).toHaveText(query);
  for (const rank of [0, 3]) {
    await results.nth(rank).getByRole('button').click();
    await section.getByRole('button', { name: 'Show patch map' }).click();
    const map = section.getByRole('img', { name: `CLIP patch cosine with “${query}”` });
    await expectPatchGrid(map, clipPatches.patch_cosine[ranking[rank]!]![index]!, `${ranking[rank]} (rank ${rank + 1})`);
  }
});

/** Width and height from a PNG's IHDR, after checking the signature. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

async function downloadedPng(page: Page, button: ReturnType<Page['getByRole']>) {
  const download = page.waitForEvent('download');
  await button.click();
  return pngSize(readFileSync((await (await download).path())!));
}

test('side by side: CLIP’s top-label map beside BLIP’s word map, both equal to the goldens; PNG exports', async ({ page, hub }) => {
  const image = 'chelsea.png';
  const captionCase = attention.blip_caption.cases.find((item) => item.image === image)!;
  await openWithFixtureModels(page, hub.url, ['clip', 'caption'], { clip: clipPatches.model, caption: attention.blip_caption.model });
  await choosePrecision(page, 'CLIP', 'fp32');
  await choosePrecision(page, 'BLIP captioning', 'fp32');
  const clip = await addImagesAndClipLabels(page);
  await page.getByRole('button', { name: `Select image ${image}` }).click();
  await clip.getByRole('button', { name: 'Classify', exact: true }).click();
  await blip(page).getByLabel('Show where each word looked (attention maps)').check();
  const result = await caption(page, { ...(captionCase as unknown as CaptionCase), prompt: null });
  expect(result.ids).toEqual(captionCase.output_ids);

  await page.getByRole('link', { name: 'See both maps side by side' }).click();
  const sideBySide = page.getByRole('region', { name: 'Cross-modal alignment, side by side' });
  await expect(sideBySide).toBeFocused();
  await sideBySide.getByRole('button', { name: 'Show CLIP patch map' }).click();
  const clipMap = sideBySide.getByRole('img', { name: /^CLIP patch cosine with/ });
  await expect(clipMap).toBeVisible();
  const text = /“(.*)”/.exec((await clipMap.getAttribute('aria-label'))!)![1]!;
  const want = clipPatches.patch_cosine[image]![clipPatches.texts.indexOf(text)]!;
  const clipGrid = JSON.parse((await clipMap.getAttribute('data-grid'))!) as number[];
  expect(clipGrid.length).toBe(want.length);
  expect(Math.max(...clipGrid.map((value, i) => Math.abs(value - want[i]!)))).toBeLessThanOrEqual(TOL);

  // Random-weight words rarely match the label; then the user picks one (here the second).
  const word = sideBySide.getByLabel('Caption word for the BLIP map');
  if ((await word.inputValue()) === '') await word.selectOption('1');
  const token = Number(await word.inputValue());
  const blipGrid = JSON.parse((await sideBySide.getByRole('img', { name: /^BLIP attention of/ }).getAttribute('data-grid'))!) as number[];
  const wantBlip = expectedGrid(captionCase, token, 'mean');
  expect(blipGrid.length).toBe(wantBlip.length);
  expect(Math.max(...blipGrid.map((value, i) => Math.abs(value - wantBlip[i]!)))).toBeLessThanOrEqual(TOL);

  // PNG exports: chelsea is 256×170; CLIP's centre crop and BLIP's squash both give the shorter side square.
  const { height } = pngSize(FIXTURE_IMAGES.find((item) => item.name === image)!.buffer);
  expect(await downloadedPng(page, blip(page).getByRole('button', { name: 'Export map (PNG)' }))).toEqual({ width: height, height });
  const patchSection = clip.getByRole('region', { name: 'CLIP patch map' });
  await patchSection.getByRole('button', { name: 'Show patch map' }).click();
  expect(await downloadedPng(page, patchSection.getByRole('button', { name: 'Export map (PNG)' }))).toEqual({ width: height, height });
});

test('side by side without map outputs: it says how to export them instead of an empty box', async ({ page, hub }) => {
  await openWithFixtureModels(page, hub.url, ['clip', 'caption']);
  const clip = await addImagesAndClipLabels(page);
  await page.getByRole('button', { name: 'Select image chelsea.png' }).click();
  await clip.getByRole('button', { name: 'Classify', exact: true }).click();
  await blip(page).getByLabel('Show where each word looked (attention maps)').check();
  await caption(page, { ...(attention.blip_caption.cases[0] as unknown as CaptionCase), image: 'chelsea.png', prompt: null });
  const sideBySide = page.getByRole('region', { name: 'Cross-modal alignment, side by side' });
  await expect(sideBySide).toContainText('no cross_attentions outputs');
  await sideBySide.getByRole('button', { name: 'Show CLIP patch map' }).click();
  await expect(sideBySide).toContainText('no patch_embeds output');
  await expect(sideBySide.getByRole('img')).toHaveCount(0);
});

// SwiftShader runs WebGPU on the CPU: the shortest caption case (prompted, greedy). Beam rows are followed on the CPU
// whatever the backend, and the WASM cases above cover them; here it is the GPU's values and their way back to the CPU.
test('@webgpu a caption’s word maps and a CLIP patch map equal the goldens on WebGPU', async ({ page, hub }) => {
  test.setTimeout(300_000);
  const testCase = attention.blip_caption.cases.find((item) => item.prompt)!;
  await openWithFixtureModels(page, hub.url, ['clip', 'caption'], { clip: clipPatches.model, caption: attention.blip_caption.model });
  await chooseDevice(page, 'webgpu');
  await choosePrecision(page, 'CLIP', 'fp32');
  await choosePrecision(page, 'BLIP captioning', 'fp32');
  const clip = await addImagesAndClipLabels(page);
  await blip(page).getByLabel('Show where each word looked (attention maps)').check();
  const result = await caption(page, { ...(testCase as unknown as CaptionCase), prompt: testCase.prompt ?? null });
  expect(result.ids).toEqual(testCase.output_ids);
  await expectWordMaps(page, testCase, 'Where each word of the caption looked');
  await expect(page.getByRole('status', { name: 'BLIP captioning status' })).toContainText('WebGPU');

  await expectLabelPatchMap(page, clip, 'rocket.png', 1);
  await expect(page.getByRole('status', { name: 'CLIP status' })).toContainText('WebGPU');
});
