/**
 * CLIP prompt templates: `{}` marks where the label goes, as in
 * "a photo of a {}". Templates matter because CLIP was trained on captions,
 * not bare words; the paper reports a few points of accuracy from them.
 */
export const DEFAULT_TEMPLATE = 'a photo of a {}';
const SLOT = '{}';

export type TemplateCheck = { ok: true } | { ok: false; reason: string };

export function checkTemplate(template: string): TemplateCheck {
  if (!template.trim()) return { ok: false, reason: 'The template is empty.' };
  if (!template.includes(SLOT)) return { ok: false, reason: 'The template needs {} where the label goes, e.g. “a photo of a {}”.' };
  return { ok: true };
}

/** Every `{}` is replaced, so "a {} next to another {}" works as written. */
export function applyTemplate(template: string, label: string): string {
  return template.split(SLOT).join(label.trim());
}

/** Splits pasted text on commas and new lines into clean, unique labels (first spelling wins). */
export function parseLabels(text: string): string[] {
  const seen = new Set<string>();
  const labels: string[] = [];
  for (const part of text.split(/[,\n\r]+/)) {
    const label = part.trim().replace(/\s+/g, ' ');
    const key = label.toLowerCase();
    if (!label || seen.has(key)) continue;
    seen.add(key);
    labels.push(label);
  }
  return labels;
}
