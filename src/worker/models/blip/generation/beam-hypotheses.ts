/**
 * Bookkeeping of HF v5's vectorised beam search (`_update_finished_beams`, `_check_early_stop_heuristic`,
 * `_beam_search_has_unfinished_sequences`). Scores are float32 like torch's; HF's "-1e9" masks are
 * added, not branched on, because they decide ordering among the masked entries too.
 */
import type { EarlyStopping } from './types';

/** HF's masking constant. */
export const MASK = -1e9;

const f32 = Math.fround;

/** A slot of the finished-hypotheses table (HF `sequences` / `beam_scores` / `is_sent_finished`). */
export interface Hypothesis {
  /** Prompt + generated ids. */
  seq: number[];
  /** The decoder row each generated token was computed in (HF `beam_indices`). */
  rows: number[];
  score: number;
  finished: boolean;
}

/** One of the top-K continuations of a step. */
export interface Candidate {
  seq: number[];
  /** Rows of the beam it extends, then `source`. */
  rows: number[];
  /** Accumulated log-probability (float32). */
  score: number;
  /** Row of the beam it extends. */
  source: number;
  /** Whether it hit a stopping criterion (EOS or the length limit). */
  hit: boolean;
}

export interface BeamSettings {
  numBeams: number;
  lengthPenalty: number;
  earlyStopping: EarlyStopping;
  promptLength: number;
  maxLength: number;
}

/** The initial table: every slot empty, at HF's -1e9. */
export function emptyHypotheses(prompt: readonly number[], numBeams: number): Hypothesis[] {
  return Array.from({ length: numBeams }, () => ({ seq: [...prompt], rows: [], score: MASK, finished: false }));
}

/** Python's `length ** penalty`, then the float32 cast torch applies to a scalar divisor. */
export function lengthNorm(length: number, penalty: number): number {
  return f32(length ** penalty);
}

/**
 * Merges this step's candidates into the table. Only candidates among the top numBeams that hit a
 * stopping criterion can enter; their score is divided by (generated length incl. the EOS) ** penalty.
 * `generatedLength` is that length, `heuristicOpen` the flag from the previous step.
 */
export function updateFinished(
  table: readonly Hypothesis[],
  candidates: readonly Candidate[],
  generatedLength: number,
  heuristicOpen: boolean,
  s: BeamSettings,
): Hypothesis[] {
  const norm = lengthNorm(generatedLength, s.lengthPenalty);
  const full = s.earlyStopping === true && table.every((h) => h.finished);
  const entering = candidates.map((c, j): Hypothesis => {
    const justFinished = c.hit && j < s.numBeams;
    let score = f32(c.score / norm);
    if (full) score = f32(score + MASK);
    if (!heuristicOpen) score = f32(score + MASK);
    if (!justFinished) score = f32(score + MASK);
    return { seq: c.seq, rows: c.rows, score, finished: justFinished };
  });
  return keepBest([...table, ...entering], s.numBeams);
}

/** Best `count` entries by score; equal scores keep their order, table entries first. */
export function keepBest(entries: readonly Hypothesis[], count: number): Hypothesis[] {
  return entries
    .map((h, i) => ({ h, i }))
    .sort((a, b) => b.h.score - a.h.score || a.i - b.i)
    .slice(0, count)
    .map(({ h }) => h);
}

/**
 * Whether a running beam may still beat the worst finished one (HF's early-stop heuristic, sticky:
 * once false it stays false). `bestRunning` is the top running score, `curLength` the total length
 * after this step.
 */
export function heuristicStillOpen(previous: boolean, bestRunning: number, table: readonly Hypothesis[], curLength: number, s: BeamSettings): boolean {
  if (!previous) return false;
  const length = s.earlyStopping === 'never' && s.lengthPenalty > 0 ? s.maxLength - s.promptLength : curLength - s.promptLength;
  const best = f32(bestRunning / lengthNorm(length, s.lengthPenalty));
  const minScore = Math.min(...table.map((h) => h.score));
  return table.some((h) => best > (h.finished ? minScore : MASK));
}

/** HF's loop condition after a step. */
export function beamSearchContinues(
  heuristicOpen: boolean,
  table: readonly Hypothesis[],
  candidates: readonly Candidate[],
  earlyStopping: EarlyStopping,
): boolean {
  const allFinished = table.every((h) => h.finished);
  const openBeam = !(allFinished && earlyStopping === true);
  const validContinuation = !candidates.every((c) => c.hit);
  return heuristicOpen && openBeam && validContinuation;
}

/**
 * HF's padding value for beam outputs: `pad_token_id or eos_token_id[0]`, so a pad id of 0 (BLIP's)
 * counts as unset and the first EOS id is used; -1 without EOS.
 */
export function beamFillId(padTokenId: number | null, eosIds: readonly number[]): number {
  if (eosIds.length === 0) return -1;
  return padTokenId ? padTokenId : eosIds[0]!;
}

/** HF's returned `sequences`: the best rows, cropped to the longest and padded with `fill`. */
export function beamOutputs(table: readonly Hypothesis[], count: number, fill: number): { sequences: number[][]; scores: number[] } {
  const best = table.slice(0, count);
  const width = Math.max(...best.map((h) => h.seq.length));
  const sequences = best.map((h) => [...h.seq, ...new Array<number>(width - h.seq.length).fill(fill)]);
  return { sequences, scores: best.map((h) => h.score) };
}
