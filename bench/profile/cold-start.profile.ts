/**
 * Cold start and CLIP image time of the app in headless Chromium (WASM, 1 thread, q8 full-size CLIP from
 * bench/cache/models), for bench builds side by side: PROFILE_DISTS="before=/path/dist,after=bench/cache/dist"
 * (each a `BENCH_PAGE=1 vite build`). Rounds interleave the builds (A B A B …); every round starts a fresh
 * browser profile, so the first load compiles ORT's WebAssembly and downloads the files. Per build:
 *
 * - first load: download + session creation, the creation including ORT's WASM compile;
 * - clip.image: `clip:classify` of one fresh 224² image (labels cached), median of 5 after 1 warm-up;
 * - same-worker reload: `models:unload` + `models:load` (files from the Cache API, module compiled);
 * - page reload: a new page (new worker) loading from the Cache API: what a returning user waits for.
 *
 * Which ORT binaries each build fetched is logged from the requests, so a result names its build. A name
 * ending in `+cache` serves that build with `Cache-Control: max-age=31536000, immutable` on /assets/ (hashed
 * names), as a CDN would, instead of the test server's `no-cache`: it shows what the browser's code cache for
 * ORT's WebAssembly saves on a page reload.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, test, type BrowserContext, type Page } from '@playwright/test';
import { startFakeHub } from '../../e2e/servers/fake-hub';
import { startStaticServer, type RunningServer } from '../../e2e/servers/static-server';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from '../../e2e/support/chromium-args';
import { callPage, type LoadSummary } from '../harness/page-api';
import { median } from '../harness/stats';
import { CACHE_DIR, ROOT } from '../harness/settings';

const ROUNDS = Number(process.env.PROFILE_ROUNDS ?? 3);
const CLIP_REPO = 'openai-shaped/clip-vit-base-patch32-random';
const LABELS = ['a photo of a cat', 'a photo of a dog'];

interface Round {
  first: LoadSummary;
  imageMs: number;
  sameWorker: LoadSummary;
  pageReload: LoadSummary;
  binaries: string[];
}

function dists(): { name: string; root: string }[] {
  const spec = process.env.PROFILE_DISTS ?? `after=${join(CACHE_DIR, 'dist')}`;
  return spec.split(',').map((entry) => {
    const [name = '', root = ''] = entry.split('=');
    return { name, root: root.startsWith('/') ? root : join(ROOT, root) };
  });
}

async function openBench(context: BrowserContext, site: string, hubUrl: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${site}bench.html`);
  await page.waitForFunction(() => 'bench' in window);
  const repos = { clip: CLIP_REPO, caption: CLIP_REPO, vqa: CLIP_REPO, itm: CLIP_REPO };
  await callPage(page, 'configure', { hubUrl, repos, dtype: 'q8', device: 'wasm' });
  return page;
}

async function round(server: RunningServer, hubUrl: string, seed: number): Promise<Round> {
  const profile = mkdtempSync(join(tmpdir(), 'cold-start-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_EXECUTABLE, args: CHROMIUM_ARGS });
  const binaries = new Set<string>();
  context.on('request', (request) => {
    const name = new URL(request.url()).pathname.split('/').pop() ?? '';
    if (name.startsWith('ort-wasm')) binaries.add(name);
  });
  try {
    let page = await openBench(context, server.url, hubUrl);
    const first = await callPage(page, 'load', 'clip');
    const times: number[] = [];
    for (let run = 0; run < 6; run++) {
      const result = await callPage(page, 'classify', seed * 100 + run, 1, 224, LABELS);
      if (run > 0) times.push(result.imageMs);
    }
    await callPage(page, 'unload', 'clip');
    const sameWorker = await callPage(page, 'load', 'clip');
    await page.close();
    page = await openBench(context, server.url, hubUrl);
    const pageReload = await callPage(page, 'load', 'clip');
    return { first, imageMs: median(times), sameWorker, pageReload, binaries: [...binaries] };
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

test('cold start and CLIP image time, builds side by side', async () => {
  const hub = await startFakeHub(join(CACHE_DIR, 'models'));
  const builds = await Promise.all(
    dists().map(async ({ name, root }) => ({
      name,
      server: await startStaticServer({
        root,
        basePath: '/',
        isolationHeaders: false,
        headersFor: () => ({ 'Cross-Origin-Embedder-Policy': 'require-corp' }),
      }),
      rounds: [] as Round[],
    })),
  );
  try {
    for (let r = 0; r < ROUNDS; r++) {
      for (const build of builds) {
        const load = loadavg()[0]?.toFixed(2);
        const result = await round(build.server, hub.url, r + 1);
        build.rounds.push(result);
        console.log(`round ${r + 1} ${build.name} (load ${load}): ${JSON.stringify(result)}`);
      }
    }
    const summary = builds.map(({ name, rounds }) => {
      const med = (pick: (round: Round) => number) => Math.round(median(rounds.map(pick)));
      return {
        build: name,
        binaries: rounds[0]?.binaries.join(' '),
        'first load: create (incl. compile)': med((x) => x.first.createMs),
        'clip.image': med((x) => x.imageMs),
        'same-worker reload: total': med((x) => x.sameWorker.totalMs),
        'same-worker reload: create': med((x) => x.sameWorker.createMs),
        'page reload: total': med((x) => x.pageReload.totalMs),
        'page reload: create': med((x) => x.pageReload.createMs),
        'page reload: files from cache': med((x) => x.pageReload.downloadMs),
      };
    });
    console.log(
      `medians of ${ROUNDS} rounds, ms; load average now ${loadavg()
        .map((value) => value.toFixed(2))
        .join(' ')}`,
    );
    console.table(summary);
  } finally {
    await Promise.all(builds.map((build) => build.server.close()));
    await hub.close();
  }
});
