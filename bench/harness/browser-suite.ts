/**
 * One browser configuration (backend, dtype, isolation → threads) measured through the bench page:
 * loads, the inference metrics (warm-up, then `runs` measured runs on fresh inputs), worker memory
 * at checkpoints and over `memoryRuns` further runs, main-thread long tasks, and session creation.
 */
import { loadavg } from 'node:os';
import type { BrowserContext, Page } from '@playwright/test';
import {
  callPage,
  type BenchModels,
  type Method,
  type PageBench,
  type BlipRunSummary,
  type Capabilities,
  type LoadSummary,
  type LongTaskSummary,
  type Task,
} from './page-api';
import { benchInputs, BLIP_IMAGE_BATCHES, CLIP_IMAGE_BATCHES, imageSize, ITM_GALLERY, ITM_RERANK, PLAN } from './settings';
import { median, stat, type Stat } from './stats';
import { WorkerMemory, type MemorySnapshot, type ProcessMemory } from './worker-memory';

export const TASKS: readonly Task[] = ['clip', 'caption', 'vqa'];

/** Images in the batch of the batch-independence check (the app's CLIP image batch). */
const BATCH_CHECK_IMAGES = 8;

export interface BrowserConfig {
  dtype: BenchModels['dtype'];
  device: BenchModels['device'];
  /** Serve the page cross-origin isolated (ORT gets min(4, cores) threads) or not (1 thread). */
  isolated: boolean;
  memoryRuns: number;
  /**
   * Load all three models before measuring (the memory target's setting). fp32 cannot: the three
   * fp32 models need more than WebAssembly's 4 GB, so each is loaded, measured and unloaded in turn.
   */
  allLoaded: boolean;
}

export interface MemoryReport {
  /** All three models loaded, before any inference (only when they are loaded together). */
  afterLoad?: MemorySnapshot;
  afterMetrics: MemorySnapshot;
  afterMemoryRuns?: MemorySnapshot;
  memoryRuns: number;
  /** afterMemoryRuns.total / afterMetrics.total − 1. */
  drift?: number;
  /** Largest JS heap seen by sampling after every request. */
  jsHeapPeakBytes: number;
  renderer?: ProcessMemory;
  /** Total worker memory after each memory run (JS heap sampled + last snapshot's WASM and buffers). */
  trace: number[];
}

export interface BrowserRun {
  runtime: 'browser-wasm' | 'browser-webgpu';
  dtype: BenchModels['dtype'];
  threads: number;
  crossOriginIsolated: boolean;
  allLoaded: boolean;
  adapter?: string;
  software?: boolean;
  capabilities: Capabilities;
  loads: Record<Task, LoadSummary>;
  metrics: Record<string, Stat>;
  memory: MemoryReport;
  longTasks: { loading: LongTaskSummary; inference: LongTaskSummary };
  consoleErrors: string[];
  /** Result checks (not times): CLIP's max |Δ cosine| of one image alone vs in a batch (issue 17 §3). */
  checks?: { clipBatchMaxAbs: number };
  /** 1-minute load average when the configuration started and ended: other work on the machine skews timings. */
  loadAverage: { start: number; end: number };
}

/** `context` is a persistent context (disk-backed storage: the fp32 models exceed an in-memory profile's quota) made in `profileDir`. */
export async function runBrowserConfig(
  context: BrowserContext,
  profileDir: string,
  siteUrl: string,
  hubUrl: string,
  config: BrowserConfig,
  log: (line: string) => void,
): Promise<BrowserRun> {
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(`pageerror: ${error.message}`));
  try {
    await page.goto(`${siteUrl}bench.html${config.isolated ? '?isolated=1' : ''}`);
    await page.waitForFunction(() => 'bench' in window);
    await callPage(page, 'configure', { hubUrl, repos: PLAN.repos, dtype: config.dtype, device: config.device });
    const capabilities = await callPage(page, 'probe');
    if (capabilities.crossOriginIsolated !== config.isolated) {
      throw new Error(`Expected crossOriginIsolated=${config.isolated}, the worker reports ${capabilities.crossOriginIsolated}.`);
    }
    const memory = await WorkerMemory.attach(context, page, profileDir);
    try {
      return await measure(page, memory, config, capabilities, consoleErrors, log);
    } finally {
      await memory.detach();
    }
  } finally {
    await page.close();
  }
}

async function measure(
  page: Page,
  memory: WorkerMemory,
  config: BrowserConfig,
  capabilities: Capabilities,
  consoleErrors: string[],
  log: (line: string) => void,
): Promise<BrowserRun> {
  const loadAtStart = loadavg()[0] ?? 0;
  let jsHeapPeak = 0;
  const sample = async () => {
    jsHeapPeak = Math.max(jsHeapPeak, (await memory.heapUsage()).jsHeapUsedBytes);
  };
  const metrics: Record<string, Stat> = {};
  const loads = {} as Record<Task, LoadSummary>;
  const load = async (task: Task) => {
    const summary = await callPage(page, 'load', task);
    await sample();
    log(`  load ${task}: download ${summary.downloadMs.toFixed(0)} ms, create ${summary.createMs.toFixed(0)} ms, ${summary.backend}/${summary.threads}`);
    return summary;
  };
  const runs = new MetricRuns(page, sample, log);

  // Loading and inference are timed apart for long tasks: page.evaluate calls are the only other main-thread work.
  await callPage(page, 'startLongTasks');
  let afterLoad: MemorySnapshot | undefined;
  if (config.allLoaded) {
    for (const task of TASKS) loads[task] = await load(task);
    afterLoad = await memory.snapshot();
    log(
      `  memory, all three loaded: ${mb(afterLoad.totalBytes)} (WASM ${mb(afterLoad.wasmMemoryBytes)}, other buffers ${mb(afterLoad.otherArrayBufferBytes)}, JS heap ${mb(afterLoad.jsHeapUsedBytes)})`,
    );
  }
  const loading = await callPage(page, 'longTasks');
  const inferenceParts: LongTaskSummary[] = [];
  for (const task of TASKS) {
    if (!config.allLoaded) {
      await callPage(page, 'startLongTasks');
      loads[task] = await load(task);
      loading.count += (await callPage(page, 'longTasks')).count;
    }
    await callPage(page, 'startLongTasks');
    Object.assign(metrics, await runs.forTask(task));
    inferenceParts.push(await callPage(page, 'longTasks'));
    if (!config.allLoaded) await callPage(page, 'unload', task);
  }
  // BLIP retrieval is measured on its own (loaded, measured, unloaded), so the memory checkpoints stay those of the three app models.
  await callPage(page, 'startLongTasks');
  loads.itm = await load('itm');
  Object.assign(metrics, await runs.itm());
  inferenceParts.push(await callPage(page, 'longTasks'));
  await callPage(page, 'unload', 'itm');
  const afterMetrics = await memory.snapshot();

  const trace: number[] = [];
  let afterMemoryRuns: MemorySnapshot | undefined;
  if (config.memoryRuns > 0) {
    await callPage(page, 'startLongTasks');
    for (let run = 0; run < config.memoryRuns; run++) {
      await runs.mixed(run);
      const heap = await memory.heapUsage();
      jsHeapPeak = Math.max(jsHeapPeak, heap.jsHeapUsedBytes);
      trace.push(heap.jsHeapUsedBytes + afterMetrics.wasmMemoryBytes + afterMetrics.otherArrayBufferBytes + afterMetrics.wasmCodeBytes);
      if ((run + 1) % 10 === 0) log(`  memory run ${run + 1}/${config.memoryRuns}`);
    }
    inferenceParts.push(await callPage(page, 'longTasks'));
    afterMemoryRuns = await memory.snapshot();
  }
  const renderer = memory.renderer();

  for (const task of TASKS) {
    const created: number[] = [];
    const reloaded: number[] = [];
    for (let run = 0; run < PLAN.createRuns; run++) {
      if (config.allLoaded || run > 0) await callPage(page, 'unload', task);
      const reload = await callPage(page, 'load', task);
      created.push(reload.createMs);
      reloaded.push(reload.totalMs);
    }
    // Issue 17 §7: a reload from the Cache API, files and sessions: the ≤ 0.5 s target (runtime-floor.ts, issue-targets.ts).
    metrics[`load.${task}.cached`] = stat(reloaded);
    if (!config.allLoaded) await callPage(page, 'unload', task);
    metrics[`create.${task}`] = stat(created);
    metrics[`create.${task}.cold`] = stat([loads[task].createMs]);
    log(`  session creation ${task}: median ${metrics[`create.${task}`]?.median.toFixed(0)} ms`);
  }

  const report: MemoryReport = {
    ...(afterLoad ? { afterLoad } : {}),
    afterMetrics,
    memoryRuns: config.memoryRuns,
    jsHeapPeakBytes: jsHeapPeak,
    trace,
    ...(renderer ? { renderer } : {}),
    ...(afterMemoryRuns ? { afterMemoryRuns, drift: afterMemoryRuns.totalBytes / afterMetrics.totalBytes - 1 } : {}),
  };
  return {
    runtime: config.device === 'webgpu' ? 'browser-webgpu' : 'browser-wasm',
    dtype: config.dtype,
    threads: loads.clip.threads,
    crossOriginIsolated: capabilities.crossOriginIsolated,
    allLoaded: config.allLoaded,
    ...(capabilities.webgpu.adapter ? { adapter: capabilities.webgpu.adapter } : {}),
    capabilities,
    loads,
    metrics,
    memory: report,
    longTasks: { loading, inference: mergeLongTasks(inferenceParts) },
    consoleErrors,
    ...(runs.clipBatchMaxAbs === undefined ? {} : { checks: { clipBatchMaxAbs: runs.clipBatchMaxAbs } }),
    loadAverage: { start: loadAtStart, end: loadavg()[0] ?? 0 },
  };
}

/** The measured operations of one configuration, on fresh inputs (new seeds, new texts) every run. */
class MetricRuns {
  private seed = 1;
  /** Set by the CLIP metrics: max |Δ cosine| of an image alone vs in a batch. */
  clipBatchMaxAbs: number | undefined;
  private readonly inputs = benchInputs();
  private readonly sizes = { clip: imageSize('clip'), caption: imageSize('caption'), vqa: imageSize('vqa'), itm: imageSize('itm') };

  constructor(
    private readonly page: Page,
    private readonly sample: () => Promise<void>,
    private readonly log: (line: string) => void,
  ) {}

  async forTask(task: Task): Promise<Record<string, Stat>> {
    if (task === 'clip') return this.clip();
    if (task === 'caption') return this.caption();
    return this.vqa();
  }

  /** One of the further runs over which memory must stay flat: caption, VQA, or classify + search. */
  async mixed(run: number): Promise<void> {
    const at = PLAN.warmup + PLAN.runs + run;
    const kind = run % 3;
    if (kind === 0) await this.captionRun('greedy', PLAN.captionTokens, 1);
    else if (kind === 1) await this.answerRun(at);
    else {
      await this.call('classify', this.seed++, 1, this.sizes.clip, this.inputs.labelSets[at] as string[]);
      await this.call('search', this.seed++, PLAN.gallery, this.sizes.clip, this.inputs.queries[at] as string);
    }
  }

  private async clip(): Promise<Record<string, Stat>> {
    const { labelSets, queries } = this.inputs;
    const size = this.sizes.clip;
    const fixed = labelSets[0] as string[];
    const image = await this.repeat('clip image', async () =>
      check(await this.call('classify', this.seed++, 1, size, fixed), (r) => r.imagesEncoded === 1, 'one image encoded'),
    );
    const text = await this.repeat('clip text', async (i) =>
      check(
        await this.call('classify', this.seed++, 1, size, labelSets[1 + i] as string[]),
        (r) => r.textsEncoded === PLAN.labels,
        `${PLAN.labels} texts encoded`,
      ),
    );
    const search = await this.repeat('clip search', async (i) =>
      check(
        await this.call('search', this.seed++, PLAN.gallery, size, queries[i] as string),
        (r) => r.imagesEncoded === PLAN.gallery && r.textsEncoded === 1,
        `${PLAN.gallery} images encoded`,
      ),
    );
    const batched: Record<string, Stat> = {};
    for (const count of CLIP_IMAGE_BATCHES) {
      const runs = await this.repeat(`clip ${count} images`, async (i) =>
        check(await this.call('search', this.seed++, count, size, queries[i] as string), (r) => r.imagesEncoded === count, `${count} images encoded`),
      );
      batched[`clip.images${count}`] = stat(runs.map((r) => r.imageMs));
    }
    const deltas = await this.repeat('clip batch independence', (i) =>
      this.call('clipBatchDelta', this.seed++, BATCH_CHECK_IMAGES, size, queries[i] as string),
    );
    this.clipBatchMaxAbs = Math.max(...deltas);
    if (!Number.isFinite(this.clipBatchMaxAbs)) throw new Error(`The batch check found no cosine for its image: ${deltas.join(', ')}`);
    return {
      'clip.image': stat(image.map((r) => r.imageMs)),
      'clip.text8': stat(text.map((r) => r.textMs)),
      // Fresh image and 8 fresh labels: the whole zero-shot request, transformers.js's peer row.
      'clip.classify8': stat(text.map((r) => r.totalMs)),
      'clip.search32': stat(search.map((r) => r.totalMs)),
      ...batched,
    };
  }

  /**
   * BLIP retrieval: per-label ITC text embedding and per-(image, label) ITM from `itm:score` (fresh image,
   * fresh labels; the worker times the two towers apart), and the ITM re-ranking of a top-10 from `itm:search`.
   */
  async itm(): Promise<Record<string, Stat>> {
    const { labelSets, queries } = this.inputs;
    const size = this.sizes.itm;
    const scored = await this.repeat('itm score', async (i) =>
      check(
        await this.call('itmScore', this.seed++, size, labelSets[1 + i] as string[]),
        (r) => r.cachedImages === 0 && r.itmPairs === PLAN.labels,
        `${PLAN.labels} labels scored on a fresh image`,
      ),
    );
    const reranked = await this.repeat('itm rerank', async (i) =>
      check(
        await this.call('itmSearch', this.seed++, ITM_GALLERY, size, queries[i] as string, ITM_RERANK),
        (r) => r.cachedImages === 0 && r.itmPairs === ITM_RERANK,
        `top ${ITM_RERANK} of ${ITM_GALLERY} fresh images re-ranked`,
      ),
    );
    return {
      'itm.itc_label': stat(scored.map((r) => r.itcMs / r.itmPairs)),
      'itm.itm_pair': stat(scored.map((r) => r.itmMs / r.itmPairs)),
      'itm.rerank10': stat(reranked.map((r) => r.itmMs)),
    };
  }

  private async caption(): Promise<Record<string, Stat>> {
    const greedy = await this.repeat('caption greedy', () => this.captionRun('greedy', PLAN.captionTokens, 1));
    const beam = await this.repeat('caption beam', () => this.captionRun('beam', PLAN.captionTokens, PLAN.beams));
    // Maps on and off side by side: every repeat runs both, in alternating order, each on a fresh image.
    const paired = await this.repeat('caption greedy, attention maps on/off', async (i) => {
      const first = await this.captionRun('greedy', PLAN.captionTokens, 1, i % 2 === 0);
      const second = await this.captionRun('greedy', PLAN.captionTokens, 1, i % 2 !== 0);
      return i % 2 === 0 ? { on: first, off: second } : { on: second, off: first };
    });
    // Rows only when the export has cross_attentions.* (tools/export --attention-maps); others return no maps.
    const maps: Record<string, Stat> = paired.every(({ on }) => on.attentionMaps)
      ? {
          'caption.maps.step': stat(paired.map(({ on }) => median(on.stepMs.slice(1)))),
          'caption.maps.offStep': stat(paired.map(({ off }) => median(off.stepMs.slice(1)))),
        }
      : {};
    const batched: Record<string, Stat> = {};
    for (const count of BLIP_IMAGE_BATCHES) {
      const runs = await this.repeat(`blip vision ${count} images`, async () =>
        check(await this.call('blipEncode', this.seed++, count, this.sizes.caption), (r) => r.encoded === count, `${count} images encoded`),
      );
      batched[`blip.images${count}`] = stat(runs.map((r) => r.visionMs));
    }
    return {
      ...maps,
      ...batched,
      'blip.vision': stat(greedy.map((r) => r.visionMs)),
      'blip.preprocess': stat(greedy.map((r) => r.preprocessMs)),
      'caption.firstStep': stat(greedy.map((r) => r.stepMs[0] ?? Number.NaN)),
      'caption.step': stat(greedy.map((r) => median(r.stepMs.slice(1)))),
      'caption.total': stat(greedy.map((r) => r.totalMs)),
      'caption.beam3': stat(beam.map((r) => r.totalMs)),
    };
  }

  private async vqa(): Promise<Record<string, Stat>> {
    const runs = await this.repeat('vqa', (i) => this.answerRun(i));
    return { 'vqa.total': stat(runs.map((r) => r.totalMs)), 'vqa.question': stat(runs.map((r) => r.questionMs ?? Number.NaN)) };
  }

  private async captionRun(strategy: 'greedy' | 'beam', tokens: number, beams: number, maps = false): Promise<BlipRunSummary> {
    return checkBlip(await this.call('caption', this.seed++, this.sizes.caption, strategy, tokens, beams, maps), tokens);
  }

  private async answerRun(index: number): Promise<BlipRunSummary> {
    return checkBlip(await this.call('answer', this.seed++, this.sizes.vqa, this.inputs.questions[index] as string, PLAN.vqaTokens), PLAN.vqaTokens);
  }

  private call<M extends Method>(method: M, ...args: Parameters<PageBench[M]>): Promise<Awaited<ReturnType<PageBench[M]>>> {
    return callPage(this.page, method, ...args);
  }

  /** Warm-up, then PLAN.runs measured runs; the JS heap is sampled after each. */
  private async repeat<T>(name: string, run: (index: number) => Promise<T>): Promise<T[]> {
    const results: T[] = [];
    for (let index = 0; index < PLAN.warmup + PLAN.runs; index++) {
      const result = await run(index);
      await this.sample();
      if (index >= PLAN.warmup) results.push(result);
    }
    this.log(`  ${name}: done`);
    return results;
  }
}

function mergeLongTasks(parts: readonly LongTaskSummary[]): LongTaskSummary {
  return {
    supported: parts.every((part) => part.supported),
    count: parts.reduce((sum, part) => sum + part.count, 0),
    maxMs: Math.max(0, ...parts.map((part) => part.maxMs)),
    totalMs: parts.reduce((sum, part) => sum + part.totalMs, 0),
    entries: parts.flatMap((part) => part.entries).slice(0, 20),
  };
}

function check<T>(value: T, ok: (value: T) => boolean, what: string): T {
  if (!ok(value)) throw new Error(`Benchmark precondition failed (${what}): ${JSON.stringify(value)}`);
  return value;
}

function checkBlip(run: BlipRunSummary, tokens: number): BlipRunSummary {
  return check(run, (r) => r.newTokens === tokens && !r.visionCached && r.stepMs.length === tokens, `${tokens} new tokens from a fresh image`);
}

export function mb(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(0)} MiB`;
}
