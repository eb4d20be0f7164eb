#!/usr/bin/env node
/**
 * npm run bench [-- --smoke] [-- <playwright args, e.g. --grep onnxruntime>]
 *
 * 1. builds (or reuses, bench/cache/models) the full-size random models with tools/ (not in --smoke);
 * 2. builds the app with its bench page into bench/cache/dist;
 * 3. runs bench/benchmark.bench.ts with Playwright (bench/playwright.bench.config.ts).
 * Exits non-zero when any step fails. See bench/README.md.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const passThrough = args.filter((arg) => arg !== '--smoke');
const started = Date.now();

const MODELS = {
  'openai-shaped/clip-vit-base-patch32-random': ['text_model', 'vision_model'],
  'salesforce-shaped/blip-image-captioning-base-random': ['vision_model', 'text_decoder_model_merged'],
  'salesforce-shaped/blip-vqa-base-random': ['vision_model', 'text_encoder_model', 'text_decoder_model_merged'],
};
/** BLIP retrieval (issue 15), built on its own so that a cache made before it only adds this model. */
const ITM_MODELS = { 'salesforce-shaped/blip-itm-base-coco-random': ['vision_model', 'text_model', 'itm_model'] };

function run(command, commandArgs, env = {}) {
  console.log(`$ ${command} ${commandArgs.join(' ')}`);
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) {
    console.error(`bench: "${command} ${commandArgs.join(' ')}" failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status || 1);
  }
}

function missingModels(models) {
  const modelsRoot = join(root, 'bench/cache/models');
  return Object.entries(models)
    .flatMap(([repo, graphs]) => graphs.flatMap((graph) => ['', '_quantized'].map((suffix) => join(modelsRoot, repo, 'onnx', `${graph}${suffix}.onnx`))))
    .filter((file) => !existsSync(file));
}

if (!smoke) {
  const missing = missingModels(MODELS);
  if (missing.length > 0) {
    console.log(`bench: building the full-size random models (about 11 minutes on 2 cores); missing: ${missing.length} files`);
    run('python3', ['-m', 'tools.fixtures', '--full-size', '--out', 'bench/cache/models']);
  } else {
    console.log('bench: reusing the full-size models in bench/cache/models');
  }
  const missingItm = missingModels(ITM_MODELS);
  if (missingItm.length > 0) {
    console.log(`bench: building the full-size random BLIP retrieval model; missing: ${missingItm.length} files`);
    run('python3', ['-m', 'tools.fixtures', '--full-size', '--only', 'itm', '--out', 'bench/cache/models']);
  }
}
if (passThrough.length === 0) {
  // A whole run starts from no parts, so the report never mixes in an older run's numbers.
  rmSync(join(root, smoke ? 'bench/cache/smoke' : 'bench/cache/parts'), { recursive: true, force: true });
}
run('npx', ['vite', 'build', '--outDir', 'bench/cache/dist', '--emptyOutDir', '--logLevel', 'warn'], { BASE_PATH: '/', BENCH_PAGE: '1' });
run('npx', ['playwright', 'test', '-c', 'bench/playwright.bench.config.ts', ...passThrough], {
  BENCH_MODE: smoke ? 'smoke' : 'full',
  BENCH_STARTED: String(started),
});
console.log(`bench: done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
