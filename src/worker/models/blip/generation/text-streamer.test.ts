import { describe, expect, it } from 'vitest';
import { applyEdit as apply } from '../../../../shared/text-delta';
import { Mulberry32 } from './random';
import { stablePrefix, TextStreamer } from './text-streamer';

// A BERT-style WordPiece decode: "##" pieces join the previous word, and HF's
// clean_up_tokenization_spaces rewrites spaces around punctuation and contractions.
const VOCAB = ['[SEP]', 'a', 'cat', 'play', '##ing', '##s', '.', ',', "'", 's', "n't", 'do', "'s", '?', 'ball', '##y'];
VOCAB.push('!', "'re");
const SPECIAL = new Set([0]);

function decode(ids: number[]): string {
  const words = ids.filter((id) => !SPECIAL.has(id)).map((id) => VOCAB[id]!);
  const joined = words.map((w, i) => (w.startsWith('##') ? w.slice(2) : i === 0 ? w : ` ${w}`)).join('');
  return joined
    .replaceAll(' .', '.')
    .replaceAll(' ?', '?')
    .replaceAll(' !', '!')
    .replaceAll(' ,', ',')
    .replaceAll(" ' ", "'")
    .replaceAll(" n't", "n't")
    .replaceAll(" 'm", "'m")
    .replaceAll(" 's", "'s")
    .replaceAll(" 've", "'ve")
    .replaceAll(" 're", "'re");
}

const id = (w: string) => VOCAB.indexOf(w);

describe('TextStreamer', () => {
  it('holds back the last word until it cannot grow, then flushes at the end', () => {
    const s = new TextStreamer(decode);
    const deltas = ['a', 'cat', 'play', '##ing', '.', '[SEP]'].map((w) => s.put([id(w)]));
    expect(deltas.map((d) => d.text)).toEqual(['', 'a', ' cat', '', '', '']);
    expect(s.end()).toEqual({ rewind: 0, text: ' playing.' });
    expect(s.text).toBe('a cat playing.');
  });

  it('deltas of token-by-token streaming concatenate to the final decode (fuzzed)', () => {
    const rng = new Mulberry32(2024);
    for (let trial = 0; trial < 1500; trial++) {
      const length = 1 + Math.floor(rng.nextFloat() * 14);
      const ids = Array.from({ length }, () => Math.floor(rng.nextFloat() * VOCAB.length));
      const s = new TextStreamer(decode);
      let out = '';
      for (const t of ids) {
        const d = s.put([t]);
        expect(d.rewind).toBe(0);
        out += d.text;
      }
      const last = s.end();
      expect(last.rewind).toBe(0);
      out += last.text;
      expect(out).toBe(decode(ids));
    }
  });

  it('rewinds when a beam hypothesis is replaced, and still ends on the final text', () => {
    const s = new TextStreamer(decode);
    let text = '';
    const steps = [['a'], ['a', 'cat'], ['a', 'cat', 'play'], ['a', 'ball', 'play'], ['a', 'ball', 'play', '##s', 'a']];
    for (const words of steps) text = apply(text, s.set(words.map(id)));
    expect(text).toBe('a ball plays');
    const final = ['a', 'cat', 'do', "n't", '.'].map(id);
    text = apply(text, s.end(final));
    expect(text).toBe(decode(final));
    expect(text).toBe("a cat don't.");
  });

  it('stablePrefix drops the trailing word and its leading whitespace', () => {
    expect(stablePrefix('a cat play')).toBe('a cat');
    expect(stablePrefix('a cat ')).toBe('a');
    expect(stablePrefix('word')).toBe('');
    expect(stablePrefix('')).toBe('');
  });
});
