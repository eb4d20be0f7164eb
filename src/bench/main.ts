/**
 * The benchmark page (bench.html): a remote control over the app's own inference worker for the
 * Playwright harness in bench/ (page.evaluate on `window.bench`). Every request goes through the app's
 * WorkerClient and worker code; this page only makes synthetic inputs and counts main-thread long
 * tasks. It is a separate Vite entry, never linked from the app, and adds nothing to the app's bundle.
 */
import { LongTaskCounter } from './long-tasks';
import { operations, type BenchOperations } from './operations';
import { peer, type PeerApi } from './peer';

const longTasks = new LongTaskCounter();

const api = {
  ...operations,
  ...peer,
  /** Starts counting main-thread long tasks (> 50 ms) from now. */
  startLongTasks: () => longTasks.start(),
  longTasks: () => longTasks.summary(),
};

export type BenchApi = BenchOperations & PeerApi & Pick<typeof api, 'startLongTasks' | 'longTasks'>;

declare global {
  interface Window {
    bench?: BenchApi;
  }
}

window.bench = api;
document.getElementById('log')?.append(`ready; crossOriginIsolated=${String(self.crossOriginIsolated)}\n`);
