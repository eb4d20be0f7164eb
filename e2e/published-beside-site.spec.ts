/**
 * A default published beside the site (the models pipeline without a Hub namespace): the app built with a
 * manifest whose CLIP entry lives under models/, served under the sub-path as GitHub Pages would, loads it from
 * there with no settings and no other host. Builds its own copy of the app (MODELS_MANIFEST).
 */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import type { ModelsManifest } from '../src/shared/default-models';
import { startStaticServer, type RunningServer } from './servers/static-server';
import { FIXTURE_REPOS, fixtureEntry } from './support/manifest';
import { cachedEntries, chooseDevice } from './support/models';
import { BASE_PATH, FIXTURE_MODELS, expect, test } from './support/test';

const OUT = 'test-results/beside-site/dist';
let site: RunningServer;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  const manifest: ModelsManifest = { schema: 1, models: [fixtureEntry('clip', { host: 'models/', pathTemplate: '{repo}/{file}' })] };
  mkdirSync('test-results/beside-site', { recursive: true });
  const manifestPath = resolve('test-results/beside-site/models-manifest.json');
  writeFileSync(manifestPath, JSON.stringify(manifest));
  process.env.MODELS_MANIFEST = manifestPath;
  process.env.BASE_PATH = BASE_PATH;
  try {
    await build({ logLevel: 'warn', build: { outDir: OUT, emptyOutDir: true } });
  } finally {
    delete process.env.MODELS_MANIFEST;
  }
  // What deploy.yml does with the pipeline's site-models artifact.
  cpSync(join(FIXTURE_MODELS, FIXTURE_REPOS.clip), join(OUT, 'models', FIXTURE_REPOS.clip), { recursive: true });
  site = await startStaticServer({ root: OUT, basePath: BASE_PATH, isolationHeaders: true });
});

test.afterAll(async () => site?.close());

test('the published CLIP default loads from models/ beside the site, under the sub-path', async ({ page }) => {
  await page.goto(site.url);
  const row = page.getByRole('article', { name: 'CLIP' });
  await expect(row).toContainText(`${FIXTURE_REPOS.clip} @ 0123456789ab`);
  await row.getByRole('button', { name: 'Load CLIP', exact: true }).click();
  await expect(page.getByRole('status', { name: 'CLIP status' })).toContainText('Loaded on');
  const modelRequests = site.requests.filter((path) => path.includes('/models/'));
  expect(modelRequests.length).toBeGreaterThan(0);
  expect(modelRequests.every((path) => path.startsWith(`${BASE_PATH}models/${FIXTURE_REPOS.clip}/`))).toBe(true);
  await page.getByRole('button', { name: 'Add sample: Cat' }).click();
  await page.getByRole('button', { name: 'Classify', exact: true }).click();
  await expect(page.getByRole('list', { name: 'CLIP labels for cat.jpg' })).toBeVisible();
});

// issue 17 item 2: the published default's dtype follows the backend (src/shared/dtype-defaults.ts).
test('@webgpu the published default loads q8 on WASM and, forced onto SwiftShader (no shader-f16), fp32', async ({ page }) => {
  await page.goto(site.url);
  await expect(page.getByRole('status', { name: /^Backend: WASM .* software GPU skipped/ })).toBeVisible();
  const precision = page.getByLabel('CLIP precision');
  await expect(precision).toHaveValue('q8');
  await chooseDevice(page, 'webgpu');
  await expect(precision).toHaveValue('fp32');
  await page.getByRole('article', { name: 'CLIP' }).getByRole('button', { name: 'Load CLIP', exact: true }).click();
  await expect(page.getByRole('status', { name: 'CLIP status' })).toContainText('Loaded on WebGPU', { timeout: 120_000 });
  // The model cache holds what was downloaded (the panel only asks the sizes of the q8 files it showed first).
  const graphs = (await cachedEntries(page)).map((entry) => entry.url.split('/').pop()).filter((name) => name?.endsWith('.onnx'));
  expect(graphs.sort()).toEqual(['text_model.onnx', 'vision_model.onnx']);
});
