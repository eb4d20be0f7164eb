/**
 * Everything the BLIP runtime needs from the model's config files: shapes from config.json, special
 * token ids the way HF's BLIP classes read them (text_config first), with generation_config.json and
 * the tokenizer's special tokens as fallbacks. Nothing here knows a model's sizes.
 */
import { AppError } from '../../../shared/errors';
import type { BlipSpecialIds } from './types';

export interface BlipConfigJson {
  text_config?: Record<string, unknown>;
  vision_config?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface TextShape {
  layers: number;
  heads: number;
  headDim: number;
  hidden: number;
  /** Width of the states the decoder cross-attends to (vision hidden size for captioning). */
  encoderHidden: number;
  vocabSize: number;
  maxPositions?: number;
}

export interface VisionShape {
  layers: number;
  hidden: number;
  /** Patches + [CLS], from image_size and patch_size. */
  tokens: number;
}

export interface BlipModelConfig {
  text: TextShape;
  vision: VisionShape;
  ids: BlipSpecialIds;
}

/** Special-token ids as the tokenizer names them ("[DEC]", "[SEP]", "[PAD]"), resolved to ids by the caller. */
export interface TokenizerSpecials {
  bos?: number;
  sep?: number;
  pad?: number;
}

export function readBlipConfig(
  config: BlipConfigJson,
  generationConfig: Record<string, unknown> | undefined,
  tokenizer: TokenizerSpecials,
): BlipModelConfig {
  const text = config.text_config ?? {};
  const vision = config.vision_config ?? {};
  const hidden = requireNumber(text, 'text_config.hidden_size', 'hidden_size');
  const heads = requireNumber(text, 'text_config.num_attention_heads', 'num_attention_heads');
  if (hidden % heads !== 0) {
    throw configError(`text_config.hidden_size (${hidden}) is not a multiple of num_attention_heads (${heads})`);
  }
  const visionHidden = requireNumber(vision, 'vision_config.hidden_size', 'hidden_size');
  const imageSize = requireNumber(vision, 'vision_config.image_size', 'image_size');
  const patchSize = requireNumber(vision, 'vision_config.patch_size', 'patch_size');
  const maxPositions = optionalNumber(text['max_position_embeddings']);
  return {
    text: {
      layers: requireNumber(text, 'text_config.num_hidden_layers', 'num_hidden_layers'),
      heads,
      headDim: hidden / heads,
      hidden,
      encoderHidden: optionalNumber(text['encoder_hidden_size']) ?? visionHidden,
      vocabSize: requireNumber(text, 'text_config.vocab_size', 'vocab_size'),
      ...(maxPositions === undefined ? {} : { maxPositions }),
    },
    vision: {
      layers: requireNumber(vision, 'vision_config.num_hidden_layers', 'num_hidden_layers'),
      hidden: visionHidden,
      tokens: Math.floor(imageSize / patchSize) ** 2 + 1,
    },
    ids: readSpecialIds(config, generationConfig, tokenizer),
  };
}

/**
 * HF: BlipForConditionalGeneration starts from text_config.bos_token_id (replacing [CLS] of a prompt)
 * and BlipForQuestionAnswering uses it as decoder_start_token_id; both stop at sep_token_id and pad
 * with pad_token_id. Fallbacks cover configs written without those text_config fields.
 */
export function readSpecialIds(
  config: BlipConfigJson,
  generationConfig: Record<string, unknown> | undefined,
  tokenizer: TokenizerSpecials,
): BlipSpecialIds {
  const text = config.text_config ?? {};
  const generation = generationConfig ?? {};
  const bos = firstNumber(text['bos_token_id'], generation['decoder_start_token_id'], generation['bos_token_id'], tokenizer.bos);
  const sep = firstNumber(text['sep_token_id'], tokenizer.sep);
  const pad = firstNumber(text['pad_token_id'], generation['pad_token_id'], tokenizer.pad);
  const missing = [
    bos === undefined ? 'the decoder start id (text_config.bos_token_id or the tokenizer bos_token)' : '',
    sep === undefined ? 'the end-of-sequence id (text_config.sep_token_id or the tokenizer sep_token)' : '',
    pad === undefined ? 'the padding id (text_config.pad_token_id or the tokenizer pad_token)' : '',
  ].filter(Boolean);
  if (bos === undefined || sep === undefined || pad === undefined) {
    throw configError(`config.json does not give ${missing.join(', ')}`);
  }
  return { decoderStart: bos, sep, pad, bos };
}

function firstNumber(...values: unknown[]): number | undefined {
  for (const value of values) {
    const number = optionalNumber(value);
    if (number !== undefined) return number;
  }
  return undefined;
}

function optionalNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

function requireNumber(section: Record<string, unknown>, label: string, key: string): number {
  const value = optionalNumber(section[key]);
  if (value === undefined || value === 0) throw configError(`config.json has no usable ${label}`);
  return value;
}

function configError(reason: string): AppError {
  return new AppError({
    code: 'model-load-failed',
    message: `This BLIP model's configuration is incomplete: ${reason}.`,
    action: 'Check config.json of the repository (it must be a transformers BlipConfig), or re-export the model with tools/.',
  });
}
