/**
 * A local stand-in for the Hugging Face Hub: serves model folders at
 * Hub-shaped URLs (`/{org}/{name}/resolve/{revision}/{file}` and the tree API
 * `/api/models/{org}/{name}/tree/{revision}/{folder}`), with CORS as the Hub
 * sends it, and with faults a test can switch on per file.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize, relative, resolve } from 'node:path';

export type Fault =
  | { kind: 'status'; status: number; times?: number }
  | { kind: 'abort-mid-body'; times?: number }
  | { kind: 'truncate'; times?: number }
  | { kind: 'html'; times?: number }
  | { kind: 'slow'; bytesPerSecond: number; times?: number }
  /** Accepts the request and never answers (the connection stays open until the hub closes). */
  | { kind: 'hang'; times?: number };

export interface HubRequest {
  method: string;
  path: string;
  status: number;
}

export interface FakeHub {
  url: string;
  requests: HubRequest[];
  /** Faults apply to files whose path (inside the repo) matches; `times` counts down, then the file is served normally. */
  fault(filePattern: RegExp, fault: Fault): void;
  /**
   * Every request for a matching repository (`org/name`: files, HEAD and the tree API) answers this
   * status, as the Hub answers 401 for a repository that does not exist or was removed.
   */
  repoStatus(repoPattern: RegExp, status: number): void;
  clearFaults(): void;
  resetLog(): void;
  close(): Promise<void>;
}

interface ActiveFault {
  pattern: RegExp;
  fault: Fault;
  remaining: number;
}

const RESOLVE = /^\/(.+?)\/resolve\/([^/]+)\/(.+)$/;
const TREE = /^\/api\/models\/([^/]+\/[^/]+)\/tree\/([^/]+)(?:\/(.*))?$/;

export async function startFakeHub(root: string): Promise<FakeHub> {
  const base = resolve(root);
  const requests: HubRequest[] = [];
  let faults: ActiveFault[] = [];
  let repoStatuses: { pattern: RegExp; status: number }[] = [];
  const hashes = new Map<string, string>();

  const sha256 = (file: string) => {
    let hash = hashes.get(file);
    if (!hash) {
      hash = createHash('sha256').update(readFileSync(file)).digest('hex');
      hashes.set(file, hash);
    }
    return hash;
  };

  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://hub').pathname);
    const log = (status: number) => requests.push({ method: request.method ?? 'GET', path, status });
    setCors(response);
    if (request.method === 'OPTIONS') {
      response.writeHead(204).end();
      return;
    }
    const tree = TREE.exec(path);
    const resolved = RESOLVE.exec(path);
    const repoStatus = repoStatuses.find((entry) => entry.pattern.test(tree?.[1] ?? resolved?.[1] ?? ''));
    if (repoStatus) {
      log(repoStatus.status);
      response.writeHead(repoStatus.status, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: 'Repository not found' }));
      return;
    }
    if (tree) {
      serveTree(base, tree[1] ?? '', tree[3] ?? '', sha256, response, log);
      return;
    }
    const file = resolved ? safeJoin(base, `${resolved[1]}/${resolved[3]}`) : undefined;
    if (!resolved || !file || !isFile(file)) {
      log(404);
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('Entry not found');
      return;
    }
    const fault = takeFault(faults, resolved[3] ?? '');
    serveFile(request, response, file, fault, log);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    fault(pattern, fault) {
      faults.push({ pattern, fault, remaining: fault.times ?? Number.POSITIVE_INFINITY });
    },
    repoStatus(pattern, status) {
      repoStatuses.push({ pattern, status });
    },
    clearFaults() {
      faults = [];
      repoStatuses = [];
    },
    resetLog() {
      requests.length = 0;
    },
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

function setCors(response: ServerResponse): void {
  response.setHeader('Access-Control-Allow-Origin', '*');
  response.setHeader('Access-Control-Allow-Headers', '*');
  response.setHeader('Access-Control-Expose-Headers', 'Content-Length, Content-Type, ETag, X-Linked-Size, X-Linked-Etag');
  response.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
}

function takeFault(faults: ActiveFault[], filePath: string): Fault | undefined {
  const active = faults.find((entry) => entry.remaining > 0 && entry.pattern.test(filePath));
  if (!active) return undefined;
  active.remaining -= 1;
  return active.fault;
}

function serveFile(request: IncomingMessage, response: ServerResponse, file: string, fault: Fault | undefined, log: (status: number) => void): void {
  const body = readFileSync(file);
  const type = file.endsWith('.json') ? 'application/json' : 'application/octet-stream';
  if (fault?.kind === 'hang') {
    log(0);
    return;
  }
  if (fault?.kind === 'status') {
    log(fault.status);
    response.writeHead(fault.status, { 'Content-Type': 'text/plain' }).end(`Injected HTTP ${fault.status}`);
    return;
  }
  if (fault?.kind === 'html') {
    log(200);
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end('<!doctype html><title>Sign in</title><p>Please sign in.');
    return;
  }
  log(200);
  response.writeHead(200, { 'Content-Type': type, 'Content-Length': String(body.length), ETag: `"${body.length}"` });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  if (fault?.kind === 'truncate') {
    // Announce the full length, send half, and end cleanly: the client sees a short body.
    response.end(body.subarray(0, Math.floor(body.length / 2)));
    return;
  }
  if (fault?.kind === 'abort-mid-body') {
    response.write(body.subarray(0, Math.floor(body.length / 2)), () => setTimeout(() => response.destroy(), 20));
    return;
  }
  if (fault?.kind === 'slow') {
    streamSlowly(response, body, fault.bytesPerSecond);
    return;
  }
  response.end(body);
}

function streamSlowly(response: ServerResponse, body: Buffer, bytesPerSecond: number): void {
  const tick = 50;
  const chunk = Math.max(1, Math.floor((bytesPerSecond * tick) / 1000));
  let offset = 0;
  const timer = setInterval(() => {
    if (response.destroyed) {
      clearInterval(timer);
      return;
    }
    const end = Math.min(body.length, offset + chunk);
    response.write(body.subarray(offset, end));
    offset = end;
    if (offset >= body.length) {
      clearInterval(timer);
      response.end();
    }
  }, tick);
}

function serveTree(
  base: string,
  repo: string,
  folder: string,
  sha256: (file: string) => string,
  response: ServerResponse,
  log: (status: number) => void,
): void {
  const repoDir = safeJoin(base, repo);
  const dir = repoDir ? safeJoin(repoDir, folder) : undefined;
  if (!repoDir || !dir || !isDirectory(dir)) {
    log(404);
    response.writeHead(404, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: 'Repository or folder not found' }));
    return;
  }
  const entries = readdirSync(dir).map((name) => {
    const full = join(dir, name);
    const path = relative(repoDir, full).split('\\').join('/');
    if (isDirectory(full)) return { type: 'directory', path, oid: '0'.repeat(40), size: 0 };
    const size = statSync(full).size;
    const entry: Record<string, unknown> = { type: 'file', path, size, oid: gitOid(readFileSync(full)) };
    if (full.endsWith('.onnx')) entry.lfs = { oid: sha256(full), size, pointerSize: 134 };
    return entry;
  });
  log(200);
  response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(entries));
}

function gitOid(body: Buffer): string {
  return createHash('sha1').update(`blob ${body.length}\0`).update(body).digest('hex');
}

function safeJoin(base: string, path: string): string | undefined {
  const full = normalize(join(base, path));
  return full.startsWith(base) ? full : undefined;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
