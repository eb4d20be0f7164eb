/**
 * Shareable links: labels, template, question, caption prefix, decoding and
 * model settings travel in the URL (never images). Opening such a link
 * restores them.
 */
import { checkTemplate } from '../shared/prompt-template';
import type { DecodingSettings, DeviceSetting } from '../shared/protocol';
import type { AppState } from './app-state';
import type { Settings } from './settings-slice';

export const SHARE_PARAM = 'share';

export interface SharedState {
  labels: string[];
  template: string;
  question: string;
  prefix: string;
  captionDecoding: DecodingSettings;
  vqaDecoding: DecodingSettings;
  device: DeviceSetting;
  dtypes: Settings['dtypes'];
  selected: Settings['selected'];
}

export function sharedStateOf(state: AppState): SharedState {
  return {
    labels: state.clipLabels,
    template: state.clipTemplate,
    question: state.vqaQuestion,
    prefix: state.captionPrompt,
    captionDecoding: state.captionDecoding,
    vqaDecoding: state.vqaDecoding,
    device: state.settings.device,
    dtypes: state.settings.dtypes,
    selected: state.settings.selected,
  };
}

export function shareUrl(state: AppState, location: { origin: string; pathname: string; search: string }): string {
  const params = new URLSearchParams(location.search);
  params.set(SHARE_PARAM, JSON.stringify(sharedStateOf(state)));
  return `${location.origin}${location.pathname}?${params.toString()}`;
}

/** Reads a shared state from a query string; anything malformed is ignored rather than half-applied. */
export function readSharedState(search: string): Partial<SharedState> | undefined {
  const raw = new URLSearchParams(search).get(SHARE_PARAM);
  if (!raw) return undefined;
  try {
    const parsed = JSON.parse(raw) as Partial<SharedState>;
    return typeof parsed === 'object' && parsed !== null ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export function stateFromShare(shared: Partial<SharedState>, current: AppState): Partial<AppState> {
  const patch: Partial<AppState> = {};
  if (Array.isArray(shared.labels) && shared.labels.every((label) => typeof label === 'string')) patch.clipLabels = shared.labels;
  if (typeof shared.template === 'string' && checkTemplate(shared.template).ok) patch.clipTemplate = shared.template;
  if (typeof shared.question === 'string') patch.vqaQuestion = shared.question;
  if (typeof shared.prefix === 'string') patch.captionPrompt = shared.prefix;
  if (shared.captionDecoding) patch.captionDecoding = { ...current.captionDecoding, ...shared.captionDecoding };
  if (shared.vqaDecoding) patch.vqaDecoding = { ...current.vqaDecoding, ...shared.vqaDecoding };
  const settings: Partial<Settings> = {};
  if (shared.device === 'auto' || shared.device === 'webgpu' || shared.device === 'wasm') settings.device = shared.device;
  if (shared.dtypes && typeof shared.dtypes === 'object') settings.dtypes = { ...current.settings.dtypes, ...shared.dtypes };
  if (shared.selected && typeof shared.selected === 'object') settings.selected = { ...current.settings.selected, ...shared.selected };
  if (Object.keys(settings).length) patch.settings = { ...current.settings, ...settings };
  return patch;
}
