/**
 * Shared by the BLIP tests that run ONNX Runtime Web (WASM) in Node: the golden outputs of
 * e2e/fixtures/golden.json (PyTorch, see tools/README.md) and decoded fixture images.
 */
import { fixtureImage, readGolden } from '../testing/fixtures';
import type { BlipImage } from './types';

export interface CaptionCase {
  image: string;
  prompt: string | null;
  num_beams: number;
  prompt_ids: number[] | null;
  input_ids: number[];
  output_ids: number[];
  text: string;
  ends_with_sep: boolean;
}

export interface VqaCase {
  image: string;
  question: string;
  num_beams: number;
  question_ids: number[];
  decoder_input_ids: number[];
  output_ids: number[];
  text: string;
  ends_with_sep: boolean;
}

export interface SpecialIdsGolden {
  bos_token_id: number;
  sep_token_id: number;
  pad_token_id: number;
  cls_token_id: number;
  config_eos_token_id: number;
}

export interface BlipGolden {
  blip_caption: {
    max_new_tokens: number;
    special_ids: SpecialIdsGolden;
    cases: CaptionCase[];
    first_step_logits: { image: string; prompt: string | null; input_ids: number[]; first_32: number[]; argmax: number; max: number };
  };
  blip_vqa: { max_new_tokens: number; special_ids: SpecialIdsGolden; cases: VqaCase[] };
  preprocess: {
    blip: { image: string; shape: number[]; mean_per_channel: number[]; std_per_channel: number[]; sum: number; first_values: number[] };
  };
}

export const golden = readGolden<BlipGolden>();

const images = new Map<string, BlipImage>();

/** Fixture images decode once per test file. */
export function image(name: string): BlipImage {
  let decoded = images.get(name);
  if (!decoded) {
    decoded = fixtureImage(name);
    images.set(name, decoded);
  }
  return decoded;
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff = Math.max(diff, Math.abs((a[i] as number) - (b[i] as number)));
  return diff;
}
