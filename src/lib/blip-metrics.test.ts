import { describe, expect, it } from 'vitest';
import { generatedTokens, tokensPerSecond } from './blip-metrics';

describe('BLIP run metrics', () => {
  it('counts generated tokens without the prompt, and measures speed without the first (prompt) step', () => {
    expect(generatedTokens({ sequence: [30522, 1037, 4937, 102], promptIds: [30522] })).toBe(3);
    expect(tokensPerSecond({ timings: { stepMs: [500, 10, 30] } as never })).toBe(50);
    expect(tokensPerSecond({ timings: { stepMs: [500] } as never })).toBeUndefined();
    expect(tokensPerSecond(undefined)).toBeUndefined();
  });
});
