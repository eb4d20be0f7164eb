/**
 * BLIP's BERT tokenizer through transformers.js, fed from the already downloaded files (no network).
 * Only the tokenizer comes from transformers.js; sessions and image processing are ours.
 */
import { AppError } from '../../../shared/errors';
import { loadTransformers, provideFiles } from '../../runtime/transformers-env';
import type { EngineContext } from '../engine';
import type { TokenizerSpecials } from './blip-config';

export interface BlipTokenizer {
  /** Ids with the model's special tokens ([CLS] … [SEP] for BERT), like HF's processor. */
  encode(text: string): number[];
  /** Like HF `decode(ids, skip_special_tokens=True)`. */
  decode(ids: readonly number[]): string;
  readonly specials: TokenizerSpecials;
}

const TOKENIZER_FILES = ['tokenizer.json', 'tokenizer_config.json', 'special_tokens_map.json'];

export async function loadBlipTokenizer(context: EngineContext): Promise<BlipTokenizer> {
  const transformers = await loadTransformers();
  const files = TOKENIZER_FILES.map((path) => context.files.get(path)).filter((file) => file !== undefined);
  const provided = provideFiles(files);
  try {
    const tokenizer = await transformers.AutoTokenizer.from_pretrained(provided.modelId);
    const id = (token: string | undefined): number | undefined => {
      if (!token) return undefined;
      const value = tokenizer.convert_tokens_to_ids(token);
      return typeof value === 'number' && value >= 0 ? value : undefined;
    };
    const specials: TokenizerSpecials = {};
    const bos = id(tokenizer.bos_token);
    const sep = id(tokenizer.sep_token);
    const pad = id(tokenizer.pad_token);
    if (bos !== undefined) specials.bos = bos;
    if (sep !== undefined) specials.sep = sep;
    if (pad !== undefined) specials.pad = pad;
    return {
      encode: (text) => tokenizer.encode(text),
      decode: (ids) => (ids.length === 0 ? '' : tokenizer.decode([...ids], { skip_special_tokens: true })),
      specials,
    };
  } catch (error) {
    throw new AppError({
      code: 'model-load-failed',
      message: `The tokenizer of ${context.spec.displayName} could not be loaded.`,
      action: 'Check that tokenizer.json and tokenizer_config.json in the repository are valid.',
      detail: error instanceof Error ? error.message : String(error),
    });
  } finally {
    provided.release();
  }
}
