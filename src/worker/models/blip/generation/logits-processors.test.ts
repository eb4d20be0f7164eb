import { describe, expect, it } from 'vitest';
import { buildLogitsProcessors, minNewTokens, repetitionPenalty, temperature, topK, topP } from './logits-processors';
import { withDefaults } from './options';

const row = (...v: number[]) => Float32Array.from(v);

describe('logits processors', () => {
  it('repetition penalty divides positive and multiplies negative scores, once per distinct token', () => {
    const s = row(2, -2, 2, 1);
    repetitionPenalty(2)(s, [0, 1, 1, 0]);
    expect([...s]).toEqual([1, -4, 2, 1]);
  });

  it('min new tokens masks every EOS id until enough tokens were generated', () => {
    const p = minNewTokens(2, 2, [1, 3]);
    const s = row(0, 0, 0, 0);
    p(s, [9, 9, 5]);
    expect([...s]).toEqual([0, -Infinity, 0, -Infinity]);
    const t = row(0, 0, 0, 0);
    p(t, [9, 9, 5, 6]);
    expect([...t]).toEqual([0, 0, 0, 0]);
  });

  it('temperature divides by the float32 temperature', () => {
    const s = row(1.4, -0.7);
    temperature(0.7)(s, []);
    expect(s[0]).toBeCloseTo(2, 6);
    expect(s[1]).toBeCloseTo(-1, 6);
  });

  it('top-k keeps ties with the k-th value and honours min tokens to keep', () => {
    const s = row(1, 3, 2, 2, 0);
    topK(2, 1)(s, []);
    expect([...s]).toEqual([-Infinity, 3, 2, 2, -Infinity]);
    const t = row(1, 3, 2, 0);
    topK(1, 3)(t, []);
    expect([...t]).toEqual([1, 3, 2, -Infinity]);
  });

  it('top-p drops the low tail whose mass is within 1 - p', () => {
    // probabilities 0.5, 0.25, 0.125, 0.125
    const s = row(Math.log(0.5), Math.log(0.25), Math.log(0.125), Math.log(0.125));
    topP(0.7, 1)(s, []);
    expect(s.slice(0, 2).every(Number.isFinite)).toBe(true);
    expect([...s.slice(2)]).toEqual([-Infinity, -Infinity]);
    const t = row(Math.log(0.5), Math.log(0.25), Math.log(0.125), Math.log(0.125));
    topP(0.01, 2)(t, []);
    expect([...t].filter(Number.isFinite)).toHaveLength(2);
  });

  it('neutral values build no processors; warpers only when sampling', () => {
    expect(buildLogitsProcessors(withDefaults({}), 1, [2])).toHaveLength(0);
    expect(buildLogitsProcessors(withDefaults({ temperature: 0.5, topP: 0.5 }), 1, [2])).toHaveLength(0);
    expect(buildLogitsProcessors(withDefaults({ doSample: true, topK: 0 }), 1, [2])).toHaveLength(0);
    expect(buildLogitsProcessors(withDefaults({ doSample: true }), 1, [2])).toHaveLength(1);
    expect(buildLogitsProcessors(withDefaults({ minNewTokens: 3 }), 1, [])).toHaveLength(0);
  });

  it('applies HF order: penalty, min tokens, temperature, top-k, top-p', () => {
    const options = withDefaults({
      doSample: true,
      repetitionPenalty: 2,
      minNewTokens: 5,
      temperature: 0.5,
      topK: 3,
      topP: 0.9,
    });
    const chain = buildLogitsProcessors(options, 1, [0]);
    expect(chain).toHaveLength(5);
    const s = row(4, 4, 2, 1, 0.5);
    for (const p of chain) p(s, [7, 1]);
    // penalty: token 1 → 2; EOS 0 masked; /0.5 → [-inf, 4, 4, 2, 1]; top-3 keeps 4, 4, 2.
    expect(s[0]).toBe(-Infinity);
    expect(s[4]).toBe(-Infinity);
    expect([s[1], s[2]]).toEqual([4, 4]);
  });

  it('beam sampling keeps at least #EOS + 1 tokens per beam in top-k', () => {
    const chain = buildLogitsProcessors(withDefaults({ doSample: true, numBeams: 2, topK: 1 }), 1, [0, 1]);
    const s = row(5, 4, 3, 2);
    for (const p of chain) p(s, [9]);
    expect([...s].filter(Number.isFinite)).toHaveLength(3);
  });
});
