/**
 * Greedy decoding and multinomial sampling: HF v5 `_sample`. Rows are the prompt repeated
 * numReturnSequences times (1 for greedy); a row that finished keeps receiving the pad id, as in HF,
 * until every row has finished or the length limit is hit.
 */
import { applyProcessors, buildLogitsProcessors } from './logits-processors';
import { argmax, softmax } from '../../../../shared/math';
import { batchRows, eosIdList, padId } from './options';
import { Mulberry32, randomSeed, sampleIndex } from './random';
import type { Stepper } from './stepper';
import type { FinishReason, GenerationOptions, StepEvent } from './types';

export interface SearchInput {
  stepper: Stepper;
  prompt: readonly number[];
  options: GenerationOptions;
  onStep?: (event: StepEvent) => void;
}

export interface SearchOutcome {
  sequences: number[][];
  tokens: number[];
  rows: number[];
  finishReason: FinishReason;
  sequencesScores?: number[];
}

export async function greedyOrSample({ stepper, prompt, options, onStep }: SearchInput): Promise<SearchOutcome> {
  const vocab = stepper.vocabSize;
  const rows = batchRows(options);
  const eos = eosIdList(options);
  const eosSet = new Set(eos);
  const pad = padId(options) ?? 0;
  const maxLength = prompt.length + options.maxNewTokens;
  const chain = buildLogitsProcessors(options, prompt.length, eos);
  const rng = options.doSample ? new Mulberry32(options.seed ?? randomSeed()) : null;
  const sequences = Array.from({ length: rows }, () => [...prompt]);
  const generatedLength = new Array<number>(rows).fill(0);
  const unfinished = new Array<boolean>(rows).fill(true);
  let input = sequences.map((s) => [...s]);
  let aborted = false;
  for (;;) {
    const scores = await stepper.forward(input);
    if (!scores) {
      aborted = true;
      break;
    }
    applyProcessors(chain, scores, sequences, vocab);
    const row0WasOpen = unfinished[0]!;
    for (let r = 0; r < rows; r++) {
      // Every row draws (finished ones too) so the PRNG stream matches HF's batched multinomial.
      let token = pickToken(scores.subarray(r * vocab, (r + 1) * vocab), rng);
      if (eos.length > 0 && !unfinished[r]) token = pad;
      sequences[r]!.push(token);
      if (unfinished[r]) generatedLength[r]!++;
      const done = sequences[r]!.length >= maxLength || eosSet.has(token);
      unfinished[r] = unfinished[r]! && !done;
    }
    const generated = sequences[0]!.slice(prompt.length, prompt.length + generatedLength[0]!);
    onStep?.({
      step: stepper.steps,
      generated,
      rows: generated.map(() => 0),
      appended: row0WasOpen,
      forwardMs: stepper.lastForwardMs(),
    });
    if (!unfinished.some(Boolean)) break;
    input = sequences.map((s) => [s[s.length - 1]!]);
  }
  const tokens = sequences[0]!.slice(prompt.length, prompt.length + generatedLength[0]!);
  const last = tokens[tokens.length - 1];
  const finishReason: FinishReason = aborted ? 'aborted' : last !== undefined && eosSet.has(last) ? 'eos' : 'length';
  return { sequences, tokens, rows: tokens.map(() => 0), finishReason };
}

function pickToken(scores: Float32Array, rng: Mulberry32 | null): number {
  if (!rng) return argmax(scores);
  const picked = sampleIndex(softmax(scores), rng);
  // Only an all -inf row has nothing to draw (torch would raise); fall back to index 0 like argmax.
  return picked >= 0 ? picked : argmax(scores);
}
