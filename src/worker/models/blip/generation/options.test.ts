import { describe, expect, it } from 'vitest';
import { batchRows, eosIdList, HF_DEFAULTS, padId, resolveGenerationOptions, withDefaults } from './options';

const ctx = { promptLength: 3 };

describe('resolveGenerationOptions', () => {
  it('uses HF defaults: 20 new tokens, top-k 50, greedy', () => {
    expect(resolveGenerationOptions(undefined, {}, ctx)).toEqual(HF_DEFAULTS);
    expect(HF_DEFAULTS).toMatchObject({ maxNewTokens: 20, topK: 50, doSample: false, numBeams: 1 });
  });

  it('caps the default length at max_position_embeddings', () => {
    expect(resolveGenerationOptions({}, {}, { promptLength: 3, maxPositionEmbeddings: 10 }).maxNewTokens).toBe(7);
  });

  it('converts max_length and min_length, which count the prompt', () => {
    const o = resolveGenerationOptions({ max_length: 30, min_length: 5 }, {}, ctx);
    expect(o.maxNewTokens).toBe(27);
    expect(o.minNewTokens).toBe(2);
    expect(resolveGenerationOptions({ min_length: 2 }, {}, ctx).minNewTokens).toBe(0);
  });

  it('lets max_new_tokens win over max_length wherever each was set, as HF does', () => {
    expect(resolveGenerationOptions({ max_new_tokens: 4 }, { maxLength: 30 }, ctx).maxNewTokens).toBe(4);
    expect(resolveGenerationOptions({ max_length: 30 }, { maxNewTokens: 4 }, ctx).maxNewTokens).toBe(4);
    expect(resolveGenerationOptions({ min_new_tokens: 1 }, { minLength: 10 }, ctx).minNewTokens).toBe(1);
  });

  it('lets overrides beat the config, and reads every supported key', () => {
    const config = {
      num_beams: 3,
      do_sample: false,
      temperature: 0.5,
      top_k: 7,
      top_p: 0.8,
      repetition_penalty: 1.3,
      length_penalty: 2,
      early_stopping: 'never',
      eos_token_id: [102, 5],
      pad_token_id: 0,
      num_return_sequences: 2,
      max_new_tokens: 9,
      unrelated: 'ignored',
    };
    const o = resolveGenerationOptions(config, { numBeams: 4, seed: 3 }, ctx);
    expect(o).toEqual({
      maxNewTokens: 9,
      minNewTokens: 0,
      numBeams: 4,
      doSample: false,
      temperature: 0.5,
      topK: 7,
      topP: 0.8,
      repetitionPenalty: 1.3,
      lengthPenalty: 2,
      earlyStopping: 'never',
      eosTokenId: [102, 5],
      padTokenId: 0,
      seed: 3,
      numReturnSequences: 2,
    });
  });

  it('treats JSON null as unset, but an explicit null override as a value', () => {
    expect(resolveGenerationOptions({ eos_token_id: null }, {}, ctx).eosTokenId).toBeNull();
    expect(resolveGenerationOptions({ eos_token_id: 2 }, { eosTokenId: null }, ctx).eosTokenId).toBeNull();
  });

  it('rejects a prompt that already fills max_length', () => {
    expect(() => resolveGenerationOptions({ max_length: 3 }, {}, ctx)).toThrow(RangeError);
  });
});

describe('withDefaults validation', () => {
  it.each([
    [{ maxNewTokens: 0 }],
    [{ numBeams: 0 }],
    [{ numReturnSequences: 2 }],
    [{ numBeams: 2, numReturnSequences: 3 }],
    [{ doSample: true, temperature: 0 }],
    [{ doSample: true, topP: 1.5 }],
    [{ doSample: true, topK: -1 }],
    [{ repetitionPenalty: 0 }],
    [{ earlyStopping: 'sometimes' as never }],
    [{ eosTokenId: -1 }],
  ])('rejects %j', (partial) => {
    expect(() => withDefaults(partial)).toThrow(RangeError);
  });

  it('accepts sampling with several sequences and ignores warper values when greedy', () => {
    expect(() => withDefaults({ doSample: true, numReturnSequences: 3 })).not.toThrow();
    expect(() => withDefaults({ temperature: 0 })).not.toThrow();
  });
});

describe('helpers', () => {
  it('batchRows is max(numBeams, numReturnSequences)', () => {
    expect(batchRows(withDefaults({ numBeams: 3, numReturnSequences: 2 }))).toBe(3);
    expect(batchRows(withDefaults({ doSample: true, numReturnSequences: 4 }))).toBe(4);
  });

  it('pad falls back to the first EOS id', () => {
    expect(padId(withDefaults({ eosTokenId: [7, 8] }))).toBe(7);
    expect(padId(withDefaults({ eosTokenId: 7, padTokenId: 0 }))).toBe(0);
    expect(eosIdList(withDefaults({ eosTokenId: 4 }))).toEqual([4]);
  });
});
