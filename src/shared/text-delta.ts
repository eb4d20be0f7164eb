/**
 * Streamed text arrives as edits, not appends: beam search can replace the
 * words it streamed. The worker's streamer produces them and the UI applies
 * them; both sides (and their tests) use this one definition.
 */
export interface TextEdit {
  /** Characters to drop from the end of what was streamed so far. */
  rewind: number;
  /** Text to append after that. */
  text: string;
}

export function applyEdit(current: string, edit: TextEdit): string {
  return current.slice(0, Math.max(0, current.length - edit.rewind)) + edit.text;
}
