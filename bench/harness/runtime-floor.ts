/**
 * The app over the runtime floor (issue 17 §4): the browser's WASM runs at 1 thread against the same
 * graphs, inputs and decoding loop in onnxruntime-web's WASM build inside Node (bench/native/ort-runtime.mjs,
 * BENCH_ORT=web). What is left between them is ours: the worker, the protocol, preprocessing, feeds,
 * logits processing, and the ORT build the app loads. Cold start rows sit beside them: the first session
 * creation of a page (ORT's WASM compile included) and a reload of a model from the Cache API.
 */
import type { BrowserRun } from './browser-suite';
import type { NativeRun } from './report';

/** The three paths of the overhead target, then the cold-start rows (app only or with the floor's create). */
export const FLOOR_METRICS: Record<string, string> = {
  'clip.image': 'CLIP image embedding (batch 1)',
  'blip.vision': 'BLIP vision encoding (384², fresh image)',
  'caption.step': 'Caption: steady-state decoder step',
  'create.clip.cold': 'First CLIP session creation of a page (includes compiling ORT’s WASM)',
  'load.clip.cached': 'CLIP reload from the Cache API (files + sessions, module compiled)',
};

/** Metrics whose ratio is the overhead target (≤ 1.10×). */
const TARGET_METRICS = ['clip.image', 'blip.vision', 'caption.step'];
const TARGET = 1.1;

export interface FloorRow {
  metric: string;
  dtype: string;
  appMs: number;
  floorMs?: number;
  appOverFloor?: number;
  /** Whether the ≤ 1.10× target holds (overhead rows only). */
  met?: boolean;
}

export function floorRows(browser: readonly BrowserRun[], floor: readonly NativeRun[]): FloorRow[] {
  return browser
    .filter((run) => run.runtime === 'browser-wasm' && run.threads === 1)
    .flatMap((run) => {
      const base = floor.find((other) => other.dtype === run.dtype && other.threads === 1);
      return Object.keys(FLOOR_METRICS)
        .filter((metric) => run.metrics[metric])
        .map((metric): FloorRow => {
          const appMs = run.metrics[metric]!.median;
          const floorMs = base?.metrics[metric]?.median;
          if (!floorMs || metric === 'load.clip.cached') return { metric, dtype: run.dtype, appMs };
          const appOverFloor = Math.round((appMs / floorMs) * 100) / 100;
          return { metric, dtype: run.dtype, appMs, floorMs, appOverFloor, ...(TARGET_METRICS.includes(metric) ? { met: appOverFloor <= TARGET } : {}) };
        });
    });
}

export function renderFloor(rows: readonly FloorRow[]): string {
  if (rows.length === 0) return '';
  const lines = [
    '### The app over the runtime floor (WASM, 1 thread)',
    '',
    '| Metric | dtype | App (Chromium) | Runtime floor (onnxruntime-web WASM in Node) | App / floor | ≤ 1.10× |',
    '|---|---|---:|---:|---:|---|',
    ...rows.map(
      (row) =>
        `| ${FLOOR_METRICS[row.metric] ?? row.metric} | ${row.dtype} | ${row.appMs.toFixed(1)} | ${row.floorMs?.toFixed(1) ?? '–'} | ${row.appOverFloor ? `${row.appOverFloor.toFixed(2)}×` : '–'} | ${row.met === undefined ? '' : row.met ? 'yes' : '**no**'} |`,
    ),
  ];
  return lines.join('\n');
}
