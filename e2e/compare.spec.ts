import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { FIXTURE_IMAGES, golden } from './support/golden';
import { choosePrecision, openWithFixtureModels, TINY } from './support/models';
import { expect, test } from './support/test';

interface Config {
  text_config: { num_hidden_layers: number; vocab_size: number };
  vision_config: { num_hidden_layers: number; image_size: number; patch_size: number };
}

const config = (repo: string) => JSON.parse(readFileSync(`e2e/fixtures/models/${repo}/config.json`, 'utf8')) as Config;
const parameterVectors = JSON.parse(readFileSync('src/worker/models/onnx-stats-vectors.json', 'utf8')) as Record<string, { parameters: number }>;
const parameters = (repo: string, files: string[]) =>
  files.reduce((sum, file) => sum + (parameterVectors[`${repo}/onnx/${file}.onnx`]?.parameters ?? Number.NaN), 0);
const millions = (count: number) => `${(count / 1e6).toFixed(count < 1e6 ? 3 : 1)} M`;

const captionCase = (golden.blip_caption as unknown as { cases: { image: string; prompt: string | null; num_beams: number; text: string }[] }).cases.find(
  (entry) => entry.image === 'astronaut.png' && entry.prompt === null && entry.num_beams === 1,
)!;
const captionMax = (golden.blip_caption as unknown as { max_new_tokens: number }).max_new_tokens;
const vqaCase = (golden.blip_vqa as unknown as { cases: { image: string; question: string; num_beams: number; text: string }[] }).cases.find(
  (entry) => entry.image === 'astronaut.png' && entry.num_beams === 1,
)!;
const vqaMax = (golden.blip_vqa as unknown as { max_new_tokens: number }).max_new_tokens;

const compare = (page: Page) => page.getByRole('region', { name: 'CLIP vs BLIP, live' });
const live = (page: Page, row: string) => compare(page).locator(`[data-live="${row}"]`);

async function setMaxTokens(page: Page, tab: string, tokens: number) {
  const blip = page.getByRole('region', { name: 'BLIP', exact: true });
  await blip.getByRole('tab', { name: tab }).click();
  const details = blip.getByRole('tabpanel').locator('details').first();
  await details.locator('summary').click();
  await blip.getByRole('tabpanel').getByLabel('Max new tokens').fill(String(tokens));
  await details.locator('summary').click();
}

async function setUp(page: Page, hubUrl: string) {
  await openWithFixtureModels(page, hubUrl, ['clip', 'caption', 'vqa']);
  for (const label of ['CLIP', 'BLIP captioning', 'BLIP VQA']) await choosePrecision(page, label, 'fp32');
  await page.getByLabel('Choose image files').setInputFiles(FIXTURE_IMAGES);
  await page.getByRole('button', { name: 'Select image astronaut.png' }).click();
  const clip = page.getByRole('region', { name: 'CLIP', exact: true });
  await clip.getByRole('button', { name: 'Clear labels' }).click();
  await clip.getByLabel('Add labels').fill(golden.clip.labels.join(', '));
  await clip.getByLabel('Add labels').press('Enter');
  await setMaxTokens(page, 'Visual question answering', vqaMax);
  await page.getByRole('region', { name: 'BLIP', exact: true }).getByLabel('Question', { exact: true }).fill(vqaCase.question);
  await setMaxTokens(page, 'Caption', captionMax);
}

test('Run both fills both columns and every live cell from the run and the model files', async ({ page, hub }) => {
  await setUp(page, hub.url);
  await compare(page).getByRole('button', { name: 'Run both' }).click();
  await expect(compare(page).getByRole('button', { name: 'Run both' })).toBeEnabled({ timeout: 60_000 });
  await expect(page.getByRole('region', { name: 'BLIP', exact: true }).locator('output[aria-label="Caption"]')).toHaveText(captionCase.text);
  await expect(page.getByRole('region', { name: 'CLIP', exact: true }).getByRole('list', { name: 'CLIP labels for astronaut.png' })).toBeVisible();

  const clipConfig = config(TINY.clip);
  const blipConfig = config(TINY.caption);
  const clipTokens = (clipConfig.vision_config.image_size / clipConfig.vision_config.patch_size) ** 2 + 1;
  const blipTokens = (blipConfig.vision_config.image_size / blipConfig.vision_config.patch_size) ** 2 + 1;
  const probabilities = golden.clip.probs['astronaut.png'] as number[];
  const top = golden.clip.labels[probabilities.indexOf(Math.max(...probabilities))] ?? '';

  await expect(live(page, 'developer')).toContainText(TINY.clip);
  await expect(live(page, 'developer')).toContainText(TINY.caption);
  await expect(live(page, 'modalities')).toContainText(
    `CLIP consumed 1 image (${clipConfig.vision_config.image_size}×${clipConfig.vision_config.image_size} pixels, ${clipTokens} tokens) and ${golden.clip.labels.length} label prompts`,
  );
  await expect(live(page, 'modalities')).toContainText(`BLIP consumed 1 image (${blipTokens} image tokens)`);
  await expect(live(page, 'objective')).toContainText(`logit_scale ${golden.clip.logit_scale.toFixed(2)}`);
  await expect(live(page, 'objective')).toContainText(`over ${blipConfig.text_config.vocab_size} tokens`);
  await expect(live(page, 'transformer')).toContainText(
    `CLIP: text encoder ${clipConfig.text_config.num_hidden_layers} layers, vision encoder ${clipConfig.vision_config.num_hidden_layers} layers, ${millions(parameters(TINY.clip, ['text_model', 'vision_model']))} parameters`,
  );
  await expect(live(page, 'transformer')).toContainText(
    `BLIP: vision encoder ${blipConfig.vision_config.num_hidden_layers} layers, text decoder ${blipConfig.text_config.num_hidden_layers} layers with ${blipConfig.text_config.num_hidden_layers} cross-attention layers, ${millions(parameters(TINY.caption, ['vision_model', 'text_decoder_model_merged']))} parameters`,
  );
  await expect(live(page, 'applications')).toContainText(`CLIP ranked ${golden.clip.labels.length} labels: ${top}`);
  await expect(live(page, 'applications')).toContainText(`answered “${vqaCase.question}” → “${vqaCase.text}”`);
  await expect(live(page, 'alignment')).toContainText(`to ${blipTokens} image tokens`);
  await expect(live(page, 'generates')).toContainText(`BLIP generated “${captionCase.text}”`);
  await expect(live(page, 'generates')).toContainText(`top: ${top}`);
  for (const correction of ['Training objective', 'Uses Transformer?', 'Cross-modal alignment']) {
    await expect(compare(page).getByRole('note', { name: `Correction: ${correction}` })).toContainText('arXiv:2201.12086');
  }
  await expect(compare(page).locator('[data-measured="Backend and threads"]')).toContainText('WASM');

  // Another image: the live cells follow it.
  await page.getByRole('button', { name: 'Select image coffee.png' }).click();
  await expect(live(page, 'generates')).toContainText('not run yet on this image');
  await page.getByRole('button', { name: 'Select image astronaut.png' }).click();
  await expect(live(page, 'generates')).toContainText(captionCase.text);
});

test('Markdown, JSON and CSV exports hold the values on screen; a share link restores the settings', async ({ page, hub, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await setUp(page, hub.url);
  await compare(page).getByRole('button', { name: 'Run both' }).click();
  await expect(compare(page).getByRole('button', { name: 'Run both' })).toBeEnabled({ timeout: 60_000 });
  await expect(live(page, 'generates')).toContainText(captionCase.text);

  await compare(page).getByRole('button', { name: 'Copy table as Markdown' }).click();
  const markdown = await page.evaluate(() => navigator.clipboard.readText());
  for (const row of ['generates', 'transformer', 'alignment']) {
    const parts = await live(page, row).locator('span').allInnerTexts();
    for (const part of parts) expect(markdown).toContain(part.replaceAll('|', '\\|'));
  }

  const jsonDownload = page.waitForEvent('download');
  await compare(page).getByRole('button', { name: 'Download results (JSON)' }).click();
  const json = JSON.parse(Buffer.concat(await (await (await jsonDownload).createReadStream()).toArray()).toString('utf8')) as {
    images: { name: string; caption?: { text: string }; vqa: { answer: string }[]; clip?: { scores: { label: string; probability: number }[] } }[];
  };
  const astronaut = json.images.find((image) => image.name === 'astronaut.png');
  expect(astronaut?.caption?.text).toBe(captionCase.text);
  expect(astronaut?.vqa.at(-1)?.answer).toBe(vqaCase.text);
  const shown = await page
    .getByRole('region', { name: 'CLIP', exact: true })
    .getByRole('list', { name: 'CLIP labels for astronaut.png' })
    .getByRole('listitem')
    .evaluateAll((items) => items.map((item) => [item.getAttribute('data-label'), Number(item.getAttribute('data-probability'))]));
  for (const [label, probability] of shown) {
    expect(astronaut?.clip?.scores.find((score) => score.label === label)?.probability).toBe(probability);
  }

  const csvDownload = page.waitForEvent('download');
  await compare(page).getByRole('button', { name: 'Download results (CSV)' }).click();
  const csv = Buffer.concat(await (await (await csvDownload).createReadStream()).toArray()).toString('utf8');
  // Each row names the model and precision that produced it.
  expect(csv).toContain(`astronaut.png,caption,${TINY.caption},fp32,,${captionCase.text}`);
  expect(csv).toContain(`astronaut.png,vqa,${TINY.vqa},fp32,${vqaCase.question},${vqaCase.text}`);

  await page.getByRole('region', { name: 'CLIP', exact: true }).getByLabel('Prompt template').fill('an image showing {}');
  await compare(page).getByRole('button', { name: 'Copy share link' }).click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).not.toContain('data:image');
  // This browser keeps its gallery across pages; forget it, so that any image the new page shows came from the link.
  await page.getByRole('button', { name: 'Forget my images' }).click();
  const other = await context.newPage();
  await other.goto(link);
  const clip = other.getByRole('region', { name: 'CLIP', exact: true });
  await expect(clip.getByLabel('Prompt template')).toHaveValue('an image showing {}');
  await expect(clip.getByRole('list', { name: 'Labels' }).getByRole('listitem')).toHaveCount(golden.clip.labels.length);
  await expect(other.getByRole('region', { name: 'BLIP', exact: true }).getByRole('tab', { name: 'Visual question answering' })).toBeVisible();
  await other.getByRole('region', { name: 'BLIP', exact: true }).getByRole('tab', { name: 'Visual question answering' }).click();
  await expect(other.getByRole('region', { name: 'BLIP', exact: true }).getByLabel('Question', { exact: true })).toHaveValue(vqaCase.question);
  await expect(other.getByRole('list', { name: 'Gallery' })).toHaveCount(0);
});
