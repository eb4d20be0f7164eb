/**
 * Worker entry. Kept small on purpose: the heavy runtimes (transformers.js,
 * onnxruntime-web) are imported lazily by the handlers that need them, so
 * starting the worker does not download them.
 */
import { createDispatcher } from './dispatcher';
import { createHandlers } from './handlers';

const scope = self as unknown as DedicatedWorkerGlobalScope;

const dispatcher = createDispatcher(
  createHandlers({ navigator: scope.navigator, crossOriginIsolated: scope.crossOriginIsolated }),
  (message, transfer) => scope.postMessage(message, transfer ?? []),
);

scope.addEventListener('message', (event: MessageEvent<unknown>) => dispatcher.receive(event.data));
scope.postMessage({ kind: 'ready', workerStartedAt: performance.now() });
