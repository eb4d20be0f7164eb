import { overallProgress, ProgressBar } from '../../components/ui/progress-bar';
import { formatBytes } from '../../shared/format';
import type { ProgressData } from '../../shared/protocol';

export function DownloadProgress({ progress, label }: { progress: ProgressData | undefined; label: string }) {
  if (!progress) return <p className="text-sm text-slate-600">Preparing {label}…</p>;
  return (
    <div className="space-y-2">
      <ProgressBar label={`${label}: ${progress.phase}`} {...overallProgress(progress)} />
      {progress.files.length > 0 ? (
        <ul aria-label={`${label} files`} className="space-y-1 pl-3">
          {progress.files.map((file) => (
            <li key={file.file}>
              <ProgressBar
                label={file.file}
                value={file.loaded}
                max={file.total}
                text={
                  file.done
                    ? `${formatBytes(file.loaded)} ✓`
                    : file.total > 0
                      ? `${formatBytes(file.loaded)} of ${formatBytes(file.total)}`
                      : formatBytes(file.loaded)
                }
              />
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
