/**
 * A model host offered by a link (`?hub=` and `?hubTemplate=`). Where models
 * come from decides what code-like data (ONNX graphs, tokenizers) the app runs,
 * so a link may only *propose* a host: the app names it and asks before
 * anything is fetched or stored. Only http(s) hosts are accepted.
 */
import { DEFAULT_PATH_TEMPLATE } from '../shared/model-source';

export const HOST_PARAMS = ['hub', 'hubTemplate'] as const;

export type HostOffer =
  | { kind: 'offer'; host: string; pathTemplate: string; /** The host as the dialog names it. */ display: string }
  | { kind: 'refused'; host: string; reason: string };

/** The host a query string proposes, if any; `base` resolves relative hosts such as `./models/`. */
export function readHostOffer(search: string, base: string, currentTemplate: string = DEFAULT_PATH_TEMPLATE): HostOffer | undefined {
  const params = new URLSearchParams(search);
  const host = params.get('hub')?.trim();
  const template = params.get('hubTemplate')?.trim();
  if (!host && !template) return undefined;
  const proposed = host || '';
  const problem = hostProblem(proposed, base);
  if (problem) return { kind: 'refused', host: proposed, reason: problem };
  if (template !== undefined && !template.includes('{file}')) {
    return { kind: 'refused', host: proposed, reason: 'its path template lacks {file}' };
  }
  if (!host) return { kind: 'refused', host: '', reason: 'the link sets a path template without a host' };
  return { kind: 'offer', host, pathTemplate: template || currentTemplate, display: displayHost(host, base) };
}

/** The same address without the host parameters, so that a reload or a copied link does not ask again. */
export function withoutHostParams(href: string): string {
  const url = new URL(href);
  for (const name of HOST_PARAMS) url.searchParams.delete(name);
  return url.toString();
}

/** Why a host cannot serve models (undefined when it can): only http(s) URLs, absolute or relative to the page. */
export function hostProblem(host: string, base: string): string | undefined {
  // A relative host is fine (`./models/`), but whitespace means a sentence was pasted, not a URL: it would resolve to a path under the page.
  if (/\s/.test(host)) return 'it contains spaces, so it is not a URL (a host looks like https://example.org/ or ./models/)';
  let resolved: URL;
  try {
    resolved = new URL(host, base);
  } catch {
    return 'it is not a valid URL';
  }
  if (resolved.protocol === 'https:' || resolved.protocol === 'http:') return undefined;
  return `only http and https hosts can serve models, not ${resolved.protocol}`;
}

function displayHost(host: string, base: string): string {
  const resolved = new URL(host, base);
  return `${resolved.protocol}//${resolved.host}${resolved.pathname}`;
}
