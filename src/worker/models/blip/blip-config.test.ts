import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { FIXTURES_DIR } from '../testing/fixtures';
import { readBlipConfig, readSpecialIds, type BlipConfigJson } from './blip-config';

function fixtureJson(model: string, file: string): BlipConfigJson {
  return JSON.parse(readFileSync(`${FIXTURES_DIR}/models/fixtures/${model}/${file}`, 'utf8')) as BlipConfigJson;
}

/** Salesforce/blip-image-captioning-base's config.json, the fields that matter here. */
const SALESFORCE_BASE: BlipConfigJson = {
  text_config: {
    bos_token_id: 30522,
    sep_token_id: 102,
    pad_token_id: 0,
    eos_token_id: 2,
    hidden_size: 768,
    num_attention_heads: 12,
    num_hidden_layers: 12,
    vocab_size: 30524,
    max_position_embeddings: 512,
    encoder_hidden_size: 768,
  },
  vision_config: { hidden_size: 768, num_hidden_layers: 12, image_size: 384, patch_size: 16 },
};

describe('readBlipConfig', () => {
  it('reads the tiny caption fixture: shapes from config.json, ids as HF uses them', () => {
    const config = readBlipConfig(fixtureJson('tiny-blip-caption', 'config.json'), fixtureJson('tiny-blip-caption', 'generation_config.json'), {});
    expect(config.text).toEqual({ layers: 2, heads: 4, headDim: 8, hidden: 32, encoderHidden: 48, vocabSize: 277, maxPositions: 64 });
    expect(config.vision).toEqual({ layers: 2, hidden: 48, tokens: 145 });
    // sep (5) stops generation, not the config's legacy eos_token_id (2).
    expect(config.ids).toEqual({ decoderStart: 275, sep: 5, pad: 0, bos: 275 });
  });

  it('reads full-size shapes without assuming the fixture sizes', () => {
    const config = readBlipConfig(SALESFORCE_BASE, undefined, {});
    expect(config.text).toMatchObject({ layers: 12, heads: 12, headDim: 64, hidden: 768, vocabSize: 30524 });
    expect(config.vision.tokens).toBe(577);
    expect(config.ids).toEqual({ decoderStart: 30522, sep: 102, pad: 0, bos: 30522 });
  });

  it('rejects configs without the shapes it needs, naming the field', () => {
    const broken = { ...SALESFORCE_BASE, text_config: { ...SALESFORCE_BASE.text_config, num_attention_heads: 5 } };
    expect(() => readBlipConfig(broken, undefined, {})).toThrow(/not a multiple of num_attention_heads/);
    expect(() => readBlipConfig({ text_config: SALESFORCE_BASE.text_config }, undefined, {})).toThrow(/vision_config.hidden_size/);
  });
});

describe('readSpecialIds', () => {
  const bare: BlipConfigJson = { text_config: {} };

  it('prefers text_config, then generation_config.json, then the tokenizer', () => {
    expect(readSpecialIds(bare, { decoder_start_token_id: 7, pad_token_id: 1 }, { bos: 9, sep: 3, pad: 2 })).toEqual({
      decoderStart: 7,
      sep: 3,
      pad: 1,
      bos: 7,
    });
    expect(readSpecialIds(bare, { bos_token_id: 8 }, { sep: 3, pad: 2 })).toEqual({ decoderStart: 8, sep: 3, pad: 2, bos: 8 });
    expect(readSpecialIds(bare, undefined, { bos: 9, sep: 3, pad: 2 })).toEqual({ decoderStart: 9, sep: 3, pad: 2, bos: 9 });
  });

  it('never takes generation_config.json eos_token_id as the stop token', () => {
    expect(() => readSpecialIds(bare, { eos_token_id: 2, bos_token_id: 8, pad_token_id: 0 }, {})).toThrow(/sep_token_id/);
  });

  it('says which ids are missing', () => {
    try {
      readSpecialIds(bare, undefined, { sep: 3 });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('model-load-failed');
      expect((error as AppError).message).toMatch(/decoder start id.*padding id/);
    }
  });
});
