/**
 * Which BLIP decoder export we were given, read from the sessions' input and output names
 * (Optimum's seq2seq naming, DESIGN §3). Pure: the engine and the tests feed it name lists.
 */
import { AppError } from '../../../shared/errors';

export interface SessionNames {
  name: string;
  inputNames: readonly string[];
  outputNames: readonly string[];
}

/** What one decoder session takes and gives. */
export interface DecoderIo {
  session: string;
  /** Layers with past_key_values inputs (0: no cache inputs). */
  pastLayers: number;
  hasEncoderStates: boolean;
  hasEncoderMask: boolean;
  /** A self-attention `attention_mask` input (some exports have one). */
  hasSelfMask: boolean;
  hasCacheBranch: boolean;
  /** Layers with present.{i}.decoder.key|value outputs. */
  selfPresentLayers: number;
  /** Layers with present.{i}.encoder.key|value outputs (the cross-attention K/V). */
  crossPresentLayers: number;
}

export type DecoderLayout =
  /** One graph; `use_cache_branch` picks the no-past or the with-past branch. */
  | { kind: 'merged'; layers: number; decoder: DecoderIo }
  /** A no-past decoder for the first step and a with-past decoder for the others. */
  | { kind: 'split'; layers: number; first: DecoderIo; withPast: DecoderIo }
  /** No cache inputs: every step re-runs the whole sequence. */
  | { kind: 'no-cache'; layers: 0; decoder: DecoderIo };

export const PAST_KINDS = ['decoder.key', 'decoder.value', 'encoder.key', 'encoder.value'] as const;

const PAST = /^past_key_values\.(\d+)\.(decoder|encoder)\.(key|value)$/;
const PRESENT = /^present\.(\d+)\.(decoder|encoder)\.(key|value)$/;
const PLAIN_INPUTS = new Set(['input_ids', 'encoder_hidden_states', 'encoder_attention_mask', 'attention_mask', 'use_cache_branch']);

export const EXPECTED_LAYOUTS =
  'Expected one of: a merged decoder (input_ids, encoder_hidden_states, encoder_attention_mask, ' +
  'past_key_values.{i}.decoder|encoder.key|value, use_cache_branch → logits, present.{i}.decoder|encoder.key|value); ' +
  'a decoder without past inputs plus a decoder with past inputs (the same names without use_cache_branch); ' +
  'or a decoder without any cache (input_ids, encoder_hidden_states, encoder_attention_mask → logits).';

/** Reads one session's names; null when they do not fit any known decoder. */
export function describeDecoder(names: SessionNames): DecoderIo | null {
  if (!names.inputNames.includes('input_ids') || !names.outputNames.includes('logits')) return null;
  const pastLayers = completeLayers(names.inputNames, PAST, ['decoder', 'encoder']);
  if (pastLayers === null) return null;
  if (names.inputNames.some((name) => !PLAIN_INPUTS.has(name) && !PAST.test(name))) return null;
  const selfPresentLayers = completeLayers(names.outputNames, PRESENT, ['decoder']);
  const crossPresentLayers = completeLayers(names.outputNames, PRESENT, ['encoder']);
  if (selfPresentLayers === null || crossPresentLayers === null) return null;
  return {
    session: names.name,
    pastLayers,
    hasEncoderStates: names.inputNames.includes('encoder_hidden_states'),
    hasEncoderMask: names.inputNames.includes('encoder_attention_mask'),
    hasSelfMask: names.inputNames.includes('attention_mask'),
    hasCacheBranch: names.inputNames.includes('use_cache_branch'),
    selfPresentLayers,
    crossPresentLayers,
  };
}

/** Picks the layout from the decoder sessions of a model; throws 'unsupported-layout' when none fits. */
export function detectDecoderLayout(sessions: readonly SessionNames[]): DecoderLayout {
  const described = sessions.map(describeDecoder);
  const decoders = described.filter((io): io is DecoderIo => io !== null);
  const merged = decoders.find((io) => io.hasCacheBranch && isFullFirstStep(io) && hasFullPast(io));
  if (merged) return { kind: 'merged', layers: merged.pastLayers, decoder: merged };
  const withPast = decoders.find((io) => !io.hasCacheBranch && hasFullPast(io));
  const first = decoders.find((io) => !io.hasCacheBranch && io.pastLayers === 0 && isFullFirstStep(io));
  if (withPast && first && first.selfPresentLayers === withPast.pastLayers) {
    return { kind: 'split', layers: withPast.pastLayers, first, withPast };
  }
  const plain = decoders.find((io) => io.pastLayers === 0 && !io.hasCacheBranch && io.hasEncoderStates);
  if (plain && decoders.length === sessions.length && sessions.length === 1) {
    return { kind: 'no-cache', layers: 0, decoder: plain };
  }
  throw unsupportedLayout(sessions);
}

export function unsupportedLayout(sessions: readonly SessionNames[], reason?: string): AppError {
  const listing = sessions.map((s) => `${s.name}: inputs [${s.inputNames.join(', ')}]; outputs [${s.outputNames.join(', ')}]`).join('\n');
  const found = sessions.length === 0 ? 'no decoder session' : listing;
  return new AppError({
    code: 'unsupported-layout',
    message: `The BLIP text decoder has an input/output layout this app cannot drive${reason ? ` (${reason})` : ''}. ${EXPECTED_LAYOUTS} Found: ${found}`,
    action: 'Export the model with the tools/ exporter (Optimum naming), or pick a repository exported that way.',
    detail: listing,
  });
}

/** A first step must see the image states and return every layer's self- and cross-attention K/V. */
function isFullFirstStep(io: DecoderIo): boolean {
  return io.hasEncoderStates && io.selfPresentLayers > 0 && io.crossPresentLayers === io.selfPresentLayers;
}

function hasFullPast(io: DecoderIo): boolean {
  return io.pastLayers > 0 && io.selfPresentLayers === io.pastLayers;
}

/**
 * The number of layers when the names cover layers 0..n-1 with key and value for every listed
 * attention kind (and no stray layer); 0 when there are none; null when the set is ragged.
 */
function completeLayers(names: readonly string[], pattern: RegExp, kinds: readonly string[]): number | null {
  const found = new Set<string>();
  let top = -1;
  for (const name of names) {
    const match = pattern.exec(name);
    if (!match || !kinds.includes(match[2] ?? '')) continue;
    found.add(`${match[1]}.${match[2]}.${match[3]}`);
    top = Math.max(top, Number(match[1]));
  }
  const layers = top + 1;
  if (found.size !== layers * kinds.length * 2) return null;
  return layers;
}
