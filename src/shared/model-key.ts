/**
 * The one definition of "the same model", used by the UI (is the loaded model
 * still the one the settings name?) and the worker (can this load be reused?).
 * Every field that changes the bytes fetched is part of it: a different host or
 * revision is a different model even when the spec id and dtype match.
 */
import type { Backend, DeviceSetting, ModelRef } from './protocol';

/** Same key, same files: spec, repository, revision, dtype and where they come from. */
export function modelKey(ref: ModelRef): string {
  return [ref.spec.id, ref.spec.repo, ref.spec.revision, ref.dtype, ref.source.host, ref.source.pathTemplate].join('|');
}

/** A loaded model: its files on one backend (the worker) or under one device setting (the UI). */
export function loadKey(ref: ModelRef, on: Backend | DeviceSetting): string {
  return `${modelKey(ref)}|${on}`;
}
