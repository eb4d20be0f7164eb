/** The app's inference worker as a test reaches it: Playwright evaluates code inside the running worker. */
import type { Page, Worker } from '@playwright/test';
import { expect } from './test';

export async function findInferenceWorker(page: Page): Promise<Worker> {
  let found: Worker | undefined;
  await expect
    .poll(async () => {
      for (const worker of page.workers()) {
        if ((await worker.evaluate(() => (self as unknown as { name: string }).name)) === 'inference') found = worker;
      }
      return found !== undefined;
    })
    .toBe(true);
  return found!;
}

type Scope = {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  __releaseResults?: () => void;
};

/**
 * Holds back the worker's results of `type` requests (progress and tokens still pass) until the returned
 * release is called: what the page shows meanwhile is what it shows while the run is still going on.
 */
export async function holdResults(worker: Worker, type: string): Promise<() => Promise<void>> {
  await worker.evaluate((held) => {
    const scope = self as unknown as Scope;
    const post = scope.postMessage.bind(scope);
    const queue: [unknown, Transferable[] | undefined][] = [];
    scope.postMessage = (message, transfer) => {
      const data = message as { kind?: string; type?: string };
      if (data.kind === 'result' && data.type === held) queue.push([message, transfer]);
      else post(message, transfer);
    };
    scope.__releaseResults = () => {
      scope.postMessage = post;
      for (const [message, transfer] of queue.splice(0)) post(message, transfer);
    };
  }, type);
  return () => worker.evaluate(() => (self as unknown as Scope).__releaseResults?.());
}
