import { useEffect } from 'react';
import { inferenceApi } from '../lib/inference-worker';
import { AppError } from '../shared/errors';
import { useAppStore } from '../store/store';

/** Probes the worker's capabilities at start and after every restart, and surfaces its notices. */
export function useRuntimeBootstrap(): void {
  useEffect(() => {
    const { setCapabilities, setCapabilityError, recordWorkerRestart, pushNotice } = useAppStore.getState();
    let active = true;
    const probe = () => {
      inferenceApi.probe().then(
        (capabilities) => {
          if (active) setCapabilities(capabilities);
        },
        (error: unknown) => {
          if (active) setCapabilityError(error instanceof AppError ? error.message : String(error));
        },
      );
    };
    const unsubscribe = inferenceApi.onEvent((event) => {
      switch (event.type) {
        case 'restarted':
          if (event.cause === 'runtime-switch') {
            pushNotice('info', `${event.reason} The worker was restarted on the other build; models load again from the cache.`);
            probe();
            return;
          }
          recordWorkerRestart(event.restarts);
          pushNotice(
            'warning',
            event.cause === 'hung'
              ? 'The inference worker stopped responding and was replaced. A request that was running is retried once, on WASM; models run on WASM until you reload the page.'
              : 'The inference worker stopped unexpectedly and was restarted. A request that was running is retried once, on WASM; models run on WASM until you reload the page.',
          );
          probe();
          return;
        case 'notice':
          pushNotice(event.level, event.message);
          return;
        case 'ready':
          return;
      }
    });
    probe();
    void detectDemoModels().then((available) => {
      if (active) useAppStore.getState().setDemoAvailable(available);
    });
    return () => {
      active = false;
      unsubscribe();
    };
  }, []);
}

/** `npm start` serves the tiny test fixtures next to the app; the GitHub Pages build does not. */
async function detectDemoModels(): Promise<boolean> {
  try {
    const response = await fetch(`${import.meta.env.BASE_URL}demo-models/index.json`, { cache: 'no-store' });
    return response.ok && (response.headers.get('content-type') ?? '').includes('json');
  } catch {
    return false;
  }
}
