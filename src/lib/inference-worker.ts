/** The app's single inference worker, started on first use. */
import { createInferenceApi } from './inference-api';
import { WorkerClient, type WorkerLike } from './worker-client';

export const inferenceWorker = new WorkerClient(
  () =>
    new Worker(new URL('../worker/index.ts', import.meta.url), {
      type: 'module',
      name: 'inference',
    }) as unknown as WorkerLike,
  {
    timeouts: { ping: 15_000, probe: 20_000 },
    // The e2e build shortens the hang detection so its tests of a hung worker finish in time.
    ...(import.meta.env.VITE_WORKER_HANG_MS ? { hangTimeoutMs: Number(import.meta.env.VITE_WORKER_HANG_MS) } : {}),
  },
);

/** The typed calls the store makes, over the one worker. */
export const inferenceApi = createInferenceApi(inferenceWorker);
