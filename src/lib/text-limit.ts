/**
 * Whether a text is sure to be longer than CLIP's text encoder reads, known
 * before anything runs (the tokenizer lives in the worker). CLIP's
 * pre-tokenizer splits text into words, single digits and runs of symbols;
 * each piece becomes at least one BPE token, so counting pieces (plus the
 * start and end tokens) gives a floor under the token count. A floor above
 * the limit means the end of the text will certainly be ignored.
 */
const PIECES = /'s|'t|'re|'ve|'m|'ll|'d|\p{L}+|\p{N}|[^\s\p{L}\p{N}]+/gu;

/**
 * The text limit the worker falls back to when a model's tokenizer and config
 * name none (clip-text-batch.ts textTokenLimit); a model that names another
 * reports it after a run ("cut to N tokens").
 */
export const CLIP_TEXT_LIMIT = 77;

/** A lower bound on the CLIP tokens of `text`, start and end included. */
export function clipTokensAtLeast(text: string): number {
  return (text.toLowerCase().match(PIECES)?.length ?? 0) + 2;
}

/** The warning to show while the user types, or undefined when the text surely fits. */
export function clipLimitWarning(text: string, what: string, limit = CLIP_TEXT_LIMIT): string | undefined {
  const tokens = clipTokensAtLeast(text);
  if (tokens <= limit) return undefined;
  return `${what} is at least ${tokens} tokens; CLIP reads only the first ${limit}, so the end will be ignored. Shorten it to keep its meaning.`;
}
