import { describe, expect, it } from 'vitest';
import { FakeStepModel, hfTableLogits, treeLogits } from './fake-step-model';
import { generate } from './generate';
import { Mulberry32 } from './random';
import type { EarlyStopping, StepEvent } from './types';

// Vocabulary: 0 pad, 1 bos, 2 eos, 3..6 words. Trees give next-token probabilities per generated prefix.
const V = 7;
const greedyTrap = treeLogits(V, 1, {
  '': { 3: 0.5, 4: 0.4, 5: 0.1 },
  '3': { 5: 0.35, 6: 0.33, 2: 0.32 },
  '4': { 5: 0.9, 2: 0.1 },
  '3,5': { 2: 1 },
  '3,6': { 2: 1 },
  '4,5': { 2: 1 },
});
const shortOrLong = treeLogits(V, 1, {
  '': { 2: 0.3, 3: 0.7 },
  '3': { 4: 0.6, 2: 0.4 },
  '3,4': { 5: 0.55, 2: 0.45 },
  '3,4,5': { 2: 1 },
});
const ln = Math.log;

describe('beam search', () => {
  it('finds the sequence greedy misses and scores it as HF does', async () => {
    const greedy = await generate(new FakeStepModel(V, greedyTrap), [1], { eosTokenId: 2 });
    expect(greedy.tokens).toEqual([3, 5, 2]);
    const model = new FakeStepModel(V, greedyTrap);
    const beam = await generate(model, [1], { eosTokenId: 2, numBeams: 2 });
    expect(beam.sequences).toEqual([[1, 4, 5, 2]]);
    expect(beam.finishReason).toBe('eos');
    // sum of log-probs divided by the generated length (EOS included, prompt excluded)
    expect(beam.sequencesScores![0]).toBeCloseTo((ln(0.4) + ln(0.9)) / 3, 5);
    expect(model.forwardCalls[0]).toEqual([[1], [1]]);
  });

  it.each([
    [0, 'never', [2], ln(0.3)],
    [1, 'never', [3, 4, 5, 2], (ln(0.7) + ln(0.6) + ln(0.55)) / 4],
    [2, true, [3, 2], (ln(0.7) + ln(0.4)) / 4],
    [2, false, [3, 4, 5, 2], (ln(0.7) + ln(0.6) + ln(0.55)) / 16],
    [2, 'never', [3, 4, 5, 2], (ln(0.7) + ln(0.6) + ln(0.55)) / 16],
  ] as [number, EarlyStopping, number[], number][])('length penalty %d, early stopping %s → %j', async (lengthPenalty, earlyStopping, tokens, score) => {
    const result = await generate(new FakeStepModel(V, shortOrLong), [1], {
      eosTokenId: 2,
      numBeams: 2,
      maxNewTokens: 4,
      lengthPenalty,
      earlyStopping,
    });
    expect(result.tokens).toEqual(tokens);
    expect(result.sequencesScores![0]).toBeCloseTo(score, 5);
  });

  it('returns several hypotheses best first, padded with HF fill (pad 0 → first EOS id)', async () => {
    const result = await generate(new FakeStepModel(V, shortOrLong), [1], {
      eosTokenId: 2,
      padTokenId: 0,
      numBeams: 3,
      numReturnSequences: 3,
      maxNewTokens: 4,
      earlyStopping: 'never',
    });
    const scores = result.sequencesScores!;
    expect(scores).toHaveLength(3);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(result.sequences.every((s) => s.length === 5)).toBe(true);
    expect(result.sequences).toContainEqual([1, 3, 2, 2, 2]);
  });

  it('reorders the cache so each row continues its own hypothesis', async () => {
    const rng = new Mulberry32(3);
    const table = Array.from({ length: 64 }, () => Array.from({ length: 12 }, () => rng.nextFloat() * 6 - 3));
    const boost = Array.from({ length: 11 }, (_, n) => -2 + 0.4 * n);
    const model = new FakeStepModel(12, hfTableLogits(table, 5, 2, [2], boost));
    const best: number[][] = [];
    const problems: string[] = [];
    model.onForward = (call) => {
      const expected = best[call - 2];
      if (expected && !model.rows.some((r) => r.join() === expected.join())) problems.push(`forward ${call}`);
    };
    const onStep = (e: StepEvent) => best.push([1, 4, ...e.generated]);
    await generate(model, [1, 4], { eosTokenId: 2, numBeams: 4, maxNewTokens: 10, earlyStopping: 'never' }, { onStep });
    expect(problems).toEqual([]);
    expect(model.reorderCalls.length).toBeGreaterThan(0);
    expect(model.reorderCalls.some((r) => r.some((source, row) => source !== row))).toBe(true);
  });

  it('says which row computed each token of the returned and of the streamed hypothesis (HF beam_indices)', async () => {
    const rng = new Mulberry32(3);
    const table = Array.from({ length: 64 }, () => Array.from({ length: 12 }, () => rng.nextFloat() * 6 - 3));
    const boost = Array.from({ length: 11 }, (_, n) => -2 + 0.4 * n);
    const model = new FakeStepModel(12, hfTableLogits(table, 5, 2, [2], boost));
    // Every row's prefix as each forward saw it: token t came from the row whose prefix was prompt + tokens[0..t).
    const seen: number[][][] = [];
    model.onForward = () => seen.push(model.rows.map((row) => [...row]));
    const wrong: string[] = [];
    const follows = (tokens: readonly number[], rows: readonly number[], what: string) =>
      tokens.forEach((_, t) => {
        if (seen[t]?.[rows[t]!]?.join() !== [1, 4, ...tokens.slice(0, t)].join()) wrong.push(`${what} token ${t}`);
      });
    const onStep = (e: StepEvent) => follows(e.generated, e.rows, `step ${e.step}`);
    const result = await generate(model, [1, 4], { eosTokenId: 2, numBeams: 4, maxNewTokens: 10, earlyStopping: 'never' }, { onStep });
    expect(result.rows).toHaveLength(result.tokens.length);
    follows(result.tokens, result.rows, 'result');
    expect(wrong).toEqual([]);
    expect(new Set(result.rows).size).toBeGreaterThan(1);
  });

  it('streams the best running hypothesis and says when it was replaced', async () => {
    const events: StepEvent[] = [];
    const onStep = (e: StepEvent) => events.push(e);
    await generate(new FakeStepModel(V, greedyTrap), [1], { eosTokenId: 2, numBeams: 2 }, { onStep });
    expect(events[0]).toMatchObject({ generated: [3], appended: true });
    expect(events[1]).toMatchObject({ generated: [4, 5], appended: false });
  });
});
