/**
 * What each place shows of a failed load (error-causes.ts groups them): the
 * cause's whole message at its home, a one-line pointer everywhere else.
 */
import type { ErrorView } from '../shared/error-view';
import type { ModelTask } from '../shared/model-registry';
import { TASK_LABELS } from '../shared/task-labels';
import type { AppState } from './app-state';
import { errorCauses, homeOf, showsCause, type ErrorCause, type ErrorPlace } from './error-causes';
import { useAppStore } from './store';

const WHERE: Record<ErrorPlace, string> = {
  top: 'above the gallery',
  models: 'in the Models panel',
  clip: 'in the CLIP panel',
  caption: 'under BLIP → Caption',
  vqa: 'under BLIP → Visual question answering',
  compare: 'under “CLIP vs BLIP, live”',
};

/** A stable DOM id per cause, so pointers can link to its message. */
function causeId(cause: ErrorCause): string {
  let hash = 5381;
  for (const char of cause.key) hash = ((hash * 33) ^ char.charCodeAt(0)) >>> 0;
  return `problem-${hash.toString(36)}`;
}

function listed(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

function firstSentence(text: string): string {
  const end = text.search(/[.!?](\s|$)/);
  return end < 0 ? text : text.slice(0, end);
}

function message(state: AppState, cause: ErrorCause): ErrorView {
  const { loadModel, inspectModel, useDemoModels } = state;
  const labels = listed(cause.tasks.map((task) => TASK_LABELS[task]));
  const models = listed(cause.tasks.map((task) => state.modelRef(task)?.spec.displayName ?? TASK_LABELS[task]));
  const onRetry =
    cause.tasks.length > 0
      ? () => cause.tasks.forEach((task) => void loadModel(task).catch(() => undefined))
      : () => (['clip', 'caption', 'vqa', 'itm'] as const).forEach((task) => void inspectModel(task, true));
  const connection = cause.kind === 'host';
  return {
    mode: 'message',
    id: causeId(cause),
    title: cause.tasks.length > 0 ? `${labels} could not be loaded.` : `The model host (${cause.host}) cannot be reached.`,
    error: cause.error,
    tried: cause.tasks.length > 0 ? `Tried: ${models}, from ${cause.host}.` : `Tried: looking up the models' sizes on ${cause.host}.`,
    retryLabel: cause.tasks.length > 0 ? `Retry loading ${labels}` : `Retry reaching ${cause.host}`,
    onRetry,
    ...(connection && state.demoAvailable ? { onUseDemo: useDemoModels } : {}),
    ...(connection && !state.demoAvailable ? { hint: 'Connect to the internet, or set a reachable mirror in Settings.' } : {}),
  };
}

function pointer(cause: ErrorCause, task: ModelTask | undefined, home: ErrorPlace): ErrorView {
  const what = task ? `${TASK_LABELS[task]} could not be loaded` : 'A model could not be loaded';
  const why = cause.kind === 'host' ? `the same connection problem with ${cause.host}` : firstSentence(cause.error.message);
  return { mode: 'pointer', targetId: causeId(cause), text: `${what}: ${why}.`, where: WHERE[home] };
}

/** What `place` shows for `task`'s failed load (or, without a task, for a host problem); undefined when nothing failed. */
export function errorViewAt(state: AppState, place: ErrorPlace, task?: ModelTask): ErrorView | undefined {
  const causes = errorCauses(state);
  const cause = task ? causes.find((candidate) => candidate.tasks.includes(task)) : causes.find((candidate) => candidate.kind === 'host');
  if (!cause || !showsCause(place, cause)) return undefined;
  const home = homeOf(state, cause);
  // One message per place too: the first of the cause's tasks this place shows carries it.
  const carrier = cause.tasks.find((candidate) => place === 'models' || place === 'top' || showsCause(place, { ...cause, tasks: [candidate] }));
  if (home === place && (task === undefined || task === carrier)) return message(state, cause);
  if (home === place && carrier) return pointer(cause, task, place);
  return home === place ? undefined : pointer(cause, task, home);
}

export function useErrorView(place: ErrorPlace, task?: ModelTask): ErrorView | undefined {
  return errorViewAt(useAppStore(), place, task);
}
