/**
 * The one Content-Security-Policy of the site. A `<meta>` policy does not
 * reach a dedicated worker (its policy comes from the worker script's own
 * response headers), and the worker does every model download; so the same
 * policy is also sent as a response header by every server that serves the
 * build: `vite dev`/`preview`, the e2e static server (which reads it back from
 * the built page) and the COI service worker on GitHub Pages (filled in at
 * build time).
 */

/** Hosts the policy lets the app download models from. */
export function modelHosts(extra = process.env.EXTRA_CONNECT_SRC ?? ''): string[] {
  return [
    'https://huggingface.co',
    'https://*.huggingface.co',
    'https://*.hf.co',
    // Local mirrors and the test fake hub.
    'http://localhost:*',
    'http://127.0.0.1:*',
    ...extra.split(/\s+/).filter(Boolean),
  ];
}

/** Our origin, the model hosts, and nothing else: models are fetched, never scripts or styles. */
export function contentSecurityPolicy(hosts: readonly string[] = modelHosts()): string {
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "worker-src 'self' blob:",
    `connect-src 'self' blob: data: ${hosts.join(' ')}`,
    "img-src 'self' blob: data:",
    "style-src 'self' 'unsafe-inline'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join('; ');
}

/** Where the build writes the policy: the page's meta tag and the service worker's header. */
export const CSP_PLACEHOLDER = '%CONTENT_SECURITY_POLICY%';

/** The policy a built page carries in its meta tag, so a server can send exactly that as a header. */
export function policyOfPage(html: string): string | undefined {
  const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html);
  const policy = meta?.[1]?.replaceAll('&#39;', "'").replaceAll('&amp;', '&');
  return policy && policy !== CSP_PLACEHOLDER ? policy : undefined;
}
