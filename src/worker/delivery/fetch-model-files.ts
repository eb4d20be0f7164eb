/**
 * Brings all files of one model into memory: from the verified cache when
 * present, otherwise downloaded (a few in parallel) and then cached. A file
 * that cannot be cached (quota) is still used from memory, with a warning.
 */
import type { AppErrorData } from '../../shared/errors';
import type { ProgressData } from '../../shared/protocol';
import { ProgressTracker } from './progress-tracker';
import type { CacheLabels, FetchedFile, FileRequest } from './types';
import type { VerifiedCache } from './verified-cache';

export interface FetchModelFilesOptions {
  cache: VerifiedCache;
  labels: CacheLabels;
  download(file: FileRequest, onBytes: (loaded: number, total: number) => void): Promise<Uint8Array>;
  onProgress(progress: ProgressData): void;
  onWarning(warning: AppErrorData): void;
  concurrency?: number;
  /** Skip the cache for these URLs (a cached copy just failed to load). */
  bypassCache?: ReadonlySet<string>;
}

const DEFAULT_CONCURRENCY = 3;

export async function fetchModelFiles(files: readonly FileRequest[], options: FetchModelFilesOptions): Promise<FetchedFile[]> {
  const tracker = new ProgressTracker(
    'Downloading',
    files.map((file) => ({ path: file.path, total: file.size ?? 0 })),
    options.onProgress,
  );
  tracker.flush();
  const results: FetchedFile[] = new Array(files.length);
  let next = 0;
  let quotaWarned = false;

  async function fetchOne(file: FileRequest): Promise<FetchedFile> {
    const cached = options.bypassCache?.has(file.url) ? undefined : await options.cache.read(file.url);
    if (cached && (file.size === undefined || cached.length === file.size)) {
      tracker.complete(file.path, cached.length);
      return { path: file.path, url: file.url, bytes: cached, fromCache: true };
    }
    const bytes = await options.download(file, (loaded, total) => tracker.update(file.path, loaded, total));
    tracker.complete(file.path, bytes.length);
    const outcome = await options.cache.write(file.url, file.path, bytes, options.labels);
    if (!outcome.stored && !quotaWarned) {
      quotaWarned = true;
      options.onWarning(outcome.error);
    }
    return { path: file.path, url: file.url, bytes, fromCache: false };
  }

  async function lane(): Promise<void> {
    while (next < files.length) {
      const index = next++;
      const file = files[index];
      if (file) results[index] = await fetchOne(file);
    }
  }

  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? DEFAULT_CONCURRENCY, files.length) }, lane));
  tracker.flush();
  return results;
}
