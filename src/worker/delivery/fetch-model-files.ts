/**
 * Brings all files of one model into memory: from the verified cache when
 * present, otherwise downloaded (a few in parallel). A file is cached only
 * once it is proven: by the host's hash, or by its own check (JSON parses);
 * the rest stays pending until the model manager has loaded it. A cached file
 * that fails the check is evicted and downloaded again. A file that cannot be
 * cached (quota) is still used from memory, with a warning.
 */
import { AppError, type AppErrorData } from '../../shared/errors';
import { describeHost } from '../../shared/model-source';
import type { ProgressData } from '../../shared/protocol';
import { contentProblem } from './content-check';
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
  const store = storer(options);

  async function fetchOne(file: FileRequest): Promise<FetchedFile> {
    const cached = options.bypassCache?.has(file.url) ? undefined : await readProven(options.cache, file);
    if (cached) {
      tracker.complete(file.path, cached.length);
      return { path: file.path, url: file.url, bytes: cached, fromCache: true };
    }
    const bytes = await options.download(file, (loaded, total) => tracker.update(file.path, loaded, total));
    tracker.complete(file.path, bytes.length);
    const problem = contentProblem(file.path, bytes);
    if (problem) throw unusableDownload(file, problem);
    const fetched: FetchedFile = { path: file.path, url: file.url, bytes, fromCache: false };
    if (!provenByHost(file) && !file.path.endsWith('.json')) return { ...fetched, pending: true };
    await store(fetched);
    return fetched;
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

/** Stores the files that were pending proof, now that the model built from them loaded. */
export async function storeProvenFiles(
  files: readonly FetchedFile[],
  options: Pick<FetchModelFilesOptions, 'cache' | 'labels' | 'onWarning'>,
): Promise<void> {
  const store = storer(options);
  for (const file of files) if (file.pending) await store(file);
}

/** Writes files to the cache, warning once per load when the browser refuses (quota). */
function storer(options: Pick<FetchModelFilesOptions, 'cache' | 'labels' | 'onWarning'>): (file: FetchedFile) => Promise<void> {
  let warned = false;
  return async (file) => {
    const outcome = await options.cache.write(file.url, file.path, file.bytes, options.labels);
    if (!outcome.stored && !warned) {
      warned = true;
      options.onWarning(outcome.error);
    }
  };
}

/** The cached copy when it is whole and passes its check; a copy that fails is evicted. */
async function readProven(cache: VerifiedCache, file: FileRequest): Promise<Uint8Array | undefined> {
  const cached = await cache.read(file.url);
  if (!cached) return undefined;
  if ((file.size === undefined || cached.length === file.size) && !contentProblem(file.path, cached)) return cached;
  await cache.evict(file.url);
  return undefined;
}

function provenByHost(file: FileRequest): boolean {
  return Boolean(file.sha256 || file.gitOid);
}

function unusableDownload(file: FileRequest, problem: string): AppError {
  return new AppError({
    code: 'download-failed',
    message: `${file.path} from ${describeHost(file.url)} cannot be used: ${problem}. It was not stored.`,
    action: 'The host or path template is probably wrong, or the file is damaged on the host; check Settings or pick another host.',
    detail: file.url,
  });
}
