import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('toCsv', () => {
  it('quotes fields with commas, quotes and new lines', () => {
    expect(toCsv([['image', 'a, b'], ['say "hi"', 0.5], ['x\ny', 1]])).toBe('image,"a, b"\r\n"say ""hi""",0.5\r\n"x\ny",1\r\n');
  });
});
