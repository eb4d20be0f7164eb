/** Request handlers: one per request type, checked exhaustively by `Handlers`. */
import type { Handlers } from './dispatcher';
import { probeCapabilities } from './runtime/capabilities';
import { sleep } from './sleep';

export function createHandlers(scope: { navigator: unknown; crossOriginIsolated: boolean }): Handlers {
  return {
    async ping(payload, { signal }) {
      if (payload.delayMs) await sleep(payload.delayMs, signal);
      return { message: payload.message, workerTime: performance.now() };
    },
    probe() {
      return probeCapabilities({ navigator: scope.navigator, crossOriginIsolated: scope.crossOriginIsolated });
    },
  };
}
