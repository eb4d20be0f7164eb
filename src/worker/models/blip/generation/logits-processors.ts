/**
 * HF's logits processors, in the order `_get_logits_processor` builds them. Each edits one row of
 * float32 scores in place; storing into a Float32Array rounds like torch's float32 ops. Python float
 * parameters become float32 scalars in torch, hence the Math.fround on every parameter.
 */
import { topKIndices } from '../../../../shared/math';
import type { GenerationOptions } from './types';

/** Edits one row of scores in place; `ids` is that row's whole sequence, prompt included. */
export type LogitsProcessor = (scores: Float32Array, ids: readonly number[]) => void;

/** HF: score < 0 ? score * p : score / p, once per distinct token present in the sequence. */
export function repetitionPenalty(penalty: number): LogitsProcessor {
  const p = Math.fround(penalty);
  return (scores, ids) => {
    for (const id of new Set(ids)) {
      if (id < 0 || id >= scores.length) continue;
      const s = scores[id]!;
      scores[id] = s < 0 ? s * p : s / p;
    }
  };
}

/** EOS ids get -inf while fewer than `minNewTokens` tokens follow the prompt. */
export function minNewTokens(promptLength: number, min: number, eosIds: readonly number[]): LogitsProcessor {
  return (scores, ids) => {
    if (ids.length - promptLength >= min) return;
    for (const e of eosIds) if (e >= 0 && e < scores.length) scores[e] = -Infinity;
  };
}

export function temperature(t: number): LogitsProcessor {
  const tf = Math.fround(t);
  return (scores) => {
    for (let i = 0; i < scores.length; i++) scores[i] = scores[i]! / tf;
  };
}

/** Removes scores strictly below the k-th largest (ties with it survive), k ≥ minTokensToKeep. */
export function topK(k: number, minTokensToKeep: number): LogitsProcessor {
  const keep = Math.max(k, minTokensToKeep);
  return (scores) => {
    const kth = topKIndices(scores, keep)[Math.min(keep, scores.length) - 1]!;
    const threshold = scores[kth]!;
    for (let i = 0; i < scores.length; i++) if (scores[i]! < threshold) scores[i] = -Infinity;
  };
}

/**
 * HF's nucleus filter: sort ascending, cumulate float32 probabilities (torch accumulates in double and
 * stores float32), drop the prefix whose cumulative mass is <= 1 - p, always keep the top
 * `minTokensToKeep`. Dropping everything below the first kept value (a typed-array sort instead of an
 * index sort, ~10× faster on a BLIP vocabulary) differs from HF only for exact ties at the boundary,
 * where HF's choice depends on an unstable sort.
 */
export function topP(p: number, minTokensToKeep: number): LogitsProcessor {
  const cut = Math.fround(1 - p);
  return (scores) => {
    const sorted = Float32Array.from(scores).sort();
    const max = sorted[sorted.length - 1]!;
    if (max === -Infinity) return;
    let sum = 0;
    for (const s of sorted) sum += Math.exp(s - max);
    let acc = 0;
    let dropped = 0;
    const removable = scores.length - minTokensToKeep;
    while (dropped < removable) {
      acc += Math.fround(Math.exp(sorted[dropped]! - max) / sum);
      if (Math.fround(acc) > cut) break;
      dropped++;
    }
    if (dropped === 0) return;
    const threshold = sorted[dropped]!;
    for (let i = 0; i < scores.length; i++) if (scores[i]! < threshold) scores[i] = -Infinity;
  };
}

/**
 * The processor chain for one generation, or [] when every setting is neutral. `minNewTokens` also
 * stands for HF's `min_length` (the options builder converts one into the other).
 */
export function buildLogitsProcessors(options: GenerationOptions, promptLength: number, eosIds: readonly number[]): LogitsProcessor[] {
  const chain: LogitsProcessor[] = [];
  if (options.repetitionPenalty !== 1) chain.push(repetitionPenalty(options.repetitionPenalty));
  if (options.minNewTokens > 0 && eosIds.length > 0) {
    chain.push(minNewTokens(promptLength, options.minNewTokens, eosIds));
  }
  if (!options.doSample) return chain;
  // Beam sampling must leave a non-EOS continuation per beam (HF keeps n_eos + 1, or 2 without EOS).
  const keep = options.numBeams > 1 ? (eosIds.length > 0 ? eosIds.length + 1 : 2) : 1;
  if (options.temperature !== 1) chain.push(temperature(options.temperature));
  if (options.topK !== 0) chain.push(topK(options.topK, keep));
  if (options.topP < 1) chain.push(topP(options.topP, keep));
  return chain;
}

/** Runs the chain on every row of a [rows × vocab] block. */
export function applyProcessors(
  chain: readonly LogitsProcessor[],
  scores: Float32Array,
  sequences: readonly (readonly number[])[],
  vocabSize: number,
): void {
  if (chain.length === 0) return;
  sequences.forEach((ids, r) => {
    const row = scores.subarray(r * vocabSize, (r + 1) * vocabSize);
    for (const processor of chain) processor(row, ids);
  });
}
