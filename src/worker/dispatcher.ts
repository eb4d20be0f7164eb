/**
 * Routes requests to handlers and turns every outcome into exactly one
 * terminal event (result, error or cancelled). Runs in the worker and, for
 * tests, in Node with a fake `post`.
 */
import { AppError, cancelledError, toErrorData } from '../shared/errors';
import {
  assertNever,
  messageId,
  parseUiMessage,
  type PayloadOf,
  type ProgressData,
  type RequestId,
  type RequestType,
  type ResultOf,
  type TokenData,
  type WorkerRequest,
  type WorkerToUi,
} from '../shared/protocol';

export interface HandlerContext {
  id: RequestId;
  signal: AbortSignal;
  progress(progress: ProgressData): void;
  token(token: TokenData): void;
}

export type Handler<K extends RequestType> = (payload: PayloadOf<K>, context: HandlerContext) => Promise<ResultOf<K>>;

export type Handlers = { [K in RequestType]: Handler<K> };

export type Post = (message: WorkerToUi, transfer?: Transferable[]) => void;

export interface Dispatcher {
  receive(message: unknown): void;
  /** Requests still running; tests use it to check that nothing leaks. */
  inFlight(): number;
}

export function createDispatcher(handlers: Handlers, post: Post): Dispatcher {
  const running = new Map<RequestId, AbortController>();

  async function run(request: WorkerRequest): Promise<void> {
    const controller = new AbortController();
    running.set(request.id, controller);
    const { id } = request;
    const context: HandlerContext = {
      id,
      signal: controller.signal,
      progress: (progress) => {
        if (!controller.signal.aborted) post({ kind: 'progress', id, progress });
      },
      token: (token) => {
        if (!controller.signal.aborted) post({ kind: 'token', id, token });
      },
    };
    try {
      const result = await callHandler(handlers, request, context);
      if (controller.signal.aborted) return;
      post({ kind: 'result', id, type: request.type, result } as WorkerToUi);
    } catch (error) {
      if (controller.signal.aborted) return;
      post({ kind: 'error', id, error: toErrorData(error) });
    } finally {
      running.delete(id);
    }
  }

  function cancel(id: RequestId): void {
    const controller = running.get(id);
    if (!controller) return;
    controller.abort(cancelledError());
    running.delete(id);
    post({ kind: 'cancelled', id });
  }

  return {
    receive(message: unknown) {
      const parsed = parseUiMessage(message);
      if (parsed instanceof AppError) {
        const id = messageId(message);
        if (id !== undefined) post({ kind: 'error', id, error: parsed.toData() });
        return;
      }
      switch (parsed.kind) {
        case 'request':
          void run(parsed);
          return;
        case 'cancel':
          cancel(parsed.id);
          return;
        default:
          assertNever(parsed, 'message kind');
      }
    },
    inFlight: () => running.size,
  };
}

function callHandler<K extends RequestType>(
  handlers: Handlers,
  request: { type: K; payload: PayloadOf<K> },
  context: HandlerContext,
): Promise<ResultOf<K>> {
  const handler = handlers[request.type] as Handler<K>;
  return handler(request.payload, context);
}
