/**
 * One message per cause, not per panel. With the model host unreachable,
 * "Run both" failed in five places with five copies of one error, each with a
 * Retry that would fail again. Load failures are grouped here by what caused
 * them — the host (a connection problem, shared by every model on it) or one
 * model (a missing file, a broken export) — and each cause gets one home where
 * its whole message shows: the place the user last acted in when that place
 * shows the cause, else a fixed default. Every other place points there.
 */
import type { AppErrorData } from '../shared/errors';
import { loadKey, modelKey } from '../shared/model-key';
import { MODEL_TASKS, type ModelTask } from '../shared/model-registry';
import type { AppState } from './app-state';

/** Where an error can show: the banner above the gallery, the Models panel, a tool (BLIP per tab) or the comparison. */
export type ErrorPlace = 'top' | 'models' | 'clip' | 'caption' | 'vqa' | 'compare';

export interface ErrorCause {
  /** `host:<host>` for a connection problem, `model:<load key>` for one model's own failure. */
  key: string;
  kind: 'host' | 'model';
  host: string;
  /** The first failed load's error; for a host found unreachable before any load, one that says so. */
  error: AppErrorData;
  /** Tasks whose load failed from this cause, in registry order (empty when only the size lookup failed). */
  tasks: ModelTask[];
}

/** Codes a flaky or unreachable host produces: any model on the same host would fail the same way. */
const CONNECTION_CODES: ReadonlySet<string> = new Set(['download-failed', 'timeout']);

/** A host as the user typed it: sources end in a slash once resolved, and "http://127.0.0.1:9/" read as another host. */
function hostOf(host: string): string {
  return host.replace(/\/+$/, '');
}

function unreachableHost(state: AppState): string | undefined {
  for (const task of MODEL_TASKS) {
    const ref = state.modelRef(task);
    if (!ref || ref.spec.demo) continue;
    const inspection = state.inspections[modelKey(ref)];
    if (inspection?.status === 'done' && !inspection.result.hostReachable) return hostOf(ref.source.host);
  }
  return undefined;
}

/** The causes of every current load failure, plus a host the size lookup found unreachable. */
export function errorCauses(state: AppState): ErrorCause[] {
  const causes = new Map<string, ErrorCause>();
  for (const task of MODEL_TASKS) {
    const load = state.currentLoad(task);
    const ref = state.modelRef(task);
    if (load.status !== 'error') continue;
    const host = hostOf(ref?.source.host ?? state.settings.host);
    const byHost = CONNECTION_CODES.has(load.error.code) && ref?.spec.demo !== true;
    const key = byHost ? `host:${host}` : `model:${ref ? loadKey(ref, ref.device) : task}`;
    const known = causes.get(key);
    if (known) known.tasks.push(task);
    else causes.set(key, { key, kind: byHost ? 'host' : 'model', host, error: load.error, tasks: [task] });
  }
  const host = unreachableHost(state);
  if (host !== undefined && !causes.has(`host:${host}`)) {
    causes.set(`host:${host}`, {
      key: `host:${host}`,
      kind: 'host',
      host,
      error: {
        code: 'download-failed',
        message: 'It did not answer when asked for the models’ sizes.',
        action: 'You may be offline, or a firewall blocks it.',
      },
      tasks: [],
    });
  }
  return [...causes.values()];
}

/** The cause of the task's current load failure, if it failed. */
export function causeOfTask(state: AppState, task: ModelTask): ErrorCause | undefined {
  return errorCauses(state).find((cause) => cause.tasks.includes(task));
}

/** Whether a place shows this cause at all (the comparison shows the three tasks it runs). */
export function showsCause(place: ErrorPlace, cause: ErrorCause): boolean {
  if (place === 'top') return cause.kind === 'host';
  if (place === 'models') return true;
  if (place === 'compare') return cause.tasks.some((task) => task !== 'itm');
  return cause.tasks.includes(place);
}

/** Where the cause's whole message shows: where the user last acted, else above the gallery for a host, else the first task's tool. */
export function homeOf(state: AppState, cause: ErrorCause): ErrorPlace {
  const acted = state.actionPlace;
  if (acted && showsCause(acted, cause)) return acted;
  if (cause.kind === 'host') return 'top';
  const first = cause.tasks[0];
  return first === undefined || first === 'itm' ? 'models' : first;
}
