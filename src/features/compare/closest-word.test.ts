import { describe, expect, it } from 'vitest';
import { closestWordIndex } from './closest-word';

describe('closestWordIndex', () => {
  it('finds the label among the words, ignoring case and punctuation', () => {
    expect(closestWordIndex('Cat', ['a', 'cat.', 'on', 'a', 'mat'])).toBe(1);
  });
  it('falls back to a word of a multi-word label', () => {
    expect(closestWordIndex('a photo of a rocket', ['a', 'rocket', 'launches'])).toBe(1);
    expect(closestWordIndex('space rocket', ['the', 'rocket', 'launches'])).toBe(1);
  });
  it('is undefined when nothing matches, so the user picks', () => {
    expect(closestWordIndex('dog', ['a', 'cat'])).toBeUndefined();
    expect(closestWordIndex('', ['a', 'cat'])).toBeUndefined();
  });
});
