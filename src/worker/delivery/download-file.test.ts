import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { sha256Hex } from './digest';
import { downloadFile, retryAfterMs } from './download-file';
import { bytes, noSleep, scriptedFetch, type Scripted } from './test-doubles';

const URL_ = 'https://hub.test/org/model/resolve/main/onnx/model.onnx';
const BODY = bytes(1000);

async function run(steps: Scripted[], extra: { size?: number; sha256?: string } = {}) {
  const fetch = scriptedFetch({ [URL_]: steps });
  const progress: number[] = [];
  const result = downloadFile({ path: 'onnx/model.onnx', url: URL_, ...extra }, { fetch, sleep: noSleep, onBytes: (loaded) => progress.push(loaded) });
  return { result, fetch, progress };
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe('downloadFile', () => {
  it('returns the body of a complete 200 response and reports progress', async () => {
    const { result, progress } = await run([{ status: 200, body: BODY }], { size: 1000, sha256: await sha256Hex(BODY) });
    expect(await result).toEqual(BODY);
    expect(progress.at(-1)).toBe(1000);
  });

  it('retries network errors and 5xx, then succeeds', async () => {
    const { result, fetch } = await run([{ networkError: true }, { status: 503 }, { status: 200, body: BODY }]);
    expect(await result).toEqual(BODY);
    expect(fetch.calls).toHaveLength(3);
  });

  it('gives up with Details that say what was tried: the URL, each attempt with its status and timing', async () => {
    const { result } = await run([{ networkError: true }, { status: 503 }, { networkError: true }, { status: 502 }]);
    const error = await failure(result);
    const lines = error.detail!.split('\n');
    expect(lines[0]).toBe(`GET ${URL_}`);
    expect(lines.slice(1, 5).map((line) => line.replace(/\d+ ms/g, 'N ms'))).toEqual([
      'attempt 1 at +N ms: network error: Failed to fetch (after N ms)',
      'attempt 2 at +N ms: HTTP 503 from hub.test (after N ms)',
      'attempt 3 at +N ms: network error: Failed to fetch (after N ms)',
      'attempt 4 at +N ms: HTTP 502 from hub.test (after N ms)',
    ]);
    expect(lines[5]).toMatch(/^gave up after \d+ ms$/);
  });

  it('retries a body that breaks mid-way', async () => {
    const { result, fetch } = await run(
      [
        { breakAfter: 400, body: BODY },
        { status: 200, body: BODY },
      ],
      { size: 1000 },
    );
    expect(await result).toEqual(BODY);
    expect(fetch.calls).toHaveLength(2);
  });

  it('retries a short body (fewer bytes than Content-Length)', async () => {
    const short = { status: 200, body: BODY.subarray(0, 500), headers: { 'content-length': '1000' } };
    const { result, fetch } = await run([short, { status: 200, body: BODY }]);
    expect(await result).toEqual(BODY);
    expect(fetch.calls).toHaveLength(2);
  });

  it('rejects a body whose size differs from what the host listed', async () => {
    const { result, fetch } = await run([{ status: 200, body: BODY.subarray(0, 10) }], { size: 1000 });
    const error = await failure(result);
    expect(error.code).toBe('download-failed');
    expect(error.message).toContain('onnx/model.onnx');
    expect(fetch.calls).toHaveLength(4);
  });

  it('rejects content whose SHA-256 does not match', async () => {
    const { result } = await run([{ status: 200, body: BODY }], { sha256: 'f'.repeat(64) });
    expect((await failure(result)).detail).toContain('SHA-256');
  });

  it('fails fast on 404 and 403, naming the file and host', async () => {
    const notFound = await run([{ status: 404 }, { status: 200, body: BODY }]);
    const error = await failure(notFound.result);
    expect(error.code).toBe('source-unavailable');
    expect(error.message).toBe('onnx/model.onnx was not found on hub.test (HTTP 404).');
    expect(notFound.fetch.calls).toHaveLength(1);
    const forbidden = await run([{ status: 403 }]);
    expect((await failure(forbidden.result)).message).toContain('refused');
    expect(forbidden.fetch.calls).toHaveLength(1);
  });

  it('calls 401, 404 and 410 source-unavailable, never retries them, and names the model, repository, host and file', async () => {
    for (const status of [401, 404, 410]) {
      const fetch = scriptedFetch({ [URL_]: [{ status }, { status: 200, body: BODY }] });
      const label = { model: 'BLIP captioning (base)', repo: 'org/model' };
      const error = await failure(downloadFile({ path: 'onnx/model.onnx', url: URL_ }, { fetch, sleep: noSleep, label }));
      expect(fetch.calls).toHaveLength(1);
      expect(error.code).toBe('source-unavailable');
      expect(error.message).toMatch(/^BLIP captioning \(base\) is unavailable: /);
      expect(error.message).toContain(`HTTP ${status}`);
      expect(error.message).toContain('onnx/model.onnx');
      expect(error.message).toContain('hub.test');
      expect(error.message).toContain('in org/model');
      expect(error.action).toContain('not a connection problem');
      expect(error.action).not.toMatch(/check your connection/i);
      expect(error.detail).toBe(URL_);
    }
  });

  it('never accepts a partial (206) response or an HTML page', async () => {
    const partial = await run([{ status: 206, body: BODY }]);
    expect((await failure(partial.result)).message).toContain('HTTP 206');
    const html = await run([{ status: 200, body: '<html>login</html>', headers: { 'content-type': 'text/html' } }]);
    expect((await failure(html.result)).message).toContain('web page');
    expect(html.fetch.calls).toHaveLength(1);
  });

  it('stops at once when aborted', async () => {
    const controller = new AbortController();
    controller.abort(new DOMException('cancelled', 'AbortError'));
    const fetch = async (_url: string, init?: RequestInit) => {
      init?.signal?.throwIfAborted();
      return new Response(BODY as BodyInit);
    };
    await expect(downloadFile({ path: 'a', url: URL_ }, { fetch, sleep: noSleep, signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
  });
});

describe('downloadFile: rate limits (issue 13, failure 10)', () => {
  it('retries HTTP 429 after the Retry-After the host asked for', async () => {
    const fetch = scriptedFetch({
      [URL_]: [
        { status: 429, headers: { 'retry-after': '7' } },
        { status: 200, body: BODY },
      ],
    });
    const waits: number[] = [];
    const result = await downloadFile({ path: 'onnx/model.onnx', url: URL_ }, { fetch, sleep: async (ms) => void waits.push(ms) });
    expect(result).toEqual(BODY);
    expect(waits).toEqual([7000]);
  });

  it('reports a Retry-After beyond a minute at once, naming the host and the wait, without “HTTP 200” advice', async () => {
    const { result, fetch } = await run([{ status: 429, headers: { 'retry-after': '3600' } }]);
    const error = await failure(result);
    expect(error.message).toBe('hub.test is limiting requests (HTTP 429) and asks to wait 3600 s before onnx/model.onnx can be downloaded.');
    expect(error.action).not.toContain('HTTP 200');
    expect(fetch.calls).toHaveLength(1);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterMs('2', 0)).toBe(2000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(retryAfterMs('soon', 0)).toBeUndefined();
    expect(retryAfterMs(null, 0)).toBeUndefined();
  });
});
