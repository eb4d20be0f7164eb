/** The worker's model cache, the per-model summary the models panel lists, and size inspection (all light: no ONNX Runtime). */
import type { CacheListing, CachedModelSummary, ModelInspection, ModelRef } from '../../shared/protocol';
import { inspectModel } from '../models/model-files';
import { withDeadlines } from '../delivery/timed-fetch';
import { VerifiedCache, type StorageLike } from '../delivery/verified-cache';

let cache: VerifiedCache | undefined;

export function modelCache(): VerifiedCache {
  cache ??= new VerifiedCache(
    typeof caches === 'undefined' ? undefined : caches,
    (globalThis.navigator as { storage?: StorageLike } | undefined)?.storage,
  );
  return cache;
}

export async function listCachedModels(): Promise<CacheListing> {
  const store = modelCache();
  const groups = new Map<string, CachedModelSummary>();
  for (const file of await store.list()) {
    const key = `${file.repo}@${file.revision}`;
    const group = groups.get(key) ?? { repo: file.repo, revision: file.revision, specIds: [], files: 0, bytes: 0 };
    group.files += 1;
    group.bytes += file.size;
    if (file.modelId && !group.specIds.includes(file.modelId)) group.specIds.push(file.modelId);
    groups.set(key, group);
  }
  const estimate = await store.estimate();
  return { models: [...groups.values()].sort((a, b) => a.repo.localeCompare(b.repo)), ...estimate };
}

export function inspect(model: ModelRef, signal?: AbortSignal): Promise<ModelInspection> {
  return inspectModel(
    model,
    modelCache(),
    withDeadlines((input, init) => fetch(input, init)),
    signal,
  );
}
