/*
 * Cross-origin isolation for static hosts that cannot set headers (GitHub Pages).
 * Adds COOP/COEP to this site's own responses. Requests to other origins (the
 * model hosts) pass through untouched: they are fetched with CORS, which
 * require-corp accepts.
 *
 * It also sends the site's Content-Security-Policy as a header: a <meta> policy
 * does not reach the inference worker, which does every model download. The
 * build writes the policy in place of the placeholder below (vite.config.ts).
 *
 * Also the offline shell: the build prepends `self.__PRECACHE__` (the app's
 * files and a version, scripts/precache-plugin.ts); they are stored at install
 * and answer when the network does not. Online, the network always wins, so a
 * deploy is never hidden behind a stale copy.
 */
const CONTENT_SECURITY_POLICY = "%CONTENT_SECURITY_POLICY%";
const HAS_POLICY = !CONTENT_SECURITY_POLICY.startsWith('%');
const SHELL = self.__PRECACHE__;
const SHELL_CACHE_PREFIX = 'playground-shell-';

self.addEventListener('install', (event) => event.waitUntil(installShell()));
self.addEventListener('activate', (event) => event.waitUntil(Promise.all([self.clients.claim(), dropOldShells()])));
self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (new URL(request.url).origin !== self.location.origin) return;
  if (request.cache === 'only-if-cached' && request.mode !== 'same-origin') return;
  event.respondWith(fromNetworkOrShell(request).then(withIsolationHeaders));
});

function withIsolationHeaders(response) {
  if (response.status === 0 || response.type === 'opaque') return response;
  const headers = new Headers(response.headers);
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
  headers.set('Cross-Origin-Resource-Policy', 'same-origin');
  if (HAS_POLICY) headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

function shellCacheName() {
  return SHELL ? SHELL_CACHE_PREFIX + SHELL.version : undefined;
}

async function installShell() {
  const name = shellCacheName();
  if (name) {
    try {
      const cache = await caches.open(name);
      await cache.addAll(SHELL.files.map((file) => new Request(new URL(file, self.registration.scope), { cache: 'reload' })));
    } catch (error) {
      // Isolation matters more than offline use: install anyway, without a shell.
      console.warn('The offline copy of the app could not be stored; it will need the network.', error);
      await caches.delete(name);
    }
  }
  // The first install takes over at once (isolation needs it); an update waits until the page's prompt says so.
  if (!self.registration.active) await self.skipWaiting();
}

async function dropOldShells() {
  const keep = shellCacheName();
  for (const name of await caches.keys()) {
    if (name.startsWith(SHELL_CACHE_PREFIX) && name !== keep) await caches.delete(name);
  }
}

async function fromNetworkOrShell(request) {
  try {
    return await fetch(request);
  } catch (error) {
    const cached = await fromShell(request);
    if (cached) return cached;
    throw error;
  }
}

async function fromShell(request) {
  const name = shellCacheName();
  if (!name || request.method !== 'GET' || !(await caches.has(name))) return undefined;
  const cache = await caches.open(name);
  if (request.mode === 'navigate') return cache.match(new URL('index.html', self.registration.scope));
  return cache.match(request, { ignoreVary: true });
}
