/**
 * The one place that knows each model: where it lives, which ONNX sessions it
 * needs, which files exist per dtype, and its quirks. The worker loads from it
 * and the UI lists from it, so it is plain data in `shared`.
 */

import { defaultModels, type ManifestFile, type ModelsManifest } from './default-models';
import MODELS_MANIFEST from './models-manifest.json';

export type ModelTask = 'clip' | 'caption' | 'vqa';

export const MODEL_TASKS: readonly ModelTask[] = ['clip', 'caption', 'vqa'];
export type Dtype = 'fp32' | 'fp16' | 'q8' | 'q4';

/** File-name suffixes as transformers.js names them. */
export const DTYPE_SUFFIX: Record<Dtype, string> = { fp32: '', fp16: '_fp16', q8: '_quantized', q4: '_q4' };

export const DTYPE_LABELS: Record<Dtype, string> = {
  fp32: 'fp32 (full precision)',
  fp16: 'fp16 (half precision, WebGPU)',
  q8: 'q8 (8-bit weights)',
  q4: 'q4 (4-bit weights)',
};

/** ONNX sessions each task needs, by file base name (DESIGN §3). */
export const TASK_SESSIONS: Record<ModelTask, readonly string[]> = {
  clip: ['text_model', 'vision_model'],
  caption: ['vision_model', 'text_decoder_model_merged'],
  vqa: ['vision_model', 'text_encoder_model', 'text_decoder_model_merged'],
};

const CONFIG_FILES: Record<ModelTask, readonly string[]> = {
  clip: ['config.json', 'preprocessor_config.json', 'tokenizer.json', 'tokenizer_config.json'],
  caption: ['config.json', 'preprocessor_config.json', 'tokenizer.json', 'tokenizer_config.json', 'generation_config.json'],
  vqa: ['config.json', 'preprocessor_config.json', 'tokenizer.json', 'tokenizer_config.json', 'generation_config.json'],
};

export interface ModelQuirks {
  /**
   * CLIP's trained temperature, exp(logit_scale). The split text/vision graphs
   * do not contain it; our exporter writes `logit_scale` into config.json, and
   * for repositories made by others the registry records the checkpoint's value.
   */
  logitScale?: number;
}

export interface ModelSpec {
  /** Stable identifier used in settings, URLs and the cache listing. */
  id: string;
  task: ModelTask;
  displayName: string;
  repo: string;
  /** A commit hash where known; `main` only where no pinned revision could be verified. */
  revision: string;
  license: string;
  dtypes: readonly Dtype[];
  defaultDtype: Dtype;
  /** Why a user would pick it, or what to know first. */
  note?: string;
  quirks?: ModelQuirks;
  /** Tiny random-weight fixture: outputs are meaningless, it only exercises the app. */
  demo?: boolean;
  /** Served from a fixed place instead of the configured host (the offline demo). */
  fixedSource?: { host: string; pathTemplate: string };
  custom?: boolean;
  /** A default our models pipeline exported, validated and published (from the generated manifest). */
  published?: { source: { repo: string; revision: string }; files: readonly ManifestFile[] };
  /** Someone else's repository: offered as a choice, its files checked to exist only by the deploy. */
  thirdParty?: boolean;
}

/**
 * What the app offers before the user adds anything: one default per task,
 * generated from the models manifest (src/shared/default-models.ts), then the
 * third-party choices. The deploy's existence check HEADs every file of both.
 */
export const PUBLISHED_DEFAULTS: readonly ModelSpec[] = defaultModels(MODELS_MANIFEST as ModelsManifest, MODEL_TASKS);

/**
 * Repositories made by others, at a moving revision (`main`): no command here
 * could confirm a commit, so none is pinned. Offered as choices, never as defaults.
 */
export const THIRD_PARTY_CHOICES: readonly ModelSpec[] = [
  {
    id: 'xenova-clip-vit-base-patch32',
    task: 'clip',
    displayName: 'CLIP ViT-B/32 — Xenova (third-party, unverified)',
    repo: 'Xenova/clip-vit-base-patch32',
    revision: 'main',
    license: 'MIT',
    dtypes: ['q8', 'fp16', 'fp32'],
    defaultDtype: 'q8',
    note: 'OpenAI CLIP converted by Xenova; not validated by us, and its files can change at any time (revision main).',
    quirks: { logitScale: 100 },
    thirdParty: true,
  },
];

export const DEFAULT_MODELS: readonly ModelSpec[] = [...PUBLISHED_DEFAULTS, ...THIRD_PARTY_CHOICES];

/** The tiny fixtures that `npm start` serves as the offline demo (never on GitHub Pages). */
export const DEMO_MODELS: readonly ModelSpec[] = [
  demoModel('demo-clip', 'clip', 'Demo CLIP (tiny, random weights)', 'fixtures/tiny-clip'),
  demoModel('demo-blip-caption', 'caption', 'Demo BLIP captioning (tiny, random weights)', 'fixtures/tiny-blip-caption'),
  demoModel('demo-blip-vqa', 'vqa', 'Demo BLIP VQA (tiny, random weights)', 'fixtures/tiny-blip-vqa'),
];

function demoModel(id: string, task: ModelTask, displayName: string, repo: string): ModelSpec {
  return {
    id,
    task,
    displayName,
    repo,
    revision: 'main',
    license: 'Apache-2.0 (generated fixture)',
    dtypes: ['fp32', 'q8'],
    defaultDtype: 'fp32',
    demo: true,
    fixedSource: { host: 'demo-models/', pathTemplate: '{repo}/{file}' },
    note: 'Tiny random-weight model: its outputs are meaningless and only exercise the interface.',
  };
}

export interface ModelFile {
  path: string;
  kind: 'config' | 'onnx';
  /** ONNX session name for kind `onnx`. */
  session?: string;
}

export function modelFiles(spec: Pick<ModelSpec, 'task'>, dtype: Dtype): ModelFile[] {
  return [
    ...CONFIG_FILES[spec.task].map((path): ModelFile => ({ path, kind: 'config' })),
    ...TASK_SESSIONS[spec.task].map(
      (session): ModelFile => ({ path: onnxPath(session, dtype), kind: 'onnx', session }),
    ),
  ];
}

export function onnxPath(session: string, dtype: Dtype): string {
  return `onnx/${session}${DTYPE_SUFFIX[dtype]}.onnx`;
}

export function findModel(specs: readonly ModelSpec[], id: string): ModelSpec | undefined {
  return specs.find((spec) => spec.id === id);
}

/** A user-added model: repository id (org/name) or a full URL to a model folder. */
export function customModel(task: ModelTask, repoOrUrl: string, revision = 'main'): ModelSpec {
  const trimmed = repoOrUrl.trim().replace(/\/+$/, '');
  return {
    id: `custom:${task}:${trimmed}@${revision}`,
    task,
    displayName: `${trimmed.split('/').slice(-2).join('/')} (custom)`,
    repo: trimmed,
    revision,
    license: 'see the model card',
    dtypes: ['fp32', 'fp16', 'q8', 'q4'],
    defaultDtype: 'q8',
    custom: true,
  };
}
