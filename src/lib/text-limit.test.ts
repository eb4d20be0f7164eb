import { describe, expect, it } from 'vitest';
import { clipLimitWarning, clipTokensAtLeast, CLIP_TEXT_LIMIT } from './text-limit';

describe('CLIP text limit before running', () => {
  it('counts at least one token per word, digit and symbol run, plus start and end', () => {
    expect(clipTokensAtLeast('a photo of a cat')).toBe(7);
    expect(clipTokensAtLeast("it's 42!")).toBe(2 + 5);
    expect(clipTokensAtLeast('')).toBe(2);
  });

  it('warns only when the text surely exceeds the limit', () => {
    expect(clipLimitWarning('a photo of a cat', 'This label')).toBeUndefined();
    const long = Array.from({ length: CLIP_TEXT_LIMIT }, (_, index) => `word${'abc'[index % 3]}`).join(' ');
    expect(clipLimitWarning(long, 'This label')).toMatch(/^This label is at least 79 tokens; CLIP reads only the first 77/);
    expect(clipLimitWarning('one two three', 'The search text', 4)).toMatch(/at least 5 tokens; CLIP reads only the first 4/);
  });
});
