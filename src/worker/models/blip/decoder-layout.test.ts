import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { describeDecoder, detectDecoderLayout, type SessionNames } from './decoder-layout';

const KINDS = ['decoder.key', 'decoder.value', 'encoder.key', 'encoder.value'];

function pasts(layers: number, kinds = KINDS): string[] {
  return Array.from({ length: layers }, (_, i) => kinds.map((kind) => `past_key_values.${i}.${kind}`)).flat();
}

function presents(layers: number, kinds = KINDS): string[] {
  return Array.from({ length: layers }, (_, i) => kinds.map((kind) => `present.${i}.${kind}`)).flat();
}

const MERGED: SessionNames = {
  name: 'text_decoder_model_merged',
  inputNames: ['input_ids', 'encoder_hidden_states', 'encoder_attention_mask', ...pasts(3), 'use_cache_branch'],
  outputNames: ['logits', ...presents(3)],
};

const NO_PAST: SessionNames = {
  name: 'text_decoder_model',
  inputNames: ['input_ids', 'encoder_hidden_states', 'encoder_attention_mask'],
  outputNames: ['logits', ...presents(3)],
};

const WITH_PAST: SessionNames = {
  name: 'text_decoder_with_past_model',
  inputNames: ['input_ids', 'encoder_attention_mask', ...pasts(3)],
  outputNames: ['logits', ...presents(3, ['decoder.key', 'decoder.value'])],
};

const PLAIN: SessionNames = {
  name: 'text_decoder_model',
  inputNames: ['input_ids', 'attention_mask', 'encoder_hidden_states', 'encoder_attention_mask'],
  outputNames: ['logits'],
};

function layoutError(sessions: SessionNames[]): AppError {
  try {
    detectDecoderLayout(sessions);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an unsupported-layout error');
}

describe('detectDecoderLayout', () => {
  it('recognises the merged decoder (use_cache_branch) and counts its layers', () => {
    const layout = detectDecoderLayout([MERGED]);
    expect(layout.kind).toBe('merged');
    expect(layout.layers).toBe(3);
    if (layout.kind !== 'merged') return;
    expect(layout.decoder).toMatchObject({ session: MERGED.name, pastLayers: 3, hasCacheBranch: true, crossPresentLayers: 3, hasSelfMask: false });
  });

  it('recognises a no-past decoder paired with a with-past decoder, in either order', () => {
    for (const sessions of [
      [NO_PAST, WITH_PAST],
      [WITH_PAST, NO_PAST],
    ]) {
      const layout = detectDecoderLayout(sessions);
      expect(layout.kind).toBe('split');
      if (layout.kind !== 'split') return;
      expect(layout.first.session).toBe(NO_PAST.name);
      expect(layout.withPast.session).toBe(WITH_PAST.name);
      expect(layout.withPast.hasEncoderStates).toBe(false);
      expect(layout.layers).toBe(3);
    }
  });

  it('recognises a decoder without cache inputs, with or without present outputs', () => {
    expect(detectDecoderLayout([PLAIN])).toMatchObject({ kind: 'no-cache', decoder: { hasSelfMask: true } });
    expect(detectDecoderLayout([NO_PAST]).kind).toBe('no-cache');
  });

  it('rejects an unknown layout with a message that lists every input and output name', () => {
    const selfOnly: SessionNames = {
      name: 'decoder_model_merged',
      inputNames: ['input_ids', 'encoder_hidden_states', ...pasts(2, ['decoder.key', 'decoder.value']), 'use_cache_branch'],
      outputNames: ['logits', ...presents(2, ['decoder.key', 'decoder.value'])],
    };
    const error = layoutError([selfOnly]);
    expect(error.code).toBe('unsupported-layout');
    for (const name of [...selfOnly.inputNames, ...selfOnly.outputNames]) expect(error.message).toContain(name);
    expect(error.message).toContain('Expected one of');
    expect(error.message).toContain('use_cache_branch');
    expect(error.detail).toContain('decoder_model_merged: inputs [');
  });

  it('rejects ragged caches, unknown inputs, a lone with-past decoder and a missing decoder', () => {
    const ragged = { ...MERGED, inputNames: MERGED.inputNames.filter((name) => name !== 'past_key_values.1.encoder.value') };
    const extra = { ...MERGED, inputNames: [...MERGED.inputNames, 'position_ids'] };
    const noLogits = { ...PLAIN, outputNames: ['last_hidden_state'] };
    for (const sessions of [[ragged], [extra], [WITH_PAST], [noLogits], []]) {
      expect(layoutError(sessions).code).toBe('unsupported-layout');
    }
    expect(layoutError([]).message).toContain('no decoder session');
  });

  it('rejects a no-past decoder whose presents do not match the with-past decoder', () => {
    const twoLayers = { ...NO_PAST, outputNames: ['logits', ...presents(2)] };
    expect(layoutError([twoLayers, WITH_PAST]).code).toBe('unsupported-layout');
  });

  it('describes what a single session offers', () => {
    expect(describeDecoder(WITH_PAST)).toEqual({
      session: WITH_PAST.name,
      pastLayers: 3,
      hasEncoderStates: false,
      hasEncoderMask: true,
      hasSelfMask: false,
      hasCacheBranch: false,
      selfPresentLayers: 3,
      crossPresentLayers: 0,
    });
    expect(describeDecoder({ ...PLAIN, inputNames: ['pixel_values'] })).toBeNull();
  });
});
