/**
 * A model's files as URLs, and what the host and the cache say about them
 * before anything downloads. Deliberately free of ONNX Runtime imports: the
 * models panel inspects sizes at page load, and that must not pull the
 * runtime into the initial download.
 */
import { modelFiles } from '../../shared/model-registry';
import { fileUrl } from '../../shared/model-source';
import type { ModelInspection, ModelRef } from '../../shared/protocol';
import { lookupFileMeta, type FileMeta } from '../delivery/file-metadata';
import type { FetchLike, FileRequest } from '../delivery/types';
import type { VerifiedCache } from '../delivery/verified-cache';

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
