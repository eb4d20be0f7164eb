import { formatBytes, formatMs } from '../../shared/format';
import type { ErrorView } from '../../shared/error-view';
import type { LoadState } from '../../shared/load-state';
import type { LoadedModelInfo } from '../../shared/protocol';
import { Button } from './button';
import { CauseNotice } from './cause-notice';
import { ErrorMessage } from './error-message';
import { overallProgress, ProgressBar } from './progress-bar';

export interface ModelStatusProps {
  label: string;
  /** The load as far as the current settings go (a load of another model shows as idle). */
  load: LoadState;
  tone: 'clip' | 'blip';
  onLoad(): void;
  onCancel(): void;
  /** How this place shows a failed load when one cause reached several places (store/error-views.ts); without it, the error in full. */
  errorView?: ErrorView | undefined;
}

/** One line per model in a feature column: what is loaded, or the progress, or what went wrong. */
export function ModelStatus({ label, load, tone, onLoad, onCancel, errorView }: ModelStatusProps) {
  if (load.status === 'loading') {
    const bar = load.progress ? overallProgress(load.progress) : { value: 0, max: 0 };
    return (
      <div className="flex items-end gap-2">
        <div className="min-w-0 flex-1">
          <ProgressBar tone={tone} label={`Loading ${label}: ${load.progress?.phase ?? 'starting'}`} {...bar} />
        </div>
        <Button size="sm" onClick={onCancel} aria-label={`Cancel loading ${label}`}>
          Cancel
        </Button>
      </div>
    );
  }
  if (load.status === 'error' && errorView) return <CauseNotice view={errorView} />;
  if (load.status === 'error') {
    return (
      <div className="space-y-2">
        <ErrorMessage error={load.error} title={`${label} could not be loaded.`} />
        <Button size="sm" onClick={onLoad} aria-label={`Retry loading ${label}`}>
          Retry
        </Button>
      </div>
    );
  }
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      {load.status === 'ready' ? (
        <span aria-label={`${label} model status`} className="text-slate-600">
          {label}: {summary(load.info)}
        </span>
      ) : (
        <>
          <span className="text-slate-600">{label} is not loaded yet; it loads on first use.</span>
          {/* The visible text is the accessible name: a "Load now" button named "Load CLIP now" confused speech control users. */}
          <Button size="sm" onClick={onLoad}>
            Load {label} now
          </Button>
        </>
      )}
    </div>
  );
}

function summary(info: LoadedModelInfo): string {
  const backend = info.backend === 'webgpu' ? 'WebGPU' : `WASM ${info.threads}×`;
  return `${info.displayName} · ${backend} · ${info.dtype} · ${formatBytes(info.bytes.total)} · loaded in ${formatMs(info.timings.totalMs)}`;
}
