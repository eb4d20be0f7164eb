/**
 * CLIP text inputs as the reference builds them. HF's tokenizer, asked to
 * truncate, cuts the words and keeps the special tokens: [BOS] + the first
 * limit-2 tokens + [EOS]. transformers.js cuts the finished sequence instead and
 * loses [EOS]; the text tower pools at the first [EOS], so every text longer
 * than the limit then pooled at a word and got a wrong embedding (issue 13).
 */

export interface TextBatch {
  /** Rows padded on the right to the longest, as HF pads CLIP. */
  ids: number[][];
  mask: number[][];
  /** Token count before cutting, for each text that was cut; undefined for the rest. */
  cutFrom: (number | undefined)[];
}

/** `encoded` holds each text's ids with special tokens (the last one is [EOS]). */
export function buildTextBatch(encoded: readonly (readonly number[])[], limit: number, padId: number): TextBatch {
  const rows = encoded.map((ids) => fitToLimit(ids, limit));
  const width = Math.max(0, ...rows.map((row) => row.length));
  return {
    ids: rows.map((row) => [...row, ...new Array<number>(width - row.length).fill(padId)]),
    mask: rows.map((row) => [...new Array<number>(row.length).fill(1), ...new Array<number>(width - row.length).fill(0)]),
    cutFrom: encoded.map((ids) => (ids.length > limit ? ids.length : undefined)),
  };
}

function fitToLimit(ids: readonly number[], limit: number): number[] {
  if (ids.length <= limit) return [...ids];
  const end = ids[ids.length - 1] as number;
  return [...ids.slice(0, limit - 1), end];
}

/** The model's text limit: the tokenizer's and the position table's, whichever is smaller and known. */
export function textTokenLimit(tokenizerMax: unknown, maxPositions: unknown): number {
  const known = [tokenizerMax, maxPositions].filter(
    (value): value is number => typeof value === 'number' && Number.isInteger(value) && value > 2 && value < 1e6,
  );
  return known.length ? Math.min(...known) : 77;
}
