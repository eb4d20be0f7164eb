/**
 * Where model files come from: a host plus a path template. The default is
 * the Hugging Face Hub; a mirror, a local server or a folder deployed next to
 * the site (a relative host such as `./models/`) works the same way.
 */
export interface ModelSource {
  /** Absolute base URL (the UI resolves relative hosts against the page before sending). */
  host: string;
  /** Path under the host; `{repo}`, `{revision}` and `{file}` are replaced. */
  pathTemplate: string;
}

export const DEFAULT_HOST = 'https://huggingface.co';
export const DEFAULT_PATH_TEMPLATE = '{repo}/resolve/{revision}/{file}';
export const DEFAULT_SOURCE: ModelSource = { host: DEFAULT_HOST, pathTemplate: DEFAULT_PATH_TEMPLATE };

export function isDefaultSource(source: ModelSource): boolean {
  return trimSlashes(source.host) === DEFAULT_HOST && source.pathTemplate === DEFAULT_PATH_TEMPLATE;
}

/** A repository given as a full URL names its folder directly, whatever the host. */
export function isFolderUrl(repo: string): boolean {
  return /^https?:\/\//i.test(repo);
}

export function fileUrl(source: ModelSource, repo: string, revision: string, file: string): string {
  if (isFolderUrl(repo)) return `${trimSlashes(repo)}/${encodePath(file)}`;
  const path = source.pathTemplate
    .replaceAll('{repo}', repo.split('/').map(encodeURIComponent).join('/'))
    .replaceAll('{revision}', encodeURIComponent(revision))
    .replaceAll('{file}', encodePath(file));
  return `${trimSlashes(source.host)}/${path.replace(/^\/+/, '')}`;
}

/** The Hub's file listing API, when the source looks like a Hub (it has `/resolve/` paths). */
export function treeApiUrl(source: ModelSource, repo: string, revision: string, folder: string): string | undefined {
  if (isFolderUrl(repo) || !source.pathTemplate.includes('/resolve/')) return undefined;
  const suffix = folder ? `/${encodePath(folder)}` : '';
  return `${trimSlashes(source.host)}/api/models/${repo}/tree/${encodeURIComponent(revision)}${suffix}`;
}

export function describeHost(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function trimSlashes(value: string): string {
  return value.replace(/\/+$/, '');
}
