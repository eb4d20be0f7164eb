import { describe, expect, it, vi } from 'vitest';
import { bigramLogits, FakeStepModel, treeLogits } from './fake-step-model';
import { generate } from './generate';
import type { StepModel } from './types';

const V = 7;
const chain = bigramLogits(V, { 1: [[3, 1]], 3: [[4, 1]], 4: [[5, 1]], 5: [[6, 1]], 6: [[3, 1]] });
const shortOrLong = treeLogits(V, 1, {
  '': { 2: 0.3, 3: 0.7 },
  '3': { 4: 0.6, 2: 0.4 },
  '3,4': { 5: 0.55, 2: 0.45 },
  '3,4,5': { 2: 1 },
});

describe('abort', () => {
  it('does not call the model when already aborted', async () => {
    const model = new FakeStepModel(V, chain);
    const controller = new AbortController();
    controller.abort();
    const result = await generate(model, [1], { maxNewTokens: 5 }, { signal: controller.signal });
    expect(model.forwardCalls).toHaveLength(0);
    expect(result).toMatchObject({ sequences: [[1]], tokens: [], finishReason: 'aborted', steps: 0 });
  });

  it('discards the step in flight and returns what was generated', async () => {
    const model = new FakeStepModel(V, chain);
    const controller = new AbortController();
    model.onForward = (call) => call === 3 && controller.abort();
    const result = await generate(model, [1], { maxNewTokens: 10 }, { signal: controller.signal });
    expect(result.tokens).toEqual([3, 4]);
    expect(result.sequences).toEqual([[1, 3, 4]]);
    expect(result.finishReason).toBe('aborted');
    expect(model.forwardCalls).toHaveLength(3);
  });

  it('stops before the next forward when aborted from onStep', async () => {
    const model = new FakeStepModel(V, chain);
    const controller = new AbortController();
    const onStep = () => controller.abort();
    const result = await generate(model, [1], { maxNewTokens: 10 }, { signal: controller.signal, onStep });
    expect(model.forwardCalls).toHaveLength(1);
    expect(result.tokens).toEqual([3]);
  });

  it('beam search returns the best hypothesis so far, running beams included', async () => {
    const model = new FakeStepModel(V, shortOrLong);
    const controller = new AbortController();
    model.onForward = (call) => call === 2 && controller.abort();
    const options = { eosTokenId: 2, numBeams: 2, maxNewTokens: 4 };
    const result = await generate(model, [1], options, { signal: controller.signal });
    // After one step: running [3] (log 0.7) beats the finished [2] (log 0.3).
    expect(result.sequences).toEqual([[1, 3]]);
    expect(result.sequencesScores![0]).toBeCloseTo(Math.log(0.7), 5);
    expect(result.finishReason).toBe('aborted');
  });

  it('beam search aborted before the first step returns the prompt', async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await generate(
      new FakeStepModel(V, shortOrLong),
      [1],
      { numBeams: 3, numReturnSequences: 2 },
      {
        signal: controller.signal,
      },
    );
    expect(result).toMatchObject({ sequences: [[1], [1]], sequencesScores: [0, 0], tokens: [] });
    expect(result.finishReason).toBe('aborted');
  });
});

describe('contract checks', () => {
  it('rejects logits of the wrong size', async () => {
    const broken: StepModel = { vocabSize: 5, forward: async () => new Float32Array(3), reorder: () => {} };
    await expect(generate(broken, [1], {})).rejects.toThrow(/expected 1 rows × 5/);
  });

  it('rejects an empty prompt and invalid options', async () => {
    const model = new FakeStepModel(V, chain);
    await expect(generate(model, [], {})).rejects.toThrow(RangeError);
    await expect(generate(model, [1], { numBeams: 2, numReturnSequences: 3 })).rejects.toThrow(RangeError);
  });

  it('reports per-step forward timings and the total', async () => {
    // A clock that moves only while the model runs: 10 ms per forward, nothing in between.
    let clock = 1000;
    const now = vi.spyOn(performance, 'now').mockImplementation(() => clock);
    try {
      const model = new FakeStepModel(V, chain);
      model.onForward = () => (clock += 10);
      const result = await generate(model, [1], { maxNewTokens: 3 });
      expect(result.timings.forwardMs).toEqual([10, 10, 10]);
      expect(result.timings.totalMs).toBe(30);
    } finally {
      now.mockRestore();
    }
  });
});
