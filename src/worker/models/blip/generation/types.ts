/**
 * Contracts of the model-independent generation loop. Semantics follow Hugging Face transformers v5
 * `generate` (the ground truth, see tools/generation_vectors.py); names are camelCase mirrors of HF's.
 */

/** The model side of generation: owns its KV cache and encoder states. */
export interface StepModel {
  /**
   * Feeds tokens and returns next-token logits for each row, row-major [rows × vocabSize].
   * First call: every row gets the full prompt (all rows have the same length); there are
   * `batchRows(options)` rows. Later calls: exactly one new token per row.
   */
  forward(tokens: number[][]): Promise<Float32Array>;
  /** Beam search: before the next forward, row i must continue the cache of old row indices[i]. */
  reorder(indices: number[]): Promise<void> | void;
  readonly vocabSize: number;
}

/**
 * HF's `early_stopping`: true stops at numBeams finished hypotheses, false stops when a heuristic says
 * no running beam can win, 'never' only when none can (canonical beam search).
 */
export type EarlyStopping = boolean | 'never';

/** Fully resolved options; `withDefaults` fills a partial object with HF's global defaults. */
export interface GenerationOptions {
  /** Upper bound on generated tokens (HF `max_length` = prompt length + this). */
  maxNewTokens: number;
  /** EOS ids are masked to -inf until this many tokens were generated; 0 disables. */
  minNewTokens: number;
  /** 1: greedy or sampling; more: beam search (or beam sampling with doSample). */
  numBeams: number;
  doSample: boolean;
  /** Sampling only; 1 is a no-op. */
  temperature: number;
  /** Sampling only; 0 disables. HF's default is 50. */
  topK: number;
  /** Sampling only; 1 disables. */
  topP: number;
  /** 1 disables; applied to every token present in the sequence, prompt included. */
  repetitionPenalty: number;
  /** Beam search: finished scores are divided by (generated length) ** lengthPenalty. */
  lengthPenalty: number;
  earlyStopping: EarlyStopping;
  /** One or several end-of-sequence ids; null: generate until maxNewTokens. */
  eosTokenId: number | number[] | null;
  /** Fills finished rows; null means HF's fallback, the first EOS id. */
  padTokenId: number | null;
  /** Seed of the sampling PRNG; null draws one at random. */
  seed: number | null;
  /** Returned sequences: ≤ numBeams for beam search, any count for sampling, 1 for greedy. */
  numReturnSequences: number;
}

export type FinishReason = 'eos' | 'length' | 'aborted';

export interface GenerationResult {
  /** HF's `sequences`: prompt + generated ids per returned row, best first for beams, padded to one length. */
  sequences: number[][];
  /** Generated ids of sequences[0] (prompt and trailing padding removed, EOS kept). */
  tokens: number[];
  /**
   * Per token of `tokens`, the row of the forward that produced it (HF's `beam_indices`; 0 for greedy and
   * sampling): what a caller follows to pick per-row step outputs, e.g. attention maps, for this sequence.
   */
  rows: number[];
  /** Why sequences[0] ended. */
  finishReason: FinishReason;
  /** Beam search only: HF's `sequences_scores` (length-penalised sum of log-probabilities). */
  sequencesScores?: number[];
  /** Number of model forward calls made. */
  steps: number;
  timings: { forwardMs: number[]; totalMs: number };
}

export interface StepEvent {
  /** 1-based index of the step that just completed. */
  step: number;
  /**
   * Generated ids so far (prompt excluded) of the streamed row: row 0 for greedy and sampling (without
   * the padding that follows its EOS), the best running hypothesis for beam search.
   */
  generated: readonly number[];
  /** Per token of `generated`, the row of the forward that produced it (as GenerationResult.rows). */
  rows: readonly number[];
  /**
   * True when `generated` is the previous event's `generated` plus one token; false when another beam
   * overtook it (beam search) or row 0 had already finished (sampling several sequences).
   */
  appended: boolean;
  /** Milliseconds spent in this step's model forward. */
  forwardMs: number;
}

export interface GenerationHooks {
  /**
   * Checked before and after every forward. An abort does not throw: generation returns what it has with
   * finishReason 'aborted'. A forward already running is awaited and its logits are discarded.
   */
  signal?: AbortSignal;
  onStep?: (event: StepEvent) => void;
}
