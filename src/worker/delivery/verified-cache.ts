/**
 * Model files in Cache Storage. Only verified, complete files are written;
 * each entry records its size and origin so that a damaged entry is noticed
 * on read (and evicted) and so the models panel can list what is stored.
 */
import { AppError, type AppErrorData } from '../../shared/errors';
import { formatBytes } from '../../shared/format';
import type { CacheLabels } from './types';

export const MODEL_CACHE_NAME = 'playground-models-v1';

const HEADER = {
  size: 'x-playground-size',
  modelId: 'x-playground-model',
  repo: 'x-playground-repo',
  revision: 'x-playground-revision',
  path: 'x-playground-path',
  storedAt: 'x-playground-stored-at',
} as const;

export interface CachedFileInfo extends CacheLabels {
  url: string;
  path: string;
  size: number;
  storedAt: number;
}

export interface StorageEstimate {
  usage?: number;
  quota?: number;
}

export interface StorageLike {
  estimate?(): Promise<StorageEstimate>;
  persist?(): Promise<boolean>;
  persisted?(): Promise<boolean>;
}

export type WriteOutcome = { stored: true } | { stored: false; error: AppErrorData };

export class VerifiedCache {
  private persistRequested = false;
  /**
   * What deletions freed, until the browser's estimate shows it: Chromium
   * updates its usage figure lazily, so right after "Clear all" the listing
   * would still show the old usage.
   */
  private released: { usageBefore: number; bytes: number } | undefined;

  constructor(
    private readonly caches: CacheStorage | undefined,
    private readonly storage: StorageLike | undefined,
    private readonly name = MODEL_CACHE_NAME,
  ) {}

  get available(): boolean {
    return this.caches !== undefined;
  }

  /** The cached bytes, or undefined; an entry whose body does not match its recorded size is evicted. */
  async read(url: string): Promise<Uint8Array | undefined> {
    const cache = await this.open();
    const response = await cache?.match(url);
    if (!cache || !response) return undefined;
    const recorded = Number(response.headers.get(HEADER.size));
    try {
      const bytes = new Uint8Array(await response.arrayBuffer());
      if (Number.isFinite(recorded) && bytes.length === recorded) return bytes;
    } catch {
      // An unreadable entry is as bad as a short one.
    }
    await cache.delete(url);
    return undefined;
  }

  /** Size of a cached entry, from its recorded header (the body is not read). */
  async info(url: string): Promise<{ size: number } | undefined> {
    const cache = await this.open();
    const response = await cache?.match(url);
    if (!response) return undefined;
    const size = Number(response.headers.get(HEADER.size));
    return Number.isFinite(size) ? { size } : undefined;
  }

  async write(url: string, path: string, bytes: Uint8Array, labels: CacheLabels): Promise<WriteOutcome> {
    const cache = await this.open();
    if (!cache) {
      return {
        stored: false,
        error: { code: 'quota-exceeded', message: 'This browser offers no Cache Storage here, so models are not kept between visits.' },
      };
    }
    const headers = new Headers({
      'content-type': 'application/octet-stream',
      'content-length': String(bytes.length),
      [HEADER.size]: String(bytes.length),
      [HEADER.modelId]: labels.modelId,
      [HEADER.repo]: labels.repo,
      [HEADER.revision]: labels.revision,
      [HEADER.path]: path,
      [HEADER.storedAt]: String(Date.now()),
    });
    this.released = undefined;
    try {
      await cache.put(url, new Response(bytes as BodyInit, { status: 200, headers }));
    } catch (error) {
      await cache.delete(url).catch(() => false);
      return { stored: false, error: await this.describeWriteFailure(error, path, bytes.length) };
    }
    await this.requestPersistence();
    return { stored: true };
  }

  async evict(url: string): Promise<void> {
    await (await this.open())?.delete(url);
  }

  async list(): Promise<CachedFileInfo[]> {
    const cache = await this.open();
    if (!cache) return [];
    const infos: CachedFileInfo[] = [];
    for (const request of await cache.keys()) {
      const response = await cache.match(request);
      if (!response) continue;
      const header = (name: string) => response.headers.get(name) ?? '';
      infos.push({
        url: request.url,
        path: header(HEADER.path),
        size: Number(header(HEADER.size)) || 0,
        modelId: header(HEADER.modelId),
        repo: header(HEADER.repo),
        revision: header(HEADER.revision),
        storedAt: Number(header(HEADER.storedAt)) || 0,
      });
    }
    return infos;
  }

  /** Deletes every file of one repository revision, or everything when no repo is given. */
  async remove(filter?: { repo: string; revision: string }): Promise<{ files: number; bytes: number }> {
    const cache = await this.open();
    if (!cache) return { files: 0, bytes: 0 };
    const usageBefore = this.released?.usageBefore ?? (await this.storage?.estimate?.().catch(() => undefined))?.usage;
    let files = 0;
    let bytes = 0;
    for (const info of await this.list()) {
      if (filter && (info.repo !== filter.repo || info.revision !== filter.revision)) continue;
      if (await cache.delete(info.url)) {
        files += 1;
        bytes += info.size;
      }
    }
    if (bytes > 0 && usageBefore !== undefined) this.released = { usageBefore, bytes: (this.released?.bytes ?? 0) + bytes };
    return { files, bytes };
  }

  async estimate(): Promise<StorageEstimate & { persisted?: boolean }> {
    const estimate = { ...((await this.storage?.estimate?.().catch(() => undefined)) ?? {}) };
    if (this.released && estimate.usage !== undefined) {
      const expected = Math.max(0, this.released.usageBefore - this.released.bytes);
      if (estimate.usage > expected) estimate.usage = expected;
      else this.released = undefined;
    }
    const persisted = await this.storage?.persisted?.().catch(() => undefined);
    return { ...estimate, ...(persisted === undefined ? {} : { persisted }) };
  }

  private async open(): Promise<Cache | undefined> {
    if (!this.caches) return undefined;
    try {
      return await this.caches.open(this.name);
    } catch {
      return undefined;
    }
  }

  private async requestPersistence(): Promise<void> {
    if (this.persistRequested) return;
    this.persistRequested = true;
    await this.storage?.persist?.().catch(() => false);
  }

  private async describeWriteFailure(error: unknown, path: string, size: number): Promise<AppErrorData> {
    const quota = isQuotaError(error);
    const { usage, quota: limit } = await this.estimate();
    const free = usage !== undefined && limit !== undefined ? Math.max(0, limit - usage) : undefined;
    return new AppError({
      code: 'quota-exceeded',
      message: quota
        ? `${quotaReason(path, size, free)} The model still runs from memory for this visit.`
        : `${path} could not be stored in the browser cache; the model still runs from memory for this visit.`,
      action: 'Free space with “Delete” or “Clear all” in the Models panel, or in the browser’s site settings.',
      detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    }).toData();
  }
}

/**
 * The browser's estimate is only an estimate: it can report gigabytes free and
 * still refuse a small file (a per-site or per-cache limit, private mode). Then
 * "needs 562 KB and 10.0 GB is free" reads as nonsense; say what happened instead.
 */
function quotaReason(path: string, size: number, free: number | undefined): string {
  if (free === undefined) return `Not enough browser storage to keep ${path} (${formatBytes(size)}).`;
  if (free < size) return `Not enough browser storage to keep ${path}: it needs ${formatBytes(size)} and only ${formatBytes(free)} is free.`;
  return `The browser refused to store ${path} (${formatBytes(size)}) for lack of space, although it estimates ${formatBytes(free)} free; its limit for this site is lower than that estimate (private windows keep little).`;
}

function isQuotaError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: string }).name === 'QuotaExceededError';
}
