/**
 * The app's tokenizers (transformers.js, loaded as the engines load them) on the real checkpoints' tokenizer files
 * (tools/reference_configs, sources in SOURCES.md) against HF transformers' ids for the same texts, id for id
 * (goldens: python -m tools.pipeline.tokenizer_golden).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../shared/model-registry';
import type { FetchedFile } from '../delivery/types';
import { loadBlipTokenizer } from './blip/blip-tokenizer';
import { readSpecialIds, type BlipConfigJson } from './blip/blip-config';
import { captionPromptIds } from './blip/prompts';
import { loadTokenizer as loadClipTokenizer } from './clip/clip-engine';
import type { EngineContext } from './engine';

const REFERENCE = fileURLToPath(new URL('../../../tools/reference_configs/', import.meta.url));

interface Golden {
  clip: { texts: string[]; input_ids: number[][]; attention_mask: number[][]; single: number[][] };
  blip: {
    bos_token_id: number;
    questions: { text: string; ids: number[] }[];
    caption_prompts: { text: string; ids: number[]; decoder_prompt: number[] }[];
    captions: { text: string; ids: number[]; decoded: string }[];
  };
}

const golden = JSON.parse(readFileSync(join(REFERENCE, 'tokenizer-golden.json'), 'utf8')) as Golden;

/** The downloaded files of a reference folder, as the model manager hands them to an engine. */
function referenceContext(folder: string): EngineContext {
  const files = new Map<string, FetchedFile>();
  for (const path of readdirSync(join(REFERENCE, folder))) {
    const bytes = new Uint8Array(readFileSync(join(REFERENCE, folder, path)));
    files.set(path, { path, url: `reference://${folder}/${path}`, bytes, fromCache: false });
  }
  const spec = { id: folder, displayName: folder } as ModelSpec;
  return { files, spec } as unknown as EngineContext;
}

const toNumbers = (data: ArrayLike<bigint | number>) => Array.from(data, (value) => Number(value));

describe('CLIP BPE (openai/clip-vit-base-patch32 tokenizer files)', () => {
  it('gives HF ids for the padded batch the CLIP engine sends, and for each text alone', async () => {
    const tokenizer = await loadClipTokenizer(referenceContext('clip-vit-base-patch32'));
    const batch = tokenizer(golden.clip.texts, { padding: true, truncation: true }) as unknown as {
      input_ids: { data: ArrayLike<bigint | number>; dims: number[] };
      attention_mask: { data: ArrayLike<bigint | number> };
    };
    const width = batch.input_ids.dims[1] ?? 0;
    const rows = (data: number[]) => golden.clip.texts.map((_, row) => data.slice(row * width, (row + 1) * width));
    expect(rows(toNumbers(batch.input_ids.data))).toEqual(golden.clip.input_ids);
    expect(rows(toNumbers(batch.attention_mask.data))).toEqual(golden.clip.attention_mask);
    golden.clip.texts.forEach((text, index) => expect(tokenizer.encode(text)).toEqual(golden.clip.single[index]));
  });
});

describe('BLIP BERT WordPiece (Salesforce/blip-image-captioning-base tokenizer files)', () => {
  const context = referenceContext('blip-image-captioning-base');
  const config = JSON.parse(new TextDecoder().decode(context.files.get('config.json')!.bytes)) as BlipConfigJson;

  it('gives HF ids for VQA questions ([CLS] … [SEP], fed unchanged to the text encoder)', async () => {
    const tokenizer = await loadBlipTokenizer(context);
    expect(golden.blip.questions.map((q) => tokenizer.encode(q.text))).toEqual(golden.blip.questions.map((q) => q.ids));
  });

  it('builds the [DEC] caption prompt as HF generate does, with [DEC] from config.json', async () => {
    const tokenizer = await loadBlipTokenizer(context);
    const ids = readSpecialIds(config, undefined, tokenizer.specials);
    expect(ids.decoderStart).toBe(golden.blip.bos_token_id);
    for (const prompt of golden.blip.caption_prompts) {
      expect(tokenizer.encode(prompt.text)).toEqual(prompt.ids);
      expect(captionPromptIds(tokenizer.encode(prompt.text), ids)).toEqual(prompt.decoder_prompt);
    }
  });

  it('decodes generated ids ([DEC] … [SEP]) to the text HF shows', async () => {
    const tokenizer = await loadBlipTokenizer(context);
    for (const caption of golden.blip.captions) {
      expect(tokenizer.encode(caption.text)).toEqual(caption.ids);
      expect(tokenizer.decode([golden.blip.bos_token_id, ...caption.ids.slice(1)])).toBe(caption.decoded);
    }
  });
});
