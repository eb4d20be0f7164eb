/*
 * Cross-origin isolation for static hosts that cannot set headers (GitHub Pages).
 * Adds COOP/COEP to this site's own responses. Requests to other origins (the
 * model hosts) pass through untouched: they are fetched with CORS, which
 * require-corp accepts.
 *
 * It also sends the site's Content-Security-Policy as a header: a <meta> policy
 * does not reach the inference worker, which does every model download. The
 * build writes the policy in place of the placeholder below (vite.config.ts).
 */
const CONTENT_SECURITY_POLICY = "%CONTENT_SECURITY_POLICY%";
const HAS_POLICY = !CONTENT_SECURITY_POLICY.startsWith('%');

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (new URL(request.url).origin !== self.location.origin) return;
  if (request.cache === 'only-if-cached' && request.mode !== 'same-origin') return;
  event.respondWith(
    fetch(request).then((response) => {
      if (response.status === 0 || response.type === 'opaque') return response;
      const headers = new Headers(response.headers);
      headers.set('Cross-Origin-Opener-Policy', 'same-origin');
      headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
      headers.set('Cross-Origin-Resource-Policy', 'same-origin');
      if (HAS_POLICY) headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
      return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
    }),
  );
});
