/**
 * Network deadlines for model hosts. A host that accepts the connection and
 * never answers would otherwise hang a load until the UI's request timeout,
 * which then blames the worker. Each request gets a deadline for its response
 * headers, and each body a deadline between two chunks; both fail with a
 * `HostTimeoutError` that says which host and how long it was given, and the
 * download retries it like a network error.
 */
import { describeHost } from '../../shared/model-source';
import type { FetchLike } from './types';

export interface HostDeadlines {
  /** Until the response headers arrive (connect + first byte). */
  firstByteMs: number;
  /** Longest pause between two body chunks. */
  stallMs: number;
}

export const HOST_DEADLINES: HostDeadlines = { firstByteMs: 6_000, stallMs: 15_000 };

export class HostTimeoutError extends Error {
  constructor(
    readonly host: string,
    readonly waitedMs: number,
    readonly stage: 'answer' | 'data',
  ) {
    super(stage === 'answer' ? `${host} did not answer within ${waitedMs / 1000} s` : `${host} sent no data for ${waitedMs / 1000} s`);
    this.name = 'HostTimeoutError';
  }
}

export function withDeadlines(fetchFn: FetchLike, deadlines: HostDeadlines = HOST_DEADLINES): FetchLike {
  return async (url, init = {}) => {
    const host = describeHost(url);
    const controller = new AbortController();
    const outer = init.signal;
    const forward = () => controller.abort(outer?.reason);
    if (outer?.aborted) forward();
    outer?.addEventListener('abort', forward, { once: true });
    let timer = setTimeout(() => controller.abort(new HostTimeoutError(host, deadlines.firstByteMs, 'answer')), deadlines.firstByteMs);
    const release = () => {
      clearTimeout(timer);
      outer?.removeEventListener('abort', forward);
    };
    let response: Response;
    try {
      response = await fetchFn(url, { ...init, signal: controller.signal });
    } catch (error) {
      release();
      throw controller.signal.reason instanceof HostTimeoutError ? controller.signal.reason : error;
    }
    clearTimeout(timer);
    if (!response.body) {
      release();
      return response;
    }
    const reader = response.body.getReader();
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const error = new HostTimeoutError(host, deadlines.stallMs, 'data');
        controller.abort(error);
        void reader.cancel(error).catch(() => undefined);
      }, deadlines.stallMs);
    };
    // The stall clock runs only while someone waits for data: an unread body (an error page) costs nothing.
    const body = new ReadableStream<Uint8Array>(
      {
        async pull(stream) {
          arm();
          try {
            const { done, value } = await reader.read();
            if (done) {
              release();
              // A stall cancels the reader, which ends it as if complete: report the stall instead.
              if (controller.signal.reason instanceof HostTimeoutError) stream.error(controller.signal.reason);
              else stream.close();
              return;
            }
            clearTimeout(timer);
            stream.enqueue(value);
          } catch (error) {
            release();
            stream.error(controller.signal.reason instanceof HostTimeoutError ? controller.signal.reason : error);
          }
        },
        cancel(reason) {
          release();
          return reader.cancel(reason);
        },
      },
      { highWaterMark: 0 },
    );
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}
