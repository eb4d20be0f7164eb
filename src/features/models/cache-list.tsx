import { useEffect, useState } from 'react';
import { ConfirmButton } from '../../components/ui/confirm-button';
import { formatBytes } from '../../shared/format';
import { useAppStore } from '../../store/store';

export function CacheList() {
  const listing = useAppStore((state) => state.cacheListing);
  const { refreshCache, deleteCached, clearCache } = useAppStore.getState();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void refreshCache();
  }, [refreshCache]);

  async function run(action: () => Promise<void>) {
    setBusy(true);
    try {
      await action();
    } finally {
      setBusy(false);
    }
  }

  const models = listing?.models ?? [];
  const total = models.reduce((sum, model) => sum + model.bytes, 0);
  return (
    <section aria-labelledby="cache-heading" className="space-y-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id="cache-heading" className="font-semibold">
          Stored in this browser
        </h3>
        <ConfirmButton
          disabled={busy || models.length === 0}
          question={`Delete all ${models.length} stored ${models.length === 1 ? 'model' : 'models'} (${formatBytes(total)})? They download again on next use.`}
          confirmLabel="Delete all"
          onConfirm={() => void run(clearCache)}
        >
          Clear all
        </ConfirmButton>
      </div>
      {models.length === 0 ? (
        <p className="text-sm text-slate-600">No model files are stored yet. Loaded models are kept here for the next visit.</p>
      ) : (
        <ul aria-label="Stored models" className="divide-y divide-slate-100 text-sm">
          {models.map((model) => (
            <li key={`${model.repo}@${model.revision}`} className="flex flex-wrap items-center justify-between gap-2 py-1.5">
              <span className="min-w-0 break-all">
                <span className="font-medium">{model.repo}</span>{' '}
                <span className="text-slate-500">
                  @ {model.revision.slice(0, 12)} · {model.files} files · {formatBytes(model.bytes)}
                </span>
              </span>
              <ConfirmButton
                label={`Delete ${model.repo} from the browser cache`}
                disabled={busy}
                question={`Delete ${model.repo} (${formatBytes(model.bytes)})? It downloads again on next use.`}
                confirmLabel="Delete"
                onConfirm={() => void run(() => deleteCached(model.repo, model.revision))}
              >
                Delete
              </ConfirmButton>
            </li>
          ))}
        </ul>
      )}
      <p className="text-xs text-slate-500">
        {formatBytes(total)} in model files
        {listing?.usage !== undefined && listing.quota !== undefined
          ? ` · site storage ${formatBytes(listing.usage)} used of ${formatBytes(listing.quota)} available`
          : ''}
        {listing?.persisted ? ' · persistent' : ''}
      </p>
    </section>
  );
}
