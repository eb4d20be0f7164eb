/**
 * Merges the parts into one result (bench/README.md documents the schema), computes the ratios
 * browser / onnxruntime-node and browser / PyTorch per metric and the issue's targets, and renders
 * the Markdown tables for docs/benchmarks.md.
 */
import type { BrowserRun } from './browser-suite';
import type { MachineInfo } from './machine';
import type { FloorRow } from './runtime-floor';
import type { Stat } from './stats';

export interface NativeRun {
  /** onnxruntime-web: its WASM build in Node, the runtime floor (runtime-floor.ts). */
  runtime: 'onnxruntime-node' | 'onnxruntime-web' | 'pytorch';
  dtype: 'fp32' | 'q8';
  threads: number;
  metrics: Record<string, Stat>;
  memory: { afterLoad: { rssBytes: number }; afterRuns: { rssBytes: number }; peakRssBytes: number };
  parityMaxAbs?: Record<string, number>;
  versions?: Record<string, string>;
  loadAverage?: { start: number; end: number };
}

/** transformers.js running CLIP with its own classes on the same files (issue 17 §6). */
export interface PeerRun {
  runtime: 'transformers.js';
  dtype: 'fp32' | 'q8';
  threads: number;
  metrics: Record<string, Stat>;
  /** Max |Δ| of image–label cosines, transformers.js against the app, same image and labels (each label encoded alone). */
  maxAbsDiff: { cosine: number };
}

export interface Meta {
  mode: 'full' | 'smoke';
  command: string;
  startedAt: string;
  finishedAt: string;
  durationS: number;
  machine: MachineInfo & { loadAverageAtEnd: number[] };
  browser: { name: string; version: string; executable: string };
  versions: Record<string, string>;
  models: Record<string, { repo: string; files: Record<string, number> }>;
  settings: Record<string, unknown>;
  webgpu: { adapter?: string; skipped?: string; software?: boolean; preferredBackend?: string };
}

export interface Ratio {
  metric: string;
  dtype: string;
  threads: number;
  runtime: BrowserRun['runtime'];
  browserMs: number;
  ortNodeMs?: number;
  pytorchMs?: number;
  browserOverOrtNode?: number;
  browserOverPytorch?: number;
}

export interface Target {
  id: string;
  description: string;
  value: string;
  met: boolean | null;
  /** For a target not met (or not measured): where its profile and explanation are written. */
  explained?: string;
}

export interface BenchResult {
  schema: 1;
  meta: Meta;
  browser: BrowserRun[];
  onnxruntimeNode: NativeRun[];
  pytorch: NativeRun[];
  ratios: Ratio[];
  targets: Target[];
  /** The app over the runtime floor (runtime-floor.ts); absent in results written before it existed. */
  runtimeFloor?: { runs: NativeRun[]; rows: FloorRow[] };
  /** transformers.js running CLIP with its own classes (issue 17 §6). */
  peer?: PeerRun[];
  /** The "Targets" table of issue 17 (issue-targets.ts). */
  issue17Targets?: Target[];
}

export const METRICS: Record<string, string> = {
  'clip.image': 'CLIP image embedding (batch 1)',
  'clip.text8': 'CLIP text embedding (8 labels)',
  'clip.search32': 'CLIP gallery search (32 images + query)',
  'clip.images4': 'CLIP 4 images (the app batches fp32, runs q8 one row a run; native: one batch of 4)',
  'clip.images8': 'CLIP 8 images (the app batches fp32, runs q8 one row a run; native: one batch of 8)',
  'blip.vision': 'BLIP vision encoding (384², fresh image)',
  'blip.images4': 'BLIP vision, 4 images (Caption all: the app batches fp32 by 4, runs q8 one row a run; native: one batch of 4)',
  'blip.images8': 'BLIP vision, 8 images (Caption all: the app batches fp32 by 4, runs q8 one row a run; native: one batch of 8)',
  'caption.firstStep': 'Caption: first decoder step',
  'caption.step': 'Caption: steady-state step (median of steps 2–20)',
  'caption.total': 'Caption: 20 tokens greedy, total',
  'caption.beam3': 'Caption: beam search, 3 beams × 20 tokens, total',
  'caption.maps.step': 'Caption with attention maps: steady-state step, the maps fetched on every step',
  'caption.maps.offStep': 'Caption without attention maps, same graph, run beside caption.maps.step: steady-state step',
  'vqa.total': 'VQA: 5 answer tokens, total',
  'vqa.question': 'VQA: question encoder',
  'itm.itc_label': 'BLIP retrieval: ITC text embedding, per label (8 labels a run)',
  'itm.itm_pair': 'BLIP retrieval: ITM, per (image, label) pair (8 pairs a run)',
  'itm.rerank10': 'BLIP retrieval: ITM re-ranking of a top-10 (10 passes, one a run)',
  'create.clip': 'Session creation: CLIP (2 sessions)',
  'create.caption': 'Session creation: BLIP caption (2 sessions)',
  'create.vqa': 'Session creation: BLIP VQA (3 sessions)',
};

/** The rows transformers.js runs (bench/harness/peer-suite.ts); the app's come from the same configuration. */
export const PEER_METRICS: Record<string, string> = {
  'clip.image': 'image embedding (batch 1)',
  'clip.text8': 'text embedding (8 labels)',
  'clip.classify8': 'zero-shot classification (1 image, 8 fresh labels)',
};

const MEMORY_LIMIT_BYTES = 1.5e9;

export function computeRatios(browser: BrowserRun[], native: NativeRun[], torch: NativeRun[]): Ratio[] {
  const maxNativeThreads = Math.max(0, ...native.map((run) => run.threads));
  return browser
    .filter((run) => !run.software)
    .flatMap((run) => {
      // WebGPU has no thread count: it is compared with the CPU baselines at their most threads.
      const threads = run.runtime === 'browser-webgpu' ? maxNativeThreads : run.threads;
      const ort = native.find((other) => other.dtype === run.dtype && other.threads === threads);
      const pt = torch.find((other) => other.threads === threads);
      return Object.keys(METRICS)
        .filter((metric) => run.metrics[metric])
        .map((metric): Ratio => {
          const browserMs = (run.metrics[metric] as Stat).median;
          const ortNodeMs = ort?.metrics[metric]?.median;
          const pytorchMs = pt?.metrics[metric]?.median;
          return {
            metric,
            dtype: run.dtype,
            threads: run.threads,
            runtime: run.runtime,
            browserMs,
            ...(ortNodeMs ? { ortNodeMs, browserOverOrtNode: round(browserMs / ortNodeMs) } : {}),
            ...(pytorchMs ? { pytorchMs, browserOverPytorch: round(browserMs / pytorchMs) } : {}),
          };
        });
    });
}

export function computeTargets(browser: BrowserRun[], ratios: Ratio[]): Target[] {
  const wasm = browser.filter((run) => run.runtime === 'browser-wasm');
  const maxThreads = Math.max(0, ...wasm.map((run) => run.threads));
  const q8Top = wasm.find((run) => run.dtype === 'q8' && run.threads === maxThreads);
  const targets: Target[] = [];
  for (const metric of ['clip.image', 'blip.vision', 'caption.step']) {
    const ratio = ratios.find(
      (entry) => entry.runtime === 'browser-wasm' && entry.dtype === 'q8' && entry.threads === maxThreads && entry.metric === metric,
    );
    targets.push({
      id: `wasm-vs-ort-node.${metric}`,
      description: `${METRICS[metric]}: browser WASM (${maxThreads} threads, q8) within 1.5× of onnxruntime-node`,
      value: ratio?.browserOverOrtNode === undefined ? 'not measured' : `${ratio.browserOverOrtNode.toFixed(2)}×`,
      met: ratio?.browserOverOrtNode === undefined ? null : ratio.browserOverOrtNode <= 1.5,
    });
  }
  for (const run of wasm.filter((entry) => entry.dtype === 'q8')) {
    const ratio = ratios.find(
      (entry) => entry.runtime === run.runtime && entry.dtype === 'q8' && entry.threads === run.threads && entry.metric === 'caption.total',
    );
    targets.push({
      id: `caption-vs-pytorch.${run.threads}t`,
      description: `20-token greedy caption, q8 WASM (${run.threads} thread${run.threads > 1 ? 's' : ''}) faster than PyTorch fp32 (same threads)`,
      value:
        ratio?.pytorchMs === undefined
          ? 'not measured'
          : `${fmt(ratio.browserMs)} vs ${fmt(ratio.pytorchMs)} ms (${ratio.browserOverPytorch?.toFixed(2)}×)`,
      met: ratio?.pytorchMs === undefined ? null : ratio.browserMs < ratio.pytorchMs,
    });
  }
  if (q8Top) {
    const first = q8Top.metrics['caption.firstStep']?.median ?? Number.NaN;
    const step = q8Top.metrics['caption.step']?.median ?? Number.NaN;
    targets.push({
      id: 'steady-step-vs-first-step',
      description: `Steady-state decode step ≤ 15% of the first step (q8 WASM, ${maxThreads} threads)`,
      value: `${fmt(step)} / ${fmt(first)} ms = ${((100 * step) / first).toFixed(1)}%`,
      met: step <= 0.15 * first,
    });
    const peak = Math.max(q8Top.memory.afterLoad?.totalBytes ?? 0, q8Top.memory.afterMetrics.totalBytes, q8Top.memory.afterMemoryRuns?.totalBytes ?? 0);
    targets.push({
      id: 'worker-memory',
      description:
        'Worker memory with CLIP, BLIP caption and BLIP VQA (q8) loaded ≤ 1.5 GB (JS heap + WASM memory + other ArrayBuffers + WASM code, peak of the checkpoints)',
      value: `${gb(peak)} (WASM memory ${gb(q8Top.memory.afterMetrics.wasmMemoryBytes)}, other ArrayBuffers ${gb(q8Top.memory.afterMetrics.otherArrayBufferBytes)})`,
      met: peak <= MEMORY_LIMIT_BYTES,
    });
    const drift = q8Top.memory.drift;
    targets.push({
      id: 'worker-memory-flat',
      description: `Worker memory flat (±5%) over ${q8Top.memory.memoryRuns} further runs`,
      value: drift === undefined ? 'not measured' : `${(100 * drift).toFixed(2)}%`,
      met: drift === undefined ? null : Math.abs(drift) <= 0.05,
    });
  }
  const longTasks = browser.reduce((sum, run) => sum + run.longTasks.inference.count, 0);
  targets.push({
    id: 'long-tasks',
    description: 'Main-thread long tasks (> 50 ms) during inference, all browser runs',
    value: String(longTasks),
    met: browser.every((run) => run.longTasks.inference.supported) ? longTasks === 0 : null,
  });
  return targets;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function fmt(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '–';
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}

function cell(stat: Stat | undefined): string {
  return stat ? `${fmt(stat.median)} (${fmt(stat.min)}–${fmt(stat.max)})` : '–';
}

function ratioCell(value: number | undefined): string {
  return value === undefined ? '–' : `${value.toFixed(2)}×`;
}

export function gb(bytes: number): string {
  return `${(bytes / 1e9).toFixed(2)} GB`;
}

function mib(bytes: number | undefined): string {
  return bytes === undefined ? '–' : `${(bytes / 2 ** 20).toFixed(0)} MiB`;
}

export function renderMarkdown(result: BenchResult): string {
  const { meta } = result;
  const lines: string[] = [];
  lines.push(
    `Measured ${meta.finishedAt.slice(0, 10)} with \`${meta.command}\` (${meta.mode} mode, ${Math.round(meta.durationS / 60)} min) on ${meta.machine.cpu}, ${meta.machine.cores} cores, ${gb(meta.machine.memoryBytes)} RAM, ${meta.machine.os}; load average ${meta.machine.loadAverage.join(' / ')} at the start, ${meta.machine.loadAverageAtEnd.join(' / ')} at the end.`,
  );
  lines.push(
    `${meta.browser.name} ${meta.browser.version} (headless); onnxruntime-web ${meta.versions.onnxruntimeWeb}; onnxruntime-node ${meta.versions.onnxruntimeNode}; transformers.js ${meta.versions.transformersJs}; Node ${meta.versions.node}; PyTorch ${meta.versions.torch ?? '–'}; transformers ${meta.versions.transformers ?? '–'}; Python ${meta.versions.python ?? '–'}.`,
  );
  lines.push(
    `Times in ms: median (min–max) of ${String(meta.settings.runs)} runs after ${String(meta.settings.warmup)} warm-up run; every run on a fresh image and fresh texts (no cache hits). PyTorch runs fp32 only (the q8 rows compare with it too). WebGPU: ${meta.webgpu.skipped ?? `adapter ${meta.webgpu.adapter ?? '?'}`}.`,
  );
  lines.push('');
  for (const run of result.browser) {
    const label =
      run.runtime === 'browser-webgpu'
        ? `WebGPU${run.software ? ' (software adapter: not a GPU measurement, no ratios)' : ''}, ${run.adapter ?? ''}`
        : `WASM, ${run.threads} thread${run.threads > 1 ? 's' : ''}${run.crossOriginIsolated ? ' (cross-origin isolated)' : ' (not isolated)'}`;
    const threads = run.runtime === 'browser-webgpu' ? Math.max(0, ...result.onnxruntimeNode.map((other) => other.threads)) : run.threads;
    const ort = result.onnxruntimeNode.find((other) => other.dtype === run.dtype && other.threads === threads);
    const pt = result.pytorch.find((other) => other.threads === threads);
    lines.push(`### ${run.dtype} — browser ${label}`);
    lines.push('');
    lines.push(
      `| Metric | Browser | onnxruntime-node (${run.dtype}, ${threads} t) | PyTorch (fp32, ${threads} t) | Browser / ORT-node | Browser / PyTorch |`,
    );
    lines.push('|---|---:|---:|---:|---:|---:|');
    for (const [metric, title] of Object.entries(METRICS)) {
      const ratio = result.ratios.find(
        (entry) => entry.runtime === run.runtime && entry.dtype === run.dtype && entry.threads === run.threads && entry.metric === metric,
      );
      lines.push(
        `| ${title} | ${cell(run.metrics[metric])} | ${cell(ort?.metrics[metric])} | ${cell(pt?.metrics[metric])} | ${ratioCell(ratio?.browserOverOrtNode)} | ${ratioCell(ratio?.browserOverPytorch)} |`,
      );
    }
    const cold = (['clip', 'caption', 'vqa'] as const).map((task) => `${task} ${fmt(run.metrics[`create.${task}.cold`]?.median)}`).join(', ');
    lines.push('');
    lines.push(
      `First (cold) session creation, ms: ${cold} (the first includes compiling ORT's WASM); BLIP preprocessing (384² RGBA → tensor, included in the caption totals): ${cell(run.metrics['blip.preprocess'])}. Main-thread long tasks: ${run.longTasks.inference.count} during inference${run.longTasks.inference.count ? ` (longest ${run.longTasks.inference.maxMs} ms)` : ''}, ${run.longTasks.loading.count} during loading. Load average (1 min) ${run.loadAverage.start.toFixed(2)} → ${run.loadAverage.end.toFixed(2)}; baselines: ${[
        ort,
        pt,
      ]
        .map((other) => (other?.loadAverage ? `${other.runtime} ${other.loadAverage.start.toFixed(2)} → ${other.loadAverage.end.toFixed(2)}` : ''))
        .filter(Boolean)
        .join(', ')}.`,
    );
    lines.push('');
  }
  lines.push('### Memory');
  lines.push('');
  lines.push('| Run | Worker total | WASM memory | Other ArrayBuffers | WASM code | JS heap (peak) | Renderer RSS (peak) | Drift over further runs |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const run of result.browser) {
    const m = run.memory;
    const last = m.afterMemoryRuns ?? m.afterMetrics;
    lines.push(
      `| browser ${run.runtime.replace('browser-', '')} ${run.dtype} ${run.threads} t | ${mib(last.totalBytes)} | ${mib(last.wasmMemoryBytes)} | ${mib(last.otherArrayBufferBytes)} | ${mib(last.wasmCodeBytes)} | ${mib(m.jsHeapPeakBytes)} | ${mib(m.renderer?.peakRssBytes)} | ${m.drift === undefined ? '–' : `${(100 * m.drift).toFixed(2)}% over ${m.memoryRuns}`} |`,
    );
  }
  for (const run of [...result.onnxruntimeNode, ...result.pytorch]) {
    lines.push(
      `| ${run.runtime} ${run.dtype} ${run.threads} t (process RSS) | ${mib(run.memory.afterRuns.rssBytes)} | | | | | ${mib(run.memory.peakRssBytes)} | |`,
    );
  }
  lines.push('');
  lines.push('### Targets (issue §4)');
  lines.push('');
  lines.push('| Target | Measured | Met |');
  lines.push('|---|---|---|');
  for (const target of result.targets)
    lines.push(`| ${target.description} | ${target.value} | ${target.met === null ? 'n/a' : target.met ? 'yes' : '**no**'} |`);
  lines.push(...peerTable(result));
  lines.push(...issue17Table(result.issue17Targets));
  return lines.join('\n');
}

/** The app beside transformers.js (its own CLIP classes, same files, same page settings). */
function peerTable(result: BenchResult): string[] {
  if (!result.peer?.length) return [];
  const lines = [
    '',
    '### transformers.js peer (issue 17 §6)',
    '',
    '| Run | Metric | App | transformers.js | App / transformers.js |',
    '|---|---|---:|---:|---:|',
  ];
  for (const peer of result.peer) {
    const ours = result.browser.find((run) => run.runtime === 'browser-wasm' && run.dtype === peer.dtype && run.threads === peer.threads);
    for (const [metric, title] of Object.entries(PEER_METRICS)) {
      const app = ours?.metrics[metric]?.median;
      const theirs = peer.metrics[metric]?.median;
      lines.push(
        `| ${peer.dtype} ${peer.threads} t | ${title} | ${cell(ours?.metrics[metric])} | ${cell(peer.metrics[metric])} | ${ratioCell(app && theirs ? round(app / theirs) : undefined)} |`,
      );
    }
  }
  return lines;
}

function issue17Table(targets: Target[] | undefined): string[] {
  if (!targets?.length) return [];
  const lines = ['', '### Targets (issue 17)', '', '| Target | Measured | Met | Explained |', '|---|---|---|---|'];
  for (const target of targets)
    lines.push(
      `| ${target.description} | ${target.value} | ${target.met === null ? 'not measured' : target.met ? 'yes' : '**no**'} | ${target.explained ?? ''} |`,
    );
  return lines;
}
