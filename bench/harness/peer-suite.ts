/**
 * The transformers.js peer (issue 17 §6): CLIP through transformers.js's own classes in a worker of
 * the bench page, on the same files from the same host, with the thread count the app's worker got in
 * a page of the same isolation. First a parity check against the app (same image, same prompts), then
 * the timed rows on fresh inputs: image embedding, 8 label embeddings, a whole zero-shot classification.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { callPage } from './page-api';
import type { PeerRun } from './report';
import { benchInputs, imageSize, PLAN } from './settings';
import { stat } from './stats';

/** Far from the app's own seeds, so the parity image is no cache hit of a measured run. */
const PARITY_SEED = 900_001;

export async function runPeer(
  context: BrowserContext,
  siteUrl: string,
  hubUrl: string,
  config: { dtype: PeerRun['dtype']; isolated: boolean },
  log: (line: string) => void,
): Promise<PeerRun> {
  const page = await context.newPage();
  try {
    await page.goto(`${siteUrl}bench.html${config.isolated ? '?isolated=1' : ''}`);
    await page.waitForFunction(() => 'bench' in window);
    await callPage(page, 'configure', { hubUrl, repos: PLAN.repos, dtype: config.dtype, device: 'wasm' });
    const threads = (await callPage(page, 'probe')).wasmThreads;
    const { createMs } = await callPage(page, 'peerLoad', { hubUrl, repo: PLAN.repos.clip, dtype: config.dtype, threads });
    log(`  transformers.js ${config.dtype}, ${threads} thread(s): created in ${createMs.toFixed(0)} ms`);
    const cosine = await parity(page);
    log(`  transformers.js parity: max |Δ cosine| ${cosine.toExponential(1)}`);
    return { runtime: 'transformers.js', dtype: config.dtype, threads, metrics: await timed(page), maxAbsDiff: { cosine } };
  } finally {
    await page.close();
  }
}

/** Max |Δ| of the image–label cosines: the app's classify against transformers.js, each label alone (q8 is batch-dependent). */
async function parity(page: Page): Promise<number> {
  const size = imageSize('clip');
  const labels = benchInputs().labelSets[0] as string[];
  await callPage(page, 'load', 'clip');
  const ours = await callPage(page, 'clipScores', PARITY_SEED, size, labels);
  await callPage(page, 'unload', 'clip');
  const [image] = (await callPage(page, 'peerImage', PARITY_SEED, size)).embeddings;
  if (!image || ours.length !== labels.length) throw new Error(`Peer parity: ${ours.length} app scores for ${labels.length} labels.`);
  let worst = 0;
  for (const { text, cosine } of ours) {
    const [label] = (await callPage(page, 'peerTexts', [text])).embeddings;
    const theirs = (label ?? []).reduce((sum, value, index) => sum + value * (image[index] ?? Number.NaN), 0);
    worst = Math.max(worst, Math.abs(theirs - cosine));
  }
  if (!Number.isFinite(worst)) throw new Error('Peer parity: a cosine is not a number.');
  return worst;
}

async function timed(page: Page): Promise<PeerRun['metrics']> {
  const size = imageSize('clip');
  const { labelSets, template } = benchInputs();
  const prompts = (index: number) => (labelSets[1 + index] as string[]).map((label) => template.replace('{}', label));
  let seed = PARITY_SEED + 1;
  const repeat = async (run: (index: number) => Promise<{ ms: number }>) => {
    const samples: number[] = [];
    for (let index = 0; index < PLAN.warmup + PLAN.runs; index++) {
      const { ms } = await run(index);
      if (index >= PLAN.warmup) samples.push(ms);
    }
    return stat(samples);
  };
  return {
    'clip.image': await repeat(() => callPage(page, 'peerImage', seed++, size)),
    'clip.text8': await repeat((index) => callPage(page, 'peerTexts', prompts(index))),
    'clip.classify8': await repeat((index) => callPage(page, 'peerClassify', seed++, size, prompts(index))),
  };
}
