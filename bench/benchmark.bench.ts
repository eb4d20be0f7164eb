/**
 * The benchmark (bench/README.md): browser (the app's worker in headless Chromium), onnxruntime-node
 * and PyTorch on the same model files and thread counts, then the report. Serial: each part writes
 * its JSON under bench/cache/; the last test merges them into bench/results/latest.json and
 * docs/benchmarks.md (smoke mode: bench/cache/smoke/ only).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { chromium, test, type BrowserContext } from '@playwright/test';
import { startFakeHub, type FakeHub } from '../e2e/servers/fake-hub';
import { runBrowserConfig, type BrowserRun } from './harness/browser-suite';
import { callPage } from './harness/page-api';
import { runPeer } from './harness/peer-suite';
import { readPart, writePart } from './harness/parts';
import { writeReport, type BrowserPart } from './harness/write-report';
import type { NativeRun, PeerRun } from './harness/report';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from '../e2e/support/chromium-args';
import {
  benchInputs,
  BLIP_IMAGE_BATCHES,
  CACHE_DIR,
  CLIP_IMAGE_BATCHES,
  DIST_DIR,
  imageSize,
  ITM_RERANK,
  PARTS_DIR,
  PLAN,
  ROOT,
} from './harness/settings';
import { startStaticServer, type RunningServer } from '../e2e/servers/static-server';

test.describe.configure({ mode: 'serial' });

let site: RunningServer;
let hub: FakeHub;

test.beforeAll(async () => {
  // One origin for both thread settings, so they share one model cache (Cache Storage is per origin).
  // COEP on everything, COOP only on a page opened with `?isolated=1`: that page (and its worker) is
  // cross-origin isolated and ORT gets min(4, cores) threads; the other runs one thread, exactly what
  // a browser without isolation gets.
  site = await startStaticServer({
    root: DIST_DIR,
    basePath: '/',
    isolationHeaders: false,
    headersFor: (url) => ({
      'Cross-Origin-Embedder-Policy': 'require-corp',
      'Cross-Origin-Resource-Policy': 'same-origin',
      ...(url.searchParams.get('isolated') === '1' ? { 'Cross-Origin-Opener-Policy': 'same-origin' } : {}),
    }),
  });
  hub = await startFakeHub(PLAN.modelsRoot);
});

test.afterAll(async () => {
  await site?.close();
  await hub?.close();
});

const started = Date.now();
const log = (line: string) => console.log(`[${Math.round((Date.now() - started) / 1000)} s] ${line}`);

/** A persistent context: disk-backed storage, as a real profile has (the fp32 models overflow an in-memory one's quota). */
async function launchProfile(name: string, args: string[]): Promise<{ context: BrowserContext; profileDir: string }> {
  const profileDir = join(CACHE_DIR, 'profiles', name);
  rmSync(profileDir, { recursive: true, force: true });
  const context = await chromium.launchPersistentContext(profileDir, { executablePath: CHROMIUM_EXECUTABLE, args });
  return { context, profileDir };
}

test('browser: WASM, 1 thread and cross-origin isolated (2 threads on 2 cores)', async () => {
  writePart('meta', { loadAverageAtStart: readLoadAverage() });
  const runs: BrowserRun[] = [];
  const peers: PeerRun[] = [];
  for (const dtype of PLAN.dtypes) {
    // One profile per dtype: both isolation settings share its model cache (same origin).
    const { context, profileDir } = await launchProfile(`wasm-${dtype}`, CHROMIUM_ARGS);
    try {
      writePart('meta', {
        loadAverageAtStart: readPart<{ loadAverageAtStart: number[] }>('meta')?.loadAverageAtStart,
        browserVersion: context.browser()?.version() ?? chromiumVersion(),
      });
      for (const isolated of [false, true]) {
        log(`browser WASM ${dtype}, ${isolated ? 'cross-origin isolated' : 'not isolated (1 thread)'}`);
        const memoryRuns = isolated && (dtype === 'q8' || PLAN.mode === 'smoke') ? PLAN.memoryRuns : 0;
        const allLoaded = dtype === 'q8' || PLAN.mode === 'smoke';
        runs.push(await runBrowserConfig(context, profileDir, site.url, hub.url, { dtype, device: 'wasm', isolated, memoryRuns, allLoaded }, log));
        // transformers.js on the same q8 files (issue 17 §6); the smoke run's fixtures have fp32 only.
        if (dtype === 'q8' || PLAN.mode === 'smoke') peers.push(await runPeer(context, site.url, hub.url, { dtype, isolated }, log));
      }
    } finally {
      await context.close();
      rmSync(profileDir, { recursive: true, force: true });
    }
  }
  writePart('browser-wasm', { runs } satisfies BrowserPart);
  writePart('peer', { runs: peers });
});

/** Real WebGPU only: a software adapter (SwiftShader, llvmpipe) is reported and skipped unless BENCH_SOFTWARE_WEBGPU=1. */
test('browser: WebGPU when the adapter is a real GPU', async () => {
  const args = [
    ...CHROMIUM_ARGS,
    '--enable-unsafe-webgpu',
    '--enable-features=Vulkan',
    ...(process.env.BENCH_WEBGPU_ARGS ?? '').split(/\s+/).filter(Boolean),
  ];
  const { context, profileDir } = await launchProfile('webgpu', args);
  try {
    const page = await context.newPage();
    await page.goto(`${site.url}bench.html?isolated=1`);
    await page.waitForFunction(() => 'bench' in window);
    const caps = await callPage(page, 'probe');
    await page.close();
    const adapter = caps.webgpu.adapter ?? '';
    const software = caps.webgpu.software === true;
    if (!caps.webgpu.available || (software && process.env.BENCH_SOFTWARE_WEBGPU !== '1')) {
      const reason = caps.webgpu.available ? `software adapter (${adapter}): not a GPU measurement, skipped` : (caps.webgpu.reason ?? 'no WebGPU adapter');
      log(`browser WebGPU: ${reason}`);
      writePart('browser-webgpu', { runs: [], skipped: reason, adapter, software, preferredBackend: caps.preferredBackend } satisfies BrowserPart);
      return;
    }
    log(`browser WebGPU fp32 on ${adapter}${software ? ' (software)' : ''}`);
    const run = await runBrowserConfig(
      context,
      profileDir,
      site.url,
      hub.url,
      { dtype: 'fp32', device: 'webgpu', isolated: true, memoryRuns: 0, allLoaded: false },
      log,
    );
    writePart('browser-webgpu', { runs: [{ ...run, software }], adapter, software, preferredBackend: caps.preferredBackend } satisfies BrowserPart);
  } finally {
    await context.close();
    rmSync(profileDir, { recursive: true, force: true });
  }
});

/** The thread counts the browser runs got (the native runs mirror them). */
function threadCounts(): number[] {
  const counts = readPart<BrowserPart>('browser-wasm')?.runs.map((run) => run.threads) ?? [1, Math.min(4, cpus().length)];
  return [...new Set(counts)].sort((a, b) => a - b);
}

function baselineConfig(threads: number, dtype: string): Record<string, unknown> {
  return {
    mode: PLAN.mode,
    modelsRoot: PLAN.modelsRoot,
    repos: PLAN.repos,
    torchCache: join(CACHE_DIR, PLAN.mode === 'smoke' ? 'torch-smoke' : 'torch'),
    dtype,
    threads,
    warmup: PLAN.warmup,
    runs: PLAN.runs,
    createRuns: PLAN.createRuns,
    captionTokens: PLAN.captionTokens,
    beams: PLAN.beams,
    vqaTokens: PLAN.vqaTokens,
    gallery: PLAN.gallery,
    clipImageBatches: CLIP_IMAGE_BATCHES,
    blipImageBatches: BLIP_IMAGE_BATCHES,
    itmRerank: ITM_RERANK,
    sizes: { clip: imageSize('clip'), caption: imageSize('caption'), vqa: imageSize('vqa'), itm: imageSize('itm') },
    inputs: benchInputs(),
  };
}

/** Runs one baseline process (its own process, so its threads and memory are its own). */
function runBaseline(name: string, command: string, script: string, config: Record<string, unknown>, env: NodeJS.ProcessEnv = process.env): NativeRun {
  const dir = join(PARTS_DIR, 'baselines');
  mkdirSync(dir, { recursive: true });
  const input = join(dir, `${name}.config.json`);
  const output = join(dir, `${name}.json`);
  writeFileSync(input, JSON.stringify(config));
  log(`${name}: ${command} ${script}`);
  const start = loadavg()[0] ?? 0;
  const result = spawnSync(command, [script, input, output], { cwd: ROOT, env, stdio: 'inherit', timeout: 40 * 60_000 });
  if (result.status !== 0) throw new Error(`${name} failed (exit ${result.status ?? result.signal})`);
  return { ...(JSON.parse(readFileSync(output, 'utf8')) as NativeRun), loadAverage: { start, end: loadavg()[0] ?? 0 } };
}

test('onnxruntime-node: same files, same intra-op thread counts', () => {
  const runs = PLAN.dtypes.flatMap((dtype) =>
    threadCounts().map((threads) =>
      runBaseline(`ort-node-${dtype}-${threads}t`, process.execPath, 'bench/native/ort-node.mjs', baselineConfig(threads, dtype)),
    ),
  );
  writePart('onnxruntime-node', { runs });
});

test('runtime floor: onnxruntime-web WASM in Node, the same graphs and inputs, 1 thread', () => {
  const runs = PLAN.dtypes.map((dtype) =>
    runBaseline(`ort-web-floor-${dtype}-1t`, process.execPath, 'bench/native/ort-node.mjs', baselineConfig(1, dtype), {
      ...process.env,
      BENCH_ORT: 'web',
    }),
  );
  writePart('runtime-floor', { runs });
});

test('PyTorch + transformers: same random weights (fp32), same torch threads', () => {
  const runs = threadCounts().map((threads) =>
    runBaseline(`pytorch-${threads}t`, 'python3', 'bench/pytorch/torch_bench.py', baselineConfig(threads, 'fp32')),
  );
  writePart('pytorch', { runs });
});

test('report: bench/results/latest.json and docs/benchmarks.md', () => {
  const path = writeReport();
  log(`report: ${path}`);
});

function chromiumVersion(): string {
  return spawnSync(CHROMIUM_EXECUTABLE, ['--version'], { encoding: 'utf8' }).stdout.trim();
}

function readLoadAverage(): number[] {
  return loadavg().map((value) => Math.round(value * 100) / 100);
}
