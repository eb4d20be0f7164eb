/**
 * The app's default model per task comes from the models manifest that the
 * models pipeline generates after it exported, validated and published a model
 * (tools/pipeline, .github/workflows/models.yml). Nothing here names a
 * repository, revision or file by hand: a task without a manifest entry has no
 * default, and the UI says so and offers the choices.
 */
import { MEASURED_DEFAULTS } from './dtype-defaults';
import type { Dtype, ModelSpec, ModelTask } from './model-registry';

export interface ManifestFile {
  path: string;
  size: number;
  sha256: string;
}

export interface ManifestEntry {
  task: ModelTask;
  /** Published repository (Hub id), or a folder name under `host` when published beside the site. */
  repo: string;
  /** The published repository's commit, as the Hub answered the upload. */
  revision: string;
  /** Set when the folder is served beside the site instead of from the Hub. */
  host?: { host: string; pathTemplate: string };
  source: { repo: string; revision: string };
  license: string;
  dtypes: Dtype[];
  files: ManifestFile[];
}

export interface ModelsManifest {
  schema: 1;
  models: ManifestEntry[];
}

/** Stable ids: settings and the cache listing refer to them. */
export const DEFAULT_MODEL_IDS: Record<ModelTask, string> = {
  clip: 'clip-vit-base-patch32',
  caption: 'blip-caption-base',
  vqa: 'blip-vqa-base',
  itm: 'blip-itm-base-coco',
};

/** The checkpoints the pipeline exports (repo ids given by issue 18) and their licenses. */
const NAMES: Record<ModelTask, { displayName: string; checkpoint: string; license: string }> = {
  clip: { displayName: 'CLIP ViT-B/32', checkpoint: 'openai/clip-vit-base-patch32', license: 'MIT' },
  caption: { displayName: 'BLIP captioning (base)', checkpoint: 'Salesforce/blip-image-captioning-base', license: 'BSD-3-Clause' },
  vqa: { displayName: 'BLIP VQA (base)', checkpoint: 'Salesforce/blip-vqa-base', license: 'BSD-3-Clause' },
  // Named by issue 15; tools/pipeline/checkpoints.py exports it like the others.
  itm: { displayName: 'BLIP retrieval (base, COCO)', checkpoint: 'Salesforce/blip-itm-base-coco', license: 'BSD-3-Clause' },
};

export function defaultModels(manifest: ModelsManifest, tasks: readonly ModelTask[]): ModelSpec[] {
  return tasks.map((task) => {
    const entry = manifest.models.find((model) => model.task === task);
    return entry ? publishedModel(entry) : unpublishedModel(task);
  });
}

function publishedModel(entry: ManifestEntry): ModelSpec {
  const { displayName, checkpoint } = NAMES[entry.task];
  return {
    id: DEFAULT_MODEL_IDS[entry.task],
    task: entry.task,
    displayName,
    repo: entry.repo,
    revision: entry.revision,
    license: entry.license,
    dtypes: entry.dtypes,
    defaultDtype: entry.dtypes.includes(MEASURED_DEFAULTS.wasm) ? MEASURED_DEFAULTS.wasm : (entry.dtypes[0] as Dtype),
    webgpuDtypes: MEASURED_DEFAULTS.webgpu.filter((dtype) => entry.dtypes.includes(dtype)),
    note: `${checkpoint} at ${entry.source.revision.slice(0, 12)}, exported and validated against PyTorch by our models pipeline.`,
    ...(entry.host ? { fixedSource: entry.host } : {}),
    published: { source: entry.source, files: entry.files },
  };
}

/** A placeholder the UI shows as "not configured": its note says why and what to pick instead. */
function unpublishedModel(task: ModelTask): ModelSpec {
  const { displayName, checkpoint, license } = NAMES[task];
  return {
    id: DEFAULT_MODEL_IDS[task],
    task,
    displayName: `${displayName} — not published yet`,
    repo: '',
    revision: 'main',
    license,
    dtypes: ['q8', 'fp32'],
    defaultDtype: 'q8',
    note:
      `This site has no published default for ${displayName} yet: the models pipeline has not exported and ` +
      `validated ${checkpoint} for it. Pick another source in the list above if there is one, add your own export ` +
      'under Settings → Add a model (see the README), or, when this server offers them, Settings → Use offline demo models.',
  };
}
