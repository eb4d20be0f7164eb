/**
 * Beam search and beam sampling: HF v5 `_beam_search`. Per step: log-softmax of the raw logits, the
 * logits processors on those log-probabilities, plus each beam's running score; then the top
 * K = max(2, 1 + #EOS) × numBeams continuations over all beams (or K sampled without replacement),
 * so numBeams of them can go on even when the best ones end.
 */
import {
  beamFillId,
  beamOutputs,
  beamSearchContinues,
  emptyHypotheses,
  heuristicStillOpen,
  keepBest,
  lengthNorm,
  MASK,
  updateFinished,
  type BeamSettings,
  type Candidate,
  type Hypothesis,
} from './beam-hypotheses';
import type { SearchInput, SearchOutcome } from './greedy-or-sample';
import { applyProcessors, buildLogitsProcessors, type LogitsProcessor } from './logits-processors';
import { logSoftmaxInto, softmax, topKIndices } from '../../../../shared/math';
import { eosIdList } from './options';
import { Mulberry32, randomSeed, sampleWithoutReplacement } from './random';
import type { GenerationOptions } from './types';

interface Beam {
  seq: number[];
  rows: number[];
  score: number;
  source: number;
}

/** What stays fixed during one beam search. */
interface BeamRun extends BeamSettings {
  vocab: number;
  eos: ReadonlySet<number>;
  /** Continuations kept per step: max(2, 1 + #EOS) × numBeams. */
  keep: number;
  chain: LogitsProcessor[];
  rng: Mulberry32 | null;
}

export async function beamSearch({ stepper, prompt, options, onStep }: SearchInput): Promise<SearchOutcome> {
  const eos = eosIdList(options);
  const run: BeamRun = {
    numBeams: options.numBeams,
    lengthPenalty: options.lengthPenalty,
    earlyStopping: options.earlyStopping,
    promptLength: prompt.length,
    maxLength: prompt.length + options.maxNewTokens,
    vocab: stepper.vocabSize,
    eos: new Set(eos),
    keep: Math.max(2, 1 + eos.length) * options.numBeams,
    chain: buildLogitsProcessors(options, prompt.length, eos),
    rng: options.doSample ? new Mulberry32(options.seed ?? randomSeed()) : null,
  };
  // Only beam 0 starts at 0, so the first step does not pick the same token from identical beams.
  let running: Beam[] = Array.from({ length: run.numBeams }, (_, i) => ({
    seq: [...prompt],
    rows: [],
    score: i === 0 ? 0 : MASK,
    source: i,
  }));
  let table = emptyHypotheses(prompt, run.numBeams);
  let heuristicOpen = true;
  let input = running.map((b) => [...b.seq]);
  let shown: readonly number[] = [];
  let logits: Float32Array | null;
  while ((logits = await stepper.forward(input))) {
    const candidates = expand(accumulate(logits, running, run), running, run);
    running = nextRunning(candidates, run.numBeams);
    const curLength = running[0]!.seq.length;
    table = updateFinished(table, candidates, curLength - prompt.length, heuristicOpen, run);
    heuristicOpen = heuristicStillOpen(heuristicOpen, running[0]!.score, table, curLength, run);
    const generated = running[0]!.seq.slice(prompt.length);
    const appended = generated.length === shown.length + 1 && shown.every((t, i) => generated[i] === t);
    shown = generated;
    onStep?.({ step: stepper.steps, generated, rows: running[0]!.rows, appended, forwardMs: stepper.lastForwardMs() });
    if (!beamSearchContinues(heuristicOpen, table, candidates, run.earlyStopping)) break;
    await stepper.reorder(running.map((b) => b.source));
    input = running.map((b) => [b.seq[b.seq.length - 1]!]);
  }
  const aborted = logits === null;
  if (aborted && stepper.steps > 0) table = finalizeRunning(table, running, run);
  return beamResult(table, options, run, aborted, stepper.steps > 0);
}

/** HF's outputs from the finished table; finishReason describes the best hypothesis. */
function beamResult(table: readonly Hypothesis[], options: GenerationOptions, run: BeamRun, aborted: boolean, started: boolean): SearchOutcome {
  const fill = beamFillId(options.padTokenId, [...run.eos]);
  const { sequences, scores } = beamOutputs(table, options.numReturnSequences, fill);
  const tokens = table[0]!.seq.slice(run.promptLength);
  const rows = table[0]!.rows;
  const last = tokens[tokens.length - 1];
  const finishReason = aborted ? 'aborted' : last !== undefined && run.eos.has(last) ? 'eos' : 'length';
  // Nothing was scored before the first step; 0 is the log-probability of the empty continuation.
  const sequencesScores = started ? scores : scores.map(() => 0);
  return { sequences, tokens, rows, finishReason, sequencesScores };
}

/** The K continuations (prompt + generated + next token), best first, marked when they must stop. */
function expand(scores: Float32Array, running: readonly Beam[], run: BeamRun): Candidate[] {
  return selectCandidates(scores, run.keep, run.rng).map((index): Candidate => {
    const source = Math.floor(index / run.vocab);
    const token = index % run.vocab;
    const seq = [...running[source]!.seq, token];
    const hit = seq.length >= run.maxLength || run.eos.has(token);
    return { seq, rows: [...running[source]!.rows, source], score: scores[index]!, source, hit };
  });
}

/** log_softmax → processors → + running score, all float32: [beams × vocab]. */
function accumulate(logits: Float32Array, running: readonly Beam[], run: BeamRun): Float32Array {
  const { vocab } = run;
  const scores = new Float32Array(logits.length);
  running.forEach((_, r) => {
    const span = [r * vocab, (r + 1) * vocab] as const;
    logSoftmaxInto(logits.subarray(...span), scores.subarray(...span));
  });
  applyProcessors(
    run.chain,
    scores,
    running.map((b) => b.seq),
    vocab,
  );
  running.forEach((beam, r) => {
    for (let i = r * vocab; i < (r + 1) * vocab; i++) scores[i] = scores[i]! + beam.score;
  });
  return scores;
}

/** Flat indices of the K continuations, best first: the top K, or K drawn without replacement. */
function selectCandidates(scores: Float32Array, keep: number, rng: Mulberry32 | null): number[] {
  if (!rng) return topKIndices(scores, keep);
  const picks = sampleWithoutReplacement(softmax(scores), keep, rng, scores);
  return picks.sort((a, b) => scores[b]! - scores[a]! || a - b);
}

/** The best numBeams candidates that did not stop; a stopped one only fills in at HF's -1e9 offset. */
function nextRunning(candidates: readonly Candidate[], numBeams: number): Beam[] {
  const penalised = candidates.map((c) => (c.hit ? Math.fround(c.score + MASK) : c.score));
  return topKIndices(penalised, numBeams).map((i) => ({
    seq: candidates[i]!.seq,
    rows: candidates[i]!.rows,
    score: penalised[i]!,
    source: candidates[i]!.source,
  }));
}

/**
 * On abort, the running beams count as finished at their current length (as if the length limit had
 * been reached), so the result is the best hypothesis available now.
 */
function finalizeRunning(table: readonly Hypothesis[], running: readonly Beam[], s: BeamSettings): Hypothesis[] {
  const entering = running.map((b): Hypothesis => ({
    seq: b.seq,
    rows: b.rows,
    score: Math.fround(b.score / lengthNorm(b.seq.length - s.promptLength, s.lengthPenalty)),
    finished: true,
  }));
  return keepBest([...table, ...entering], s.numBeams);
}
