/**
 * Serves the production build under a sub-path, as GitHub Pages would. With
 * `isolationHeaders` it also sends COOP/COEP (like `vite preview`); without
 * them the page must isolate itself through its service worker. Every
 * response carries the build's Content-Security-Policy as a header, as on a
 * real deployment: only a header reaches the worker script.
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { policyOfPage } from '../../scripts/csp';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.jpg': 'image/jpeg',
  '.png': 'image/png',
  '.md': 'text/markdown; charset=utf-8',
};

export interface StaticServerOptions {
  root: string;
  basePath: string;
  isolationHeaders: boolean;
  /** Whether to send the build's CSP as a header (default true; GitHub Pages sends none, its service worker does). */
  policyHeader?: boolean;
  /** More headers per request (the benchmark isolates a page only when it asks with `?isolated=1`). */
  headersFor?: (url: URL) => Record<string, string>;
}

export interface RunningServer {
  url: string;
  /** Paths requested so far, in order. */
  requests: string[];
  close(): Promise<void>;
}

export async function startStaticServer(options: StaticServerOptions): Promise<RunningServer> {
  const root = resolve(options.root);
  const requests: string[] = [];
  const page = join(root, 'index.html');
  const policy = options.policyHeader !== false && existsSync(page) ? policyOfPage(readFileSync(page, 'utf8')) : undefined;
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    requests.push(url.pathname);
    if (!url.pathname.startsWith(options.basePath)) {
      response.writeHead(404).end('Not under the base path');
      return;
    }
    const relative = decodeURIComponent(url.pathname.slice(options.basePath.length)) || 'index.html';
    const file = normalize(join(root, relative));
    if (!file.startsWith(root)) {
      response.writeHead(403).end();
      return;
    }
    let target = file;
    try {
      if (statSync(target).isDirectory()) target = join(target, 'index.html');
      statSync(target);
    } catch {
      response.writeHead(404).end('Not found');
      return;
    }
    const headers: Record<string, string> = {
      'Content-Type': TYPES[extname(target)] ?? 'application/octet-stream',
      'Content-Length': String(statSync(target).size),
      'Cache-Control': 'no-cache',
    };
    if (policy) headers['Content-Security-Policy'] = policy;
    if (options.isolationHeaders) {
      headers['Cross-Origin-Opener-Policy'] = 'same-origin';
      headers['Cross-Origin-Embedder-Policy'] = 'require-corp';
    }
    Object.assign(headers, options.headersFor?.(url));
    response.writeHead(200, headers);
    if (request.method === 'HEAD') response.end();
    else createReadStream(target).pipe(response);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${options.basePath}`,
    requests,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
