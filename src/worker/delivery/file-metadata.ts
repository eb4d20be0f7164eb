/**
 * Sizes (and hashes, where the host has them) of a model's files before any
 * download: from the Hub's tree API when the host is Hub-shaped, else from
 * HEAD requests. Used to show sizes up front and to verify downloads.
 */
import { isAbortError } from '../../shared/errors';
import { fileUrl, treeApiUrl, type ModelSource } from '../../shared/model-source';
import { UNAVAILABLE_STATUSES } from './source-unavailable';
import type { FetchLike } from './types';

export interface FileMeta {
  exists: boolean | undefined;
  /** Whether any HTTP response came back for this file (even an error status). */
  answered: boolean;
  /** The status of a HEAD request that said the file is not there (401/404/410). */
  status?: number;
  size?: number;
  sha256?: string;
  gitOid?: string;
}

interface TreeEntry {
  type?: string;
  path?: string;
  size?: number;
  oid?: string;
  lfs?: { oid?: string; size?: number };
}

export async function lookupFileMeta(
  source: ModelSource,
  repo: string,
  revision: string,
  paths: readonly string[],
  fetchFn: FetchLike,
  signal?: AbortSignal,
): Promise<Map<string, FileMeta>> {
  const found = new Map<string, FileMeta>();
  const folders = [...new Set(paths.map(folderOf))];
  const listed = await Promise.all(folders.map((folder) => listFolder(source, repo, revision, folder, fetchFn, signal)));
  const apiAnswered = listed.every((entries) => entries !== undefined);
  for (const entries of listed) {
    for (const entry of entries ?? []) {
      if (entry.type !== 'file' || !entry.path) continue;
      found.set(entry.path, {
        exists: true,
        answered: true,
        size: entry.lfs?.size ?? entry.size,
        ...(entry.lfs?.oid ? { sha256: entry.lfs.oid } : entry.oid ? { gitOid: entry.oid } : {}),
      });
    }
  }
  const result = new Map<string, FileMeta>();
  await Promise.all(
    paths.map(async (path) => {
      const meta = found.get(path);
      if (meta) result.set(path, meta);
      else if (apiAnswered) result.set(path, { exists: false, answered: true });
      else result.set(path, await headMeta(fileUrl(source, repo, revision, path), fetchFn, signal));
    }),
  );
  return result;
}

async function listFolder(
  source: ModelSource,
  repo: string,
  revision: string,
  folder: string,
  fetchFn: FetchLike,
  signal?: AbortSignal,
): Promise<TreeEntry[] | undefined> {
  const url = treeApiUrl(source, repo, revision, folder);
  if (!url) return undefined;
  try {
    const response = await fetchFn(url, { signal, cache: 'no-store', credentials: 'omit' });
    if (!response.ok) return undefined;
    const body: unknown = await response.json();
    return Array.isArray(body) ? (body as TreeEntry[]) : undefined;
  } catch (error) {
    if (isAbortError(error)) throw error;
    return undefined;
  }
}

async function headMeta(url: string, fetchFn: FetchLike, signal?: AbortSignal): Promise<FileMeta> {
  try {
    const response = await fetchFn(url, { method: 'HEAD', signal, cache: 'no-store', credentials: 'omit' });
    if (UNAVAILABLE_STATUSES.has(response.status)) return { exists: false, answered: true, status: response.status };
    if (!response.ok) return { exists: undefined, answered: true };
    const length = Number(response.headers.get('content-length'));
    return Number.isFinite(length) && length > 0 ? { exists: true, answered: true, size: length } : { exists: true, answered: true };
  } catch (error) {
    if (isAbortError(error)) throw error;
    return { exists: undefined, answered: false };
  }
}

function folderOf(path: string): string {
  const index = path.lastIndexOf('/');
  return index < 0 ? '' : path.slice(0, index);
}
