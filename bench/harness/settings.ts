/**
 * What one benchmark run measures, and where: the full run (`npm run bench`, full-size random models
 * built by tools/) or the smoke run (`npm run bench -- --smoke`, the tiny e2e fixtures, fewer runs),
 * which exercises the same harness end to end in well under two minutes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Dtype, Task } from './page-api';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SMOKE = process.env.BENCH_MODE === 'smoke';
export const CACHE_DIR = join(ROOT, 'bench/cache');
/** The bench build (bench/run.mjs builds it before the tests). */
export const DIST_DIR = join(CACHE_DIR, 'dist');
/** One JSON file per part (browser, native, pytorch); the report merges them. */
export const PARTS_DIR = join(CACHE_DIR, SMOKE ? 'smoke' : 'parts');
export const RESULTS_FILE = SMOKE ? join(CACHE_DIR, 'smoke/latest.json') : join(ROOT, 'bench/results/latest.json');
export const DOC_FILE = join(ROOT, 'docs/benchmarks.md');

export interface Plan {
  mode: 'full' | 'smoke';
  modelsRoot: string;
  repos: Record<Task, string>;
  dtypes: Dtype[];
  warmup: number;
  runs: number;
  /** Session creation: unload + load this many times per model (after the first, cold load). */
  createRuns: number;
  /** Further mixed runs over which worker memory must stay flat. */
  memoryRuns: number;
  captionTokens: number;
  beams: number;
  vqaTokens: number;
  labels: number;
  gallery: number;
  template: string;
}

const FULL: Plan = {
  mode: 'full',
  modelsRoot: join(CACHE_DIR, 'models'),
  repos: {
    clip: 'openai-shaped/clip-vit-base-patch32-random',
    caption: 'salesforce-shaped/blip-image-captioning-base-random',
    vqa: 'salesforce-shaped/blip-vqa-base-random',
    itm: 'salesforce-shaped/blip-itm-base-coco-random',
  },
  dtypes: ['q8', 'fp32'],
  warmup: 1,
  runs: 5,
  createRuns: 5,
  memoryRuns: 50,
  captionTokens: 20,
  beams: 3,
  vqaTokens: 5,
  labels: 8,
  gallery: 32,
  template: 'a photo of a {}',
};

const SMOKE_PLAN: Plan = {
  ...FULL,
  mode: 'smoke',
  modelsRoot: join(ROOT, 'e2e/fixtures/models'),
  repos: { clip: 'fixtures/tiny-clip', caption: 'fixtures/tiny-blip-caption-attn', vqa: 'fixtures/tiny-blip-vqa', itm: 'fixtures/tiny-blip-itm' },
  dtypes: ['fp32'],
  runs: 2,
  createRuns: 2,
  memoryRuns: 3,
};

/** BENCH_DTYPES=q8 (or fp32) narrows a run to one dtype, e.g. while profiling. */
const dtypes = process.env.BENCH_DTYPES?.split(',').filter((dtype): dtype is Dtype => dtype === 'q8' || dtype === 'fp32') ?? [];

/** Image counts of the batched-encoding rows (issue 17 §5); batch 1 is `clip.image`. */
export const CLIP_IMAGE_BATCHES = [4, 8] as const;

/** Image counts of the BLIP vision batch rows (Caption all, issue 17 §5); batch 1 is `blip.vision`. */
export const BLIP_IMAGE_BATCHES = [4, 8] as const;

/** BLIP retrieval (issue 15): ITM re-ranks the top `ITM_RERANK` of a search over `gallery` images. */
export const ITM_RERANK = 10;

/**
 * The re-ranking row's gallery: enough fresh images for a top 10. Only the 10 ITM passes are timed, but every
 * fresh image first costs an untimed BLIP vision pass (2.2 s at q8, 1 thread): over the whole gallery of 32
 * that made this one row ~7 min of each configuration.
 */
export const ITM_GALLERY = 12;

export const PLAN: Plan = { ...(SMOKE ? SMOKE_PLAN : FULL), ...(dtypes.length ? { dtypes } : {}) };

export function modelDir(task: Task): string {
  return join(PLAN.modelsRoot, PLAN.repos[task]);
}

/** Input image side the model's preprocessor produces (CLIP: the crop; BLIP: the resize). */
export function imageSize(task: Task): number {
  const config = JSON.parse(readFileSync(join(modelDir(task), 'preprocessor_config.json'), 'utf8')) as {
    crop_size?: number | { height: number };
    size?: { height?: number; shortest_edge?: number };
  };
  const crop = typeof config.crop_size === 'number' ? config.crop_size : config.crop_size?.height;
  const size = task === 'clip' ? (crop ?? config.size?.shortest_edge) : config.size?.height;
  if (!size) throw new Error(`No image size in ${modelDir(task)}/preprocessor_config.json`);
  return size;
}

const WORDS = ['cat', 'dog', 'car', 'tree', 'house', 'boat', 'bird', 'flower', 'horse', 'train', 'beach', 'mountain'];

/**
 * Texts every runtime uses, run by run (warm-up first), all distinct so that no text cache hits:
 * CLIP label sets, search queries and VQA questions.
 */
export interface Inputs {
  template: string;
  labelSets: string[][];
  queries: string[];
  questions: string[];
}

export function benchInputs(count = PLAN.warmup + PLAN.runs + PLAN.memoryRuns): Inputs {
  const runs = Array.from({ length: count }, (_, run) => run);
  return {
    template: PLAN.template,
    labelSets: runs.map((run) => Array.from({ length: PLAN.labels }, (_, i) => `${WORDS[(run + i) % WORDS.length]} number ${run * PLAN.labels + i}`)),
    queries: runs.map((run) => `a ${WORDS[run % WORDS.length]} next to a ${WORDS[(run + 5) % WORDS.length]}, picture ${run}`),
    questions: runs.map((run) => `what color is the ${WORDS[run % WORDS.length]} in picture ${run}?`),
  };
}
