/**
 * Exports published by others, offered as choices and as the alternative when a source is gone,
 * never as defaults. Their repository, file and tensor names are UNVERIFIED: no machine here can reach
 * the Hub, so they are taken from code that runs them (medium confidence). The deploy's existence check
 * HEADs these files; the app reads tensor names from each session and names what it found when they
 * differ. Salesforce's checkpoints have no generation_config.json, so copies of them may lack it too:
 * it is optional here (the engine then reads the special ids from config.json). Each layout is tested only with our own tiny fixture written in it (tools/export/layouts.py,
 * whose file names must equal these).
 */
import { DEFAULT_MODELS, type ModelSpec } from './model-registry';

const UNVERIFIED =
  'Names reported by code that runs this repository; not confirmed by any machine of this project. ' +
  'Tested only with our own tiny fixture in the same layout.';

export const THIRD_PARTY_MODELS: readonly ModelSpec[] = [
  {
    id: 'xenova-clip-vit-base-patch32',
    task: 'clip',
    displayName: 'CLIP ViT-B/32 — Xenova (third-party, unverified)',
    repo: 'Xenova/clip-vit-base-patch32',
    revision: 'main',
    license: 'MIT',
    dtypes: ['q8', 'fp16', 'fp32'],
    defaultDtype: 'q8',
    // The measured WebGPU choice (dtype-defaults.ts) among the files it is listed with; no q4f16: unverified name.
    webgpuDtypes: ['fp16', 'fp32'],
    note: 'OpenAI CLIP converted by Xenova; not validated by us, and its files can change at any time (revision main).',
    quirks: { logitScale: 100 },
    unverified: 'Files in the transformers.js layout at revision main; not confirmed by any machine of this project until the deploy check HEADs them.',
  },
  {
    id: 'onnx-community-blip-caption',
    task: 'caption',
    displayName: 'BLIP captioning (onnx-community, fp32, no cache)',
    repo: 'onnx-community/Salesforce_blip-image-captioning-base',
    revision: 'main',
    license: 'BSD-3-Clause',
    dtypes: ['fp32'],
    defaultDtype: 'fp32',
    note: 'Two graphs (image → states, states + text → logits) without a KV cache: each generated token re-runs the whole text.',
    unverified: UNVERIFIED,
    layout: {
      sessions: {
        vision_model: { path: 'onnx/split_0.onnx' },
        text_decoder_model_merged: { path: 'onnx/split_1.onnx' },
      },
      optional: ['generation_config.json'],
    },
  },
  {
    id: 'mpai-blip-vqa',
    task: 'vqa',
    displayName: 'BLIP VQA (mpai-community, fp32, no cache)',
    repo: 'mpai-community/blip-vqa-base-onnx',
    revision: 'main',
    license: 'BSD-3-Clause',
    dtypes: ['fp32'],
    defaultDtype: 'fp32',
    note: 'About 1.5 GB (fp32, weights in ONNX external data); the decoder has no KV cache.',
    unverified: UNVERIFIED,
    layout: {
      sessions: {
        vision_model: { path: 'blip_vision_model.onnx', externalData: ['blip_vision_model.onnx.data'] },
        text_encoder_model: { path: 'blip_text_encoder_wrapper.onnx' },
        text_decoder_model_merged: { path: 'blip_decoder_context_dynamic.onnx' },
      },
      optional: ['generation_config.json'],
    },
  },
];

/** Everything the app offers before the user adds a model: our published defaults, then the third-party choices. */
export const OFFERED_MODELS: readonly ModelSpec[] = [...DEFAULT_MODELS, ...THIRD_PARTY_MODELS];

/** Other published sources for the same task, offered in one click when a model's source is unavailable. */
export function alternativeSources(spec: Pick<ModelSpec, 'id' | 'task'>): ModelSpec[] {
  return OFFERED_MODELS.filter((other) => other.task === spec.task && other.id !== spec.id && other.repo.trim().length > 0);
}
