import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('toCsv', () => {
  it('quotes fields with commas, quotes and new lines', () => {
    expect(
      toCsv([
        ['image', 'a, b'],
        ['say "hi"', 0.5],
        ['x\ny', 1],
      ]),
    ).toBe('image,"a, b"\r\n"say ""hi""",0.5\r\n"x\ny",1\r\n');
  });

  it.each(['=HYPERLINK("http://x.example","click")', '+1+2', '-2+3', '@SUM(A1)', '\t=1', '\r=1'])(
    'neutralises the formula cell %j with a leading apostrophe, quoted',
    (text) => {
      const line = toCsv([[text]]).slice(0, -2);
      expect(line.startsWith(`"'`)).toBe(true);
      expect(line.slice(2, -1).replaceAll('""', '"')).toBe(text);
    },
  );

  it('keeps numbers (negative cosines) and ordinary text as they are', () => {
    expect(toCsv([[-0.25, 'a cat', 'cat = dog']])).toBe('-0.25,a cat,cat = dog\r\n');
  });
});
