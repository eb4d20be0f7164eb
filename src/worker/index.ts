/**
 * Worker entry. Kept small on purpose: the heavy runtimes (transformers.js,
 * onnxruntime-web) are imported lazily by the handlers that need them, so
 * starting the worker does not download them.
 */
import { createDispatcher, type Post } from './dispatcher';
import { createHandlers } from './handlers';

const scope = self as unknown as DedicatedWorkerGlobalScope;

const post: Post = (message, transfer) => scope.postMessage(message, transfer ?? []);

const dispatcher = createDispatcher(
  createHandlers({
    navigator: scope.navigator,
    crossOriginIsolated: scope.crossOriginIsolated,
    notify: (level, message) => post({ kind: 'notice', level, message }),
  }),
  post,
);

scope.addEventListener('message', (event: MessageEvent<unknown>) => dispatcher.receive(event.data));
scope.postMessage({ kind: 'ready', workerStartedAt: performance.now() });
