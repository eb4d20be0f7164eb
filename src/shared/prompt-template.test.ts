import { describe, expect, it } from 'vitest';
import { applyTemplate, checkTemplate, parseLabels } from './prompt-template';

describe('prompt templates', () => {
  it('fills every slot with the trimmed label', () => {
    expect(applyTemplate('a photo of a {}', ' cat ')).toBe('a photo of a cat');
    expect(applyTemplate('a {} next to another {}', 'dog')).toBe('a dog next to another dog');
  });

  it('rejects templates without a slot or with nothing in them', () => {
    expect(checkTemplate('a photo of a cat')).toEqual({ ok: false, reason: expect.stringContaining('{}') });
    expect(checkTemplate('   ').ok).toBe(false);
    expect(checkTemplate('{}').ok).toBe(true);
  });

  it('parses comma- and newline-separated labels, dropping blanks and duplicates', () => {
    expect(parseLabels('cat, dog\n\nhot  dog,Cat,\r\nbird')).toEqual(['cat', 'dog', 'hot dog', 'bird']);
    expect(parseLabels(' , \n')).toEqual([]);
  });
});
