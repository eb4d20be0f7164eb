/**
 * Streamed attention maps arrive as edits, like streamed text (text-delta.ts): the worker sends the maps
 * from one word on, and the UI keeps the words before it. Question maps (VQA) come once per run.
 */
import type { BlipAttentionMaps, MapsDelta } from './protocol';

export function applyMapsDelta(current: BlipAttentionMaps | undefined, delta: MapsDelta): BlipAttentionMaps {
  const kept = current && current.layers === delta.layers && current.keyLength === delta.keyLength ? current : undefined;
  const question = delta.question ?? kept?.question;
  return {
    layers: delta.layers,
    keyLength: delta.keyLength,
    words: [...(kept?.words.slice(0, delta.from) ?? []), ...delta.words],
    steps: [...(kept?.steps.slice(0, delta.from) ?? []), ...delta.steps],
    ...(question ? { question } : {}),
  };
}
