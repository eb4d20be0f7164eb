/**
 * Sends files to the intake worker. Where no worker can start (an old
 * browser, a blocked script) the same code runs here instead; if the worker
 * dies mid-way (out of memory on a huge photo), its unfinished files are
 * refused with a message rather than retried on the page, which would die
 * the same way.
 */
import { intakeFiles, type ImageSource, type IntakeOutcome, type OutcomeListener } from './intake-files';
import type { IntakeReply, IntakeRequest } from './intake-worker';

interface Pending {
  files: readonly File[];
  source: ImageSource;
  outcomes: IntakeOutcome[];
  onOutcome: OutcomeListener | undefined;
  resolve(outcomes: IntakeOutcome[]): void;
}

let worker: Worker | undefined;
let answered = false;
let nextId = 1;
const pending = new Map<number, Pending>();

function receive(reply: IntakeReply): void {
  answered = true;
  const entry = pending.get(reply.id);
  if (!entry) return;
  if ('outcome' in reply) {
    entry.outcomes[reply.index] = reply.outcome;
    entry.onOutcome?.(reply.index, reply.outcome);
    return;
  }
  pending.delete(reply.id);
  if ('error' in reply) refuseRest(entry, reply.error);
  entry.resolve(entry.outcomes);
}

function workerDied(dead: Worker, why: string): void {
  dead.terminate();
  if (worker === dead) worker = undefined;
  const entries = [...pending.values()];
  pending.clear();
  for (const entry of entries) {
    if (answered) {
      refuseRest(entry, why);
      entry.resolve(entry.outcomes);
    } else {
      void intakeFiles(entry.files, entry.source, entry.onOutcome).then(entry.resolve);
    }
  }
}

function startWorker(): Worker | undefined {
  if (worker) return worker;
  if (typeof Worker === 'undefined') return undefined;
  const started = new Worker(new URL('./intake-worker.ts', import.meta.url), { type: 'module', name: 'image-intake' });
  started.addEventListener('message', (event: MessageEvent<IntakeReply>) => receive(event.data));
  started.addEventListener('error', (event) => workerDied(started, event.message || 'the image decoder stopped'));
  worker = started;
  return started;
}

function refuseRest(entry: Pending, why: string): void {
  entry.files.forEach((file, index) => {
    if (entry.outcomes[index]) return;
    const outcome: IntakeOutcome = {
      ok: false,
      rejection: {
        fileName: file.name || 'unnamed file',
        reason: `the image decoder stopped while reading it (${why}); the image may need more memory than this device has.`,
        action: 'Downscale the image or add fewer at once, then try again.',
      },
    };
    entry.outcomes[index] = outcome;
    entry.onOutcome?.(index, outcome);
  });
}

function send(target: Worker, files: readonly File[], source: ImageSource, onOutcome: OutcomeListener | undefined): Promise<IntakeOutcome[]> {
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, { files, source, outcomes: new Array<IntakeOutcome>(files.length), onOutcome, resolve });
    target.postMessage({ id, files: [...files], source } satisfies IntakeRequest);
  });
}

/** Cloning a File into a message costs the page about 0.2 ms; a few dozen per task keep a big drop smooth. */
const FILES_PER_MESSAGE = 24;

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Resolves with every outcome in file order; `onOutcome` hears each one as soon as it is ready. */
export async function intakeOffMainThread(files: readonly File[], source: ImageSource, onOutcome?: OutcomeListener): Promise<IntakeOutcome[]> {
  const target = startWorker();
  if (!target) return intakeFiles(files, source, onOutcome);
  const parts: Promise<IntakeOutcome[]>[] = [];
  for (let start = 0; start < files.length; start += FILES_PER_MESSAGE) {
    if (start > 0) await nextTask();
    const shifted: OutcomeListener | undefined = onOutcome && ((index, outcome) => onOutcome(start + index, outcome));
    parts.push(send(target, files.slice(start, start + FILES_PER_MESSAGE), source, shifted));
  }
  return (await Promise.all(parts)).flat();
}
