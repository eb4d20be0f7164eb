import { describe, expect, it } from 'vitest';
import { bigramLogits, FakeStepModel, type LogitsFn } from './fake-step-model';
import { generate } from './generate';
import type { StepEvent } from './types';

// Vocabulary: 0 pad, 1 bos, 2 eos, 3..7 words.
const V = 8;
const chain = bigramLogits(V, {
  1: [
    [3, 2],
    [4, 1],
  ],
  3: [
    [4, 2],
    [5, 1],
  ],
  4: [
    [5, 2],
    [2, 1],
  ],
  5: [
    [2, 3],
    [6, 1],
  ],
  6: [[7, 1]],
  7: [[6, 1]],
});

describe('greedy', () => {
  it('follows the argmax and stops at EOS, keeping it', async () => {
    const model = new FakeStepModel(V, chain);
    const result = await generate(model, [1], { eosTokenId: 2, maxNewTokens: 10 });
    expect(result.sequences).toEqual([[1, 3, 4, 5, 2]]);
    expect(result.tokens).toEqual([3, 4, 5, 2]);
    expect(result.finishReason).toBe('eos');
    expect(result.steps).toBe(4);
    expect(result.timings.forwardMs).toHaveLength(4);
    expect(result.sequencesScores).toBeUndefined();
    expect(model.forwardCalls).toEqual([[[1]], [[3]], [[4]], [[5]]]);
  });

  it('stops at maxNewTokens with reason length', async () => {
    const result = await generate(new FakeStepModel(V, chain), [1], { eosTokenId: 2, maxNewTokens: 2 });
    expect(result.tokens).toEqual([3, 4]);
    expect(result.finishReason).toBe('length');
  });

  it('runs to the limit without an EOS id', async () => {
    const result = await generate(new FakeStepModel(V, chain), [1], { maxNewTokens: 6 });
    expect(result.tokens).toEqual([3, 4, 5, 2, 0, 0]);
    expect(result.finishReason).toBe('length');
  });

  it('min new tokens masks EOS until reached', async () => {
    const options = { eosTokenId: 2, minNewTokens: 4, maxNewTokens: 8 };
    const result = await generate(new FakeStepModel(V, chain), [1], options);
    expect(result.tokens).toEqual([3, 4, 5, 6, 7, 6, 7, 6]);
  });

  it('stops at any of several EOS ids', async () => {
    const result = await generate(new FakeStepModel(V, chain), [1], { eosTokenId: [9, 5], maxNewTokens: 8 });
    expect(result.tokens).toEqual([3, 4, 5]);
    expect(result.finishReason).toBe('eos');
  });

  it('repetition penalty covers the prompt and the generated tokens', async () => {
    // Token 3 would win every step; with the penalty a fresh token wins once 3 was seen.
    const flat: LogitsFn = () => [0, 0, -5, 2, 1.8, 1.7, 1.6, 1.5];
    const plain = await generate(new FakeStepModel(V, flat), [1], { maxNewTokens: 3 });
    expect(plain.tokens).toEqual([3, 3, 3]);
    const penalised = await generate(new FakeStepModel(V, flat), [1], { maxNewTokens: 3, repetitionPenalty: 1.3 });
    expect(penalised.tokens).toEqual([3, 4, 5]);
    const inPrompt = await generate(new FakeStepModel(V, flat), [1, 3], { maxNewTokens: 1, repetitionPenalty: 1.3 });
    expect(inPrompt.tokens).toEqual([4]);
  });

  it('streams row 0 after every step', async () => {
    const events: StepEvent[] = [];
    await generate(new FakeStepModel(V, chain), [1], { eosTokenId: 2 }, { onStep: (e) => events.push(e) });
    expect(events.map((e) => e.generated)).toEqual([[3], [3, 4], [3, 4, 5], [3, 4, 5, 2]]);
    expect(events.every((e) => e.appended)).toBe(true);
    expect(events.map((e) => e.step)).toEqual([1, 2, 3, 4]);
    expect(events.map((e) => e.rows)).toEqual([[0], [0, 0], [0, 0, 0], [0, 0, 0, 0]]);
  });
});

// Uniform over words 3..7 after any prefix, EOS 2 with small probability.
const spread: LogitsFn = () => [-Infinity, -Infinity, -1, 0.5, 0.4, 0.3, 0.2, 0.1];

describe('sampling', () => {
  it('is deterministic for a seed', async () => {
    const run = (seed: number) => generate(new FakeStepModel(V, spread), [1], { doSample: true, seed, maxNewTokens: 12, eosTokenId: 2 });
    expect((await run(5)).sequences).toEqual((await run(5)).sequences);
    const distinct = new Set(await Promise.all([1, 2, 3, 4, 5, 6].map(async (s) => (await run(s)).tokens.join())));
    expect(distinct.size).toBeGreaterThan(1);
  });

  it('top-k 1 equals greedy', async () => {
    const options = { doSample: true, topK: 1, seed: 9, eosTokenId: 2 };
    const sampled = await generate(new FakeStepModel(V, chain), [1], options);
    expect(sampled.tokens).toEqual([3, 4, 5, 2]);
  });

  it('only draws inside top-k and top-p', async () => {
    const seen = new Set<number>();
    for (let seed = 0; seed < 40; seed++) {
      const r = await generate(new FakeStepModel(V, spread), [1], { doSample: true, topK: 2, seed, maxNewTokens: 5 });
      r.tokens.forEach((t) => seen.add(t));
    }
    expect([...seen].sort()).toEqual([3, 4]);
    seen.clear();
    // probabilities of 3, 4, 5 after temperature 0.1 are ~0.63, 0.23, 0.09: top-p 0.8 keeps 3 and 4.
    for (let seed = 0; seed < 40; seed++) {
      const r = await generate(new FakeStepModel(V, spread), [1], {
        doSample: true,
        topK: 0,
        topP: 0.8,
        temperature: 0.1,
        seed,
        maxNewTokens: 5,
      });
      r.tokens.forEach((t) => seen.add(t));
    }
    expect([...seen].sort()).toEqual([3, 4]);
  });

  it('pads finished rows with the pad id and feeds them to the model', async () => {
    // EOS is likely, so rows finish at different steps.
    const eosLikely: LogitsFn = () => [-Infinity, -Infinity, 0.5, 0, 0, 0, 0, 0];
    const model = new FakeStepModel(V, eosLikely);
    const result = await generate(model, [1], {
      doSample: true,
      numReturnSequences: 4,
      seed: 3,
      eosTokenId: 2,
      padTokenId: 0,
      maxNewTokens: 10,
    });
    expect(model.forwardCalls[0]).toEqual([[1], [1], [1], [1]]);
    expect(result.sequences).toHaveLength(4);
    const width = result.sequences[0]!.length;
    for (const seq of result.sequences) {
      expect(seq).toHaveLength(width);
      const end = seq.indexOf(2);
      if (end >= 0) expect(seq.slice(end + 1).every((t) => t === 0)).toBe(true);
    }
    expect(new Set(result.sequences.map((s) => s.indexOf(2))).size).toBeGreaterThan(1);
    const row0 = result.sequences[0]!;
    const end = row0.indexOf(2);
    expect(result.tokens).toEqual(end >= 0 ? row0.slice(1, end + 1) : row0.slice(1));
    expect(result.finishReason).toBe(end >= 0 ? 'eos' : 'length');
  });
});
