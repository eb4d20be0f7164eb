/**
 * Downloads one file and proves it complete before anyone uses it: status 200
 * (never a partial 206), not an HTML error page, byte count equal to
 * Content-Length and to the size the host announced, and the hash where the
 * host gives one. Network errors, host timeouts, 5xx, 429 (after its
 * Retry-After) and short bodies are retried with backoff; other 4xx fail at
 * once with a message naming the file and host (401/404/410:
 * `source-unavailable`, see source-unavailable.ts).
 */
import { AppError, isAbortError } from '../../shared/errors';
import { describeHost } from '../../shared/model-source';
import { gitBlobOid, sha256Hex } from './digest';
import { fileUnavailable, UNAVAILABLE_STATUSES, type SourceLabel } from './source-unavailable';
import { HostTimeoutError } from './timed-fetch';
import type { FetchLike, FileRequest, SleepLike } from './types';

export interface DownloadOptions {
  fetch: FetchLike;
  sleep: SleepLike;
  signal?: AbortSignal;
  /** Bytes received so far in the current attempt, and the total when known. */
  onBytes?: (loaded: number, total: number) => void;
  retries?: number;
  backoffMs?: number;
  /** The model the file belongs to, named in errors. */
  label?: SourceLabel;
}

const DEFAULT_RETRIES = 3;
const DEFAULT_BACKOFF_MS = 500;
/** The longest Retry-After we wait for; a host asking for more is reported at once. */
const MAX_RETRY_AFTER_MS = 60_000;

/** A failure worth another attempt (network drop, timeout, 5xx, 429, short or corrupt body). */
class RetryableError extends Error {
  constructor(
    message: string,
    /** How long the host asked us to wait (429 Retry-After). */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export async function downloadFile(file: FileRequest, options: DownloadOptions): Promise<Uint8Array> {
  const retries = options.retries ?? DEFAULT_RETRIES;
  const backoff = options.backoffMs ?? DEFAULT_BACKOFF_MS;
  let lastError: unknown;
  /** What each attempt got and when, for Details: "network error" alone did not say what was tried. */
  const attempts: string[] = [];
  const started = performance.now();
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (attempt > 0) {
      const asked = lastError instanceof RetryableError ? (lastError.retryAfterMs ?? 0) : 0;
      await options.sleep(Math.max(backoff * 2 ** (attempt - 1), asked), options.signal);
    }
    const attemptStart = performance.now();
    try {
      const bytes = await attemptDownload(file, options);
      await verifyContent(file, bytes);
      return bytes;
    } catch (error) {
      if (options.signal?.aborted || isAbortError(error)) throw error;
      if (!(error instanceof RetryableError)) throw error;
      lastError = error;
      attempts.push(`attempt ${attempt + 1} at +${elapsed(started, attemptStart)}: ${error.message} (after ${elapsed(attemptStart, performance.now())})`);
    }
  }
  const reason = lastError instanceof Error ? lastError.message : String(lastError);
  throw new AppError({
    code: 'download-failed',
    message: `Downloading ${file.path} from ${describeHost(file.url)} failed ${retries + 1} times; the last attempt: ${reason}.`,
    action: 'Check your connection and the host in Settings, then try again; the download resumes with the files that are already cached.',
    detail: [`GET ${file.url}`, ...attempts, `gave up after ${elapsed(started, performance.now())}`].join('\n'),
  });
}

function elapsed(from: number, to: number): string {
  return `${Math.round(to - from)} ms`;
}

async function attemptDownload(file: FileRequest, options: DownloadOptions): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await options.fetch(file.url, { signal: options.signal, cache: 'no-store', credentials: 'omit' });
  } catch (error) {
    if (error instanceof HostTimeoutError) throw new RetryableError(error.message);
    if (isAbortError(error)) throw error;
    throw new RetryableError(`network error: ${error instanceof Error ? error.message : String(error)}`);
  }
  checkStatus(file, response, options.label);
  const announced = contentLength(response);
  const expected = file.size ?? announced;
  const bytes = await readBody(response, expected ?? 0, options);
  if (file.size !== undefined) {
    // The listed size counts the file itself, so it holds whatever the transfer encoding.
    if (bytes.length !== file.size) throw new RetryableError(`received ${bytes.length} bytes, the host lists ${file.size}`);
  } else if (announced !== undefined && !isEncoded(response) && bytes.length < announced) {
    // More bytes than announced means the body was decompressed (the encoding header may be hidden by CORS).
    throw new RetryableError(`received ${bytes.length} of ${announced} bytes (Content-Length)`);
  }
  return bytes;
}

function checkStatus(file: FileRequest, response: Response, label: SourceLabel | undefined): void {
  const host = describeHost(file.url);
  if (response.status >= 500) throw new RetryableError(`HTTP ${response.status} from ${host}`);
  if (response.status === 429) throw rateLimited(file, response);
  if (UNAVAILABLE_STATUSES.has(response.status)) throw fileUnavailable({ ...file, status: response.status }, label);
  if (response.status === 403) {
    throw new AppError({
      code: 'download-failed',
      message: `${host} refused to serve ${file.path} (HTTP ${response.status}).`,
      action: 'The repository may be private or gated; pick a public model or another host.',
      detail: file.url,
    });
  }
  if (response.status !== 200) {
    throw new AppError({
      code: 'download-failed',
      message: `${host} answered HTTP ${response.status} for ${file.path} instead of the whole file.`,
      action: 'Use a host that serves the whole file with HTTP 200 (not a partial 206 or a redirect page).',
      detail: file.url,
    });
  }
  const type = response.headers.get('content-type') ?? '';
  if (/text\/html/i.test(type)) {
    throw new AppError({
      code: 'download-failed',
      message: `${host} returned a web page instead of ${file.path}.`,
      action: 'The host or path template is probably wrong (or a login/captive portal intercepted the request); check Settings.',
      detail: `${file.url} (Content-Type: ${type})`,
    });
  }
}

async function readBody(response: Response, total: number, options: DownloadOptions): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      loaded += value.length;
      options.onBytes?.(loaded, total);
    }
  } catch (error) {
    if (error instanceof HostTimeoutError) throw new RetryableError(`${error.message} after ${loaded} bytes`);
    if (options.signal?.aborted || isAbortError(error)) throw error;
    throw new RetryableError(`the connection broke after ${loaded} bytes`);
  }
  return concat(chunks, loaded);
}

async function verifyContent(file: FileRequest, bytes: Uint8Array): Promise<void> {
  if (file.sha256 && (await sha256Hex(bytes)) !== file.sha256.toLowerCase()) {
    throw new RetryableError(`SHA-256 of ${file.path} does not match the host's`);
  }
  if (!file.sha256 && file.gitOid && (await gitBlobOid(bytes)) !== file.gitOid.toLowerCase()) {
    throw new RetryableError(`git blob id of ${file.path} does not match the host's`);
  }
}

/** HTTP 429: wait as long as the host asks (Retry-After: seconds or a date), unless that is unreasonably long. */
function rateLimited(file: FileRequest, response: Response): Error {
  const host = describeHost(file.url);
  const waitMs = retryAfterMs(response.headers.get('retry-after'), Date.now());
  if (waitMs !== undefined && waitMs > MAX_RETRY_AFTER_MS) {
    return new AppError({
      code: 'download-failed',
      message: `${host} is limiting requests (HTTP 429) and asks to wait ${Math.ceil(waitMs / 1000)} s before ${file.path} can be downloaded.`,
      action: 'Try again later, or use another host in Settings.',
      detail: file.url,
    });
  }
  return new RetryableError(`${host} is limiting requests (HTTP 429)`, waitMs);
}

export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

function contentLength(response: Response): number | undefined {
  const header = response.headers.get('content-length');
  if (header === null) return undefined;
  const value = Number(header);
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** With Content-Encoding the header counts compressed bytes, not what we read. */
function isEncoded(response: Response): boolean {
  const encoding = response.headers.get('content-encoding');
  return encoding !== null && encoding !== 'identity';
}

function concat(chunks: Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
