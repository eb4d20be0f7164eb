/**
 * A model's files as URLs, what the host and the cache say about them before
 * anything downloads, and fetching them. Deliberately free of ONNX Runtime
 * imports: the models panel inspects sizes at page load, and that must not
 * pull the runtime into the initial download.
 */
import { modelFiles } from '../../shared/model-registry';
import { fileUrl } from '../../shared/model-source';
import type { ModelInspection, ModelRef } from '../../shared/protocol';
import { downloadFile } from '../delivery/download-file';
import { fetchModelFiles } from '../delivery/fetch-model-files';
import { lookupFileMeta, type FileMeta } from '../delivery/file-metadata';
import { filesUnavailable } from '../delivery/source-unavailable';
import type { CacheLabels, FetchedFile, FetchLike, FileRequest, SleepLike } from '../delivery/types';
import type { VerifiedCache } from '../delivery/verified-cache';
import type { LoadHooks } from './shared-load';

export interface FileDeps {
  fetch: FetchLike;
  sleep: SleepLike;
  cache: VerifiedCache;
}

export function modelFileRequests(ref: ModelRef): FileRequest[] {
  return modelFiles(ref.spec, ref.dtype).map((file) => ({
    path: file.path,
    url: fileUrl(ref.source, ref.spec.repo, ref.spec.revision, file.path),
  }));
}

export async function inspectModel(ref: ModelRef, cache: VerifiedCache, fetchFn: FetchLike, signal?: AbortSignal): Promise<ModelInspection> {
  const files = modelFileRequests(ref);
  const cached = await Promise.all(files.map((file) => cache.info(file.url)));
  const uncached = files.filter((_, index) => !cached[index]).map((file) => file.path);
  const meta = uncached.length
    ? await lookupFileMeta(ref.source, ref.spec.repo, ref.spec.revision, uncached, fetchFn, signal)
    : new Map<string, FileMeta>();
  const inspected = files.map((file, index) => {
    const stored = cached[index];
    if (stored) return { path: file.path, size: stored.size, exists: true, cached: true };
    const found = meta.get(file.path);
    return { path: file.path, size: found?.size, exists: found?.exists, cached: false };
  });
  const sizes = inspected.map((file) => file.size);
  return {
    files: inspected,
    totalBytes: sizes.every((size) => size !== undefined) ? sizes.reduce((sum: number, size) => sum + (size ?? 0), 0) : undefined,
    cachedBytes: inspected.filter((file) => file.cached).reduce((sum, file) => sum + (file.size ?? 0), 0),
    missing: inspected.filter((file) => file.exists === false && !ref.spec.layout?.optional?.includes(file.path)).map((file) => file.path),
    hostReachable: uncached.length === 0 || [...meta.values()].some((found) => found.answered),
  };
}

/** Adds sizes and hashes for files that must be downloaded; fails early, by name, on files the host lacks. */
export async function planFiles(ref: ModelRef, deps: FileDeps, signal?: AbortSignal): Promise<FileRequest[]> {
  const files = modelFileRequests(ref);
  const cached = await Promise.all(files.map((file) => deps.cache.info(file.url)));
  const uncached = files.filter((_, index) => !cached[index]);
  if (uncached.length === 0) return files;
  const meta = await lookupFileMeta(
    ref.source,
    ref.spec.repo,
    ref.spec.revision,
    uncached.map((file) => file.path),
    deps.fetch,
    signal,
  );
  const optional = new Set(ref.spec.layout?.optional ?? []);
  const absent = (path: string) => meta.get(path)?.exists === false;
  const missing = uncached
    .filter((file) => absent(file.path) && !optional.has(file.path))
    .map((file) => ({ ...file, status: meta.get(file.path)?.status }));
  if (missing.length > 0) {
    const label = { model: ref.spec.displayName, repo: ref.spec.repo, revision: ref.spec.revision, dtype: ref.dtype };
    throw filesUnavailable(missing, files.length - optional.size, label);
  }
  return files
    .filter((file) => !(optional.has(file.path) && absent(file.path)))
    .map((file) => {
      const found = meta.get(file.path);
      return {
        ...file,
        ...(found?.size === undefined ? {} : { size: found.size }),
        ...(found?.sha256 ? { sha256: found.sha256 } : {}),
        ...(found?.gitOid ? { gitOid: found.gitOid } : {}),
      };
    });
}

/** Downloads (or reads from the cache) the planned files; warnings become load notes. */
export async function fetchFiles(
  ref: ModelRef,
  requests: FileRequest[],
  deps: FileDeps,
  hooks: LoadHooks,
  notes: string[],
  bypassCache?: ReadonlySet<string>,
): Promise<FetchedFile[]> {
  // One failed file stops the others: no point finishing downloads of a load that already failed.
  const controller = new AbortController();
  const abort = () => controller.abort(hooks.signal?.reason);
  hooks.signal?.addEventListener('abort', abort, { once: true });
  try {
    return await fetchModelFiles(requests, {
      cache: deps.cache,
      labels: cacheLabels(ref),
      download: (file, onBytes) =>
        downloadFile(file, {
          fetch: deps.fetch,
          sleep: deps.sleep,
          signal: controller.signal,
          onBytes,
          label: { model: ref.spec.displayName, repo: ref.spec.repo },
        }),
      onProgress: (progress) => hooks.progress?.(progress),
      onWarning: (warning) => notes.push(`${warning.message} ${warning.action ?? ''}`.trim()),
      ...(bypassCache ? { bypassCache } : {}),
    });
  } catch (error) {
    controller.abort(error);
    throw error;
  } finally {
    hooks.signal?.removeEventListener('abort', abort);
  }
}

export function cacheLabels(ref: ModelRef): CacheLabels {
  return { modelId: ref.spec.id, repo: ref.spec.repo, revision: ref.spec.revision };
}
