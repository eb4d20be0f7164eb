/**
 * Which caption word to set beside CLIP's top label (issue 14): the first word equal to the label or to one
 * of its words (longest first, so "a" or "of" does not win over "rocket"), ignoring case and punctuation;
 * undefined when none matches, and the user picks one instead.
 */
const normalise = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

export function closestWordIndex(label: string, words: readonly string[]): number | undefined {
  const normalised = words.map(normalise);
  const whole = normalise(label);
  const exact = normalised.indexOf(whole);
  if (whole && exact >= 0) return exact;
  for (const part of label
    .split(/\s+/)
    .map(normalise)
    .filter(Boolean)
    .sort((a, b) => b.length - a.length)) {
    const index = normalised.indexOf(part);
    if (index >= 0) return index;
  }
  return undefined;
}
