import { formatBytes } from '../../shared/format';
import type { ModelInspection } from '../../shared/protocol';
import type { InspectionState } from '../../store/models-slice';

export function SizeSummary({ inspection }: { inspection: InspectionState | undefined }) {
  if (!inspection || inspection.status === 'pending') return <p className="text-sm text-slate-500">Checking file sizes…</p>;
  if (inspection.status === 'error') return <p className="text-sm text-amber-800">Sizes unavailable: {inspection.error.message}</p>;
  const result = inspection.result;
  return (
    <div className="text-sm text-slate-700">
      <p>{headline(result)}</p>
      <details className="mt-1">
        <summary className="cursor-pointer text-xs text-slate-500">Files</summary>
        <ul className="mt-1 space-y-0.5 text-xs">
          {result.files.map((file) => (
            <li key={file.path} className="flex justify-between gap-3 font-mono">
              <span className="truncate">{file.path}</span>
              <span className="shrink-0">
                {file.exists === false ? 'missing' : file.size === undefined ? '?' : formatBytes(file.size)}
                {file.cached ? ' · cached' : ''}
              </span>
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}

function headline(result: ModelInspection): string {
  if (result.missing.length > 0) return `Not available: ${result.missing.join(', ')} missing on the host.`;
  if (!result.hostReachable) return 'The model host cannot be reached, and not every file is cached.';
  const cachedAll = result.files.every((file) => file.cached);
  if (result.totalBytes === undefined) return 'Download size unknown (the host does not report sizes).';
  if (cachedAll) return `All files cached in this browser (${formatBytes(result.totalBytes)}).`;
  const toDownload = result.totalBytes - result.cachedBytes;
  return `Download ${formatBytes(toDownload)} of ${formatBytes(result.totalBytes)}${result.cachedBytes > 0 ? ` (${formatBytes(result.cachedBytes)} already cached)` : ''}.`;
}
