/**
 * The one place that knows each model: where it lives, which ONNX sessions it
 * needs, which files exist per dtype, and its quirks. The worker loads from it
 * and the UI lists from it, so it is plain data in `shared`.
 */

import { defaultModels, type ManifestFile, type ModelsManifest } from './default-models';
import MODELS_MANIFEST from './models-manifest.json';

/** `itm`: BLIP image-text retrieval (ITC embeddings and the ITM head), scored beside CLIP. */
export type ModelTask = 'clip' | 'caption' | 'vqa' | 'itm';

export const MODEL_TASKS: readonly ModelTask[] = ['clip', 'caption', 'vqa', 'itm'];
export type Dtype = 'fp32' | 'fp16' | 'q8' | 'q4' | 'q4a8' | 'q4f16';

/**
 * File-name suffixes as transformers.js names them (checked against its DEFAULT_DTYPE_SUFFIX_MAPPING by a
 * test). `q4a8` is ours (4-bit weights, int8 activation compute; tools/export/dtypes.py): transformers.js has
 * no such dtype.
 */
export const DTYPE_SUFFIX: Record<Dtype, string> = {
  fp32: '',
  fp16: '_fp16',
  q8: '_quantized',
  q4: '_q4',
  q4a8: '_q4a8',
  q4f16: '_q4f16',
};

export const DTYPE_LABELS: Record<Dtype, string> = {
  fp32: 'fp32 (full precision)',
  fp16: 'fp16 (half precision, WebGPU)',
  q8: 'q8 (8-bit weights)',
  q4: 'q4 (4-bit weights)',
  q4a8: 'q4a8 (4-bit weights, 8-bit compute)',
  q4f16: 'q4f16 (4-bit weights, half precision, WebGPU)',
};

/** ONNX sessions each task needs, by file base name (DESIGN §3). */
export const TASK_SESSIONS: Record<ModelTask, readonly string[]> = {
  clip: ['text_model', 'vision_model'],
  caption: ['vision_model', 'text_decoder_model_merged'],
  vqa: ['vision_model', 'text_encoder_model', 'text_decoder_model_merged'],
  itm: ['vision_model', 'text_model', 'itm_model'],
};

const CONFIG_FILES: Record<ModelTask, readonly string[]> = {
  clip: ['config.json', 'preprocessor_config.json', 'tokenizer.json', 'tokenizer_config.json'],
  caption: ['config.json', 'preprocessor_config.json', 'tokenizer.json', 'tokenizer_config.json', 'generation_config.json'],
  vqa: ['config.json', 'preprocessor_config.json', 'tokenizer.json', 'tokenizer_config.json', 'generation_config.json'],
  itm: ['config.json', 'preprocessor_config.json', 'tokenizer.json', 'tokenizer_config.json'],
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
  /** The default on WASM, and on WebGPU when `webgpuDtypes` names none the adapter can run. */
  defaultDtype: Dtype;
  /** WebGPU's defaults in order of preference: the first one the adapter runs wins (see dtype-defaults.ts). */
  webgpuDtypes?: readonly Dtype[];
  /** Why a user would pick it, or what to know first. */
  note?: string;
  quirks?: ModelQuirks;
  /** Tiny random-weight fixture: outputs are meaningless, it only exercises the app. */
  demo?: boolean;
  /** Served from a fixed place instead of the configured host (the offline demo). */
  fixedSource?: { host: string; pathTemplate: string };
  custom?: boolean;
  /** Files not named our way (a third-party export): which file plays which session. */
  layout?: ModelLayout;
  /** Someone else's repository: why its names are not confirmed (no machine here could read it); shown to the user. */
  unverified?: string;
  /** A default our models pipeline exported, validated and published (from the generated manifest). */
  published?: { source: { repo: string; revision: string }; files: readonly ManifestFile[] };
}

/** One session's file in a third-party layout, with its ONNX external data files (paths in the folder). */
export interface LayoutFile {
  path: string;
  externalData?: readonly string[];
}

/** Session name (TASK_SESSIONS) → file. The same files for every dtype the spec lists. */
export interface ModelLayout {
  sessions: Readonly<Record<string, LayoutFile>>;
  /** Files the repository may lack (the engine has a fallback, e.g. config.json for generation settings). */
  optional?: readonly string[];
}

export interface SessionFile {
  session: string;
  path: string;
  externalData: readonly string[];
}

/** The ONNX file (and external data) of each session a model needs: the spec's layout, or ours. */
export function sessionFiles(spec: Pick<ModelSpec, 'task' | 'layout'>, dtype: Dtype): SessionFile[] {
  return TASK_SESSIONS[spec.task].map((session) => {
    const mapped = spec.layout?.sessions[session];
    if (mapped) return { session, path: mapped.path, externalData: mapped.externalData ?? [] };
    return { session, path: onnxPath(session, dtype), externalData: [] };
  });
}

/**
 * One default per task, generated from the models manifest
 * (src/shared/default-models.ts); a task the pipeline has not published yet
 * gets a placeholder that says so. Third-party choices live in
 * third-party-models.ts. The deploy's existence check HEADs every file of both.
 */
export const DEFAULT_MODELS: readonly ModelSpec[] = defaultModels(MODELS_MANIFEST as ModelsManifest, MODEL_TASKS);

/** The tiny fixtures that `npm start` serves as the offline demo (never on GitHub Pages). */
export const DEMO_MODELS: readonly ModelSpec[] = [
  demoModel('demo-clip', 'clip', 'Demo CLIP (tiny, random weights)', 'fixtures/tiny-clip'),
  demoModel('demo-blip-caption', 'caption', 'Demo BLIP captioning (tiny, random weights)', 'fixtures/tiny-blip-caption'),
  demoModel('demo-blip-vqa', 'vqa', 'Demo BLIP VQA (tiny, random weights)', 'fixtures/tiny-blip-vqa'),
  demoModel('demo-blip-itm', 'itm', 'Demo BLIP retrieval (tiny, random weights)', 'fixtures/tiny-blip-itm'),
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
  /** `onnx-data`: ONNX external data (weights stored beside the graph). */
  kind: 'config' | 'onnx' | 'onnx-data';
  /** ONNX session name for kinds `onnx` and `onnx-data`. */
  session?: string;
}

export function modelFiles(spec: Pick<ModelSpec, 'task' | 'layout'>, dtype: Dtype): ModelFile[] {
  return [
    ...CONFIG_FILES[spec.task].map((path): ModelFile => ({ path, kind: 'config' })),
    ...sessionFiles(spec, dtype).flatMap(({ session, path, externalData }): ModelFile[] => [
      { path, kind: 'onnx', session },
      ...externalData.map((data): ModelFile => ({ path: data, kind: 'onnx-data', session })),
    ]),
  ];
}

export function onnxPath(session: string, dtype: Dtype): string {
  return `onnx/${session}${DTYPE_SUFFIX[dtype]}.onnx`;
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
