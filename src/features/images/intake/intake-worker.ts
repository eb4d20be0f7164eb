/**
 * Reads, checks, decodes and thumbnails image files off the main thread
 * (issue 13, failure 9: adding 200 images blocked the page for 572 ms).
 * Each file's outcome is posted as soon as it is ready, its pixels
 * transferred rather than copied, so the page never unpacks 200 at once.
 */
import { intakeFiles, type ImageSource, type IntakeOutcome } from './intake-files';

export interface IntakeRequest {
  id: number;
  files: File[];
  source: ImageSource;
}

export type IntakeReply = { id: number; index: number; outcome: IntakeOutcome } | { id: number; done: true } | { id: number; error: string };

/** One request at a time: a big drop arrives in several messages, and decoding them all at once would multiply the memory peak. */
let queue = Promise.resolve();

self.addEventListener('message', (event: MessageEvent<IntakeRequest>) => {
  const { id, files, source } = event.data;
  const post = (index: number, outcome: IntakeOutcome) =>
    self.postMessage({ id, index, outcome } satisfies IntakeReply, { transfer: outcome.ok ? [outcome.image.pixels.data.buffer] : [] });
  queue = queue.then(() =>
    intakeFiles(files, source, post).then(
      () => self.postMessage({ id, done: true } satisfies IntakeReply),
      (error: unknown) => self.postMessage({ id, error: error instanceof Error ? error.message : String(error) } satisfies IntakeReply),
    ),
  );
});
