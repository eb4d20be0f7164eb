/**
 * Turns generated token ids into text deltas, like HF's TextStreamer: decode the whole generated part
 * each time and emit only the new suffix. What is emitted must stay true, so the last word and the
 * whitespace before it are held back: a WordPiece "##" piece can still extend the word, and BERT's
 * decode cleanup rewrites the space before punctuation and contractions (" ." → ".", " ' s" → "'s").
 * Everything is released by `end`.
 *
 * Applying the deltas in order (drop `rewind` characters, then append `text`) always yields the final
 * decoded text. With greedy or sampled tokens the rewind is 0 in practice, so plain concatenation
 * works; it is non-zero only when the hypothesis itself changes (beam search streams its best beam).
 */

export interface TextDelta {
  /** Characters to remove from the end of the text emitted so far, before appending `text`. */
  rewind: number;
  text: string;
}

export class TextStreamer {
  private ids: number[] = [];
  private emitted = '';

  constructor(private readonly decode: (ids: number[]) => string) {}

  /** The text emitted so far (after applying every delta). */
  get text(): string {
    return this.emitted;
  }

  /** Appends new tokens (greedy or sampling). */
  put(tokens: readonly number[]): TextDelta {
    this.ids.push(...tokens);
    return this.advance(false);
  }

  /** Replaces the whole generated sequence (beam search's current best hypothesis). */
  set(ids: readonly number[]): TextDelta {
    this.ids = [...ids];
    return this.advance(false);
  }

  /** Releases the held-back text; pass the final ids when they differ from the last ones streamed. */
  end(finalIds?: readonly number[]): TextDelta {
    if (finalIds) this.ids = [...finalIds];
    return this.advance(true);
  }

  private advance(final: boolean): TextDelta {
    const full = this.decode([...this.ids]);
    const target = final ? full : stablePrefix(full);
    const current = this.emitted;
    if (target.startsWith(current)) {
      this.emitted = target;
      return { rewind: 0, text: target.slice(current.length) };
    }
    // The stable part shrank below what was shown; while the full text still extends it, just wait.
    if (!final && full.startsWith(current)) return { rewind: 0, text: '' };
    const common = commonPrefixLength(current, target);
    this.emitted = target;
    return { rewind: current.length - common, text: target.slice(common) };
  }
}

/** The text minus trailing whitespace, its last word and the whitespace before it ('' for one word). */
export function stablePrefix(text: string): string {
  let end = text.length;
  while (end > 0 && isSpace(text[end - 1]!)) end--;
  while (end > 0 && !isSpace(text[end - 1]!)) end--;
  while (end > 0 && isSpace(text[end - 1]!)) end--;
  return text.slice(0, end);
}

function isSpace(ch: string): boolean {
  return /\s/.test(ch);
}

function commonPrefixLength(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}
