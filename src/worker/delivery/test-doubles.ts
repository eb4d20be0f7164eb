/** In-memory stand-ins for Cache Storage and the network, for the delivery unit tests. */
import type { FetchLike } from './types';

export class MemoryCache implements Pick<Cache, 'match' | 'put' | 'delete' | 'keys'> {
  readonly entries = new Map<string, { body: Uint8Array; headers: Headers }>();
  failPutWith: Error | undefined;

  async match(request: RequestInfo | URL): Promise<Response | undefined> {
    const entry = this.entries.get(keyOf(request));
    return entry ? new Response(entry.body as BodyInit, { status: 200, headers: entry.headers }) : undefined;
  }

  async put(request: RequestInfo | URL, response: Response): Promise<void> {
    if (this.failPutWith) throw this.failPutWith;
    this.entries.set(keyOf(request), { body: new Uint8Array(await response.arrayBuffer()), headers: response.headers });
  }

  async delete(request: RequestInfo | URL): Promise<boolean> {
    return this.entries.delete(keyOf(request));
  }

  async keys(): Promise<readonly Request[]> {
    return [...this.entries.keys()].map((url) => new Request(url));
  }
}

export function memoryCacheStorage(cache = new MemoryCache()): { storage: CacheStorage; cache: MemoryCache } {
  const storage = { open: async () => cache as unknown as Cache } as unknown as CacheStorage;
  return { storage, cache };
}

function keyOf(request: RequestInfo | URL): string {
  return typeof request === 'string' ? request : request instanceof URL ? request.href : request.url;
}

export type Scripted =
  | { status: number; body?: Uint8Array | string; headers?: Record<string, string> }
  | { networkError: true }
  | { breakAfter: number; body: Uint8Array; headers?: Record<string, string> };

/** A fetch that answers each call to a URL with the next scripted response for it (the last one repeats). */
export function scriptedFetch(script: Record<string, Scripted[]>): FetchLike & { calls: string[] } {
  const calls: string[] = [];
  const counters = new Map<string, number>();
  const fn = async (url: string, init?: RequestInit) => {
    calls.push(`${init?.method ?? 'GET'} ${url}`);
    const steps = script[url];
    if (!steps || steps.length === 0) return new Response('missing', { status: 404 });
    const index = counters.get(url) ?? 0;
    counters.set(url, index + 1);
    const step = steps[Math.min(index, steps.length - 1)] as Scripted;
    if ('networkError' in step) throw new TypeError('Failed to fetch');
    if ('breakAfter' in step) {
      const { breakAfter, body } = step;
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(body.subarray(0, breakAfter));
          controller.error(new TypeError('network error'));
        },
      });
      return new Response(stream, { status: 200, headers: { 'content-length': String(body.length), ...step.headers } });
    }
    const body = typeof step.body === 'string' ? new TextEncoder().encode(step.body) : step.body;
    const headers = { ...(body ? { 'content-length': String(body.length) } : {}), ...step.headers };
    return new Response(init?.method === 'HEAD' ? null : ((body ?? null) as BodyInit | null), { status: step.status, headers });
  };
  return Object.assign(fn, { calls });
}

export const noSleep = async (): Promise<void> => undefined;

export function bytes(length: number, seed = 1): Uint8Array {
  return Uint8Array.from({ length }, (_, index) => (index * 31 + seed) % 251);
}
