import { describe, expect, it } from 'vitest';
import { downloadFile } from './download-file';
import { noSleep } from './test-doubles';
import { HostTimeoutError, withDeadlines } from './timed-fetch';
import type { FetchLike } from './types';

const DEADLINES = { firstByteMs: 30, stallMs: 30 };
const URL_ = 'https://slow.example:8443/org/m/resolve/main/config.json';

/** A host that accepts the request and never answers (until the request is aborted). */
const silentHost: FetchLike = (_url, init) =>
  new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));

/** A host that sends its headers and the first chunk, then nothing. */
const stallingHost: FetchLike = async (_url, init) => {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new Uint8Array([1, 2, 3]));
      init?.signal?.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError')));
    },
  });
  return new Response(body, { status: 200, headers: { 'content-length': '100' } });
};

describe('withDeadlines (issue 13, failure 5)', () => {
  it('fails a request whose host never answers, naming the host and the wait', async () => {
    const error = await withDeadlines(silentHost, DEADLINES)(URL_).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HostTimeoutError);
    expect((error as Error).message).toBe('slow.example:8443 did not answer within 0.03 s');
  });

  it('fails a body that stops arriving', async () => {
    const response = await withDeadlines(stallingHost, DEADLINES)(URL_);
    const error = await response.arrayBuffer().catch((caught: unknown) => caught);
    expect((error as Error).message).toBe('slow.example:8443 sent no data for 0.03 s');
  });

  it('passes a prompt response through unchanged', async () => {
    const response = await withDeadlines(
      async () => new Response('{"a":1}', { status: 200, headers: { 'content-type': 'application/json' } }),
      DEADLINES,
    )(URL_);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.text()).toBe('{"a":1}');
  });

  it('keeps a cancellation a cancellation', async () => {
    const controller = new AbortController();
    const pending = withDeadlines(silentHost, { firstByteMs: 10_000, stallMs: 10_000 })(URL_, { signal: controller.signal });
    controller.abort(new DOMException('cancelled', 'AbortError'));
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('lets a download retry a silent host, then say which host did not answer', async () => {
    const error = await downloadFile(
      { path: 'config.json', url: URL_ },
      { fetch: withDeadlines(silentHost, DEADLINES), sleep: noSleep, retries: 1 },
    ).catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      code: 'download-failed',
      message: 'Downloading config.json from slow.example:8443 failed 2 times; the last attempt: slow.example:8443 did not answer within 0.03 s.',
    });
  });
});
