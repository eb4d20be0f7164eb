import type { TextCut } from '../../shared/protocol';

/** Says that CLIP read only the beginning of a text: it encodes at most `limit` tokens, as the reference does. */
export function TextCutNote({ cut, what }: { cut: TextCut | undefined; what: string }) {
  if (!cut) return null;
  return (
    <span
      role="note"
      aria-label={`${what} was cut`}
      className="ml-1 rounded bg-amber-100 px-1 text-xs font-normal text-amber-900"
      title={`${cut.tokens} tokens; CLIP reads the first ${cut.limit}, including start and end.`}
    >
      cut to {cut.limit} tokens
    </span>
  );
}
