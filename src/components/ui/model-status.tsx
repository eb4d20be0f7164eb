import type { AppErrorData } from '../../shared/errors';
import { Button } from './button';
import { ErrorMessage } from './error-message';
import { ProgressBar } from './progress-bar';

export interface ModelStatusProps {
  label: string;
  status: 'idle' | 'loading' | 'ready' | 'error';
  /** e.g. "WebGPU · q8 · 88 MB". */
  summary?: string;
  progress?: { phase: string; loaded: number; total: number };
  progressText?: string;
  error?: AppErrorData;
  tone: 'clip' | 'blip';
  onLoad(): void;
  onCancel(): void;
}

/** One line per model in a feature column: what is loaded, or the progress, or what went wrong. */
export function ModelStatus({ label, status, summary, progress, progressText, error, tone, onLoad, onCancel }: ModelStatusProps) {
  if (status === 'loading') {
    return (
      <div className="flex items-end gap-2">
        <div className="min-w-0 flex-1">
          <ProgressBar
            tone={tone}
            label={`Loading ${label}: ${progress?.phase ?? 'starting'}`}
            value={progress?.loaded ?? 0}
            max={progress?.total ?? 0}
            {...(progressText ? { text: progressText } : {})}
          />
        </div>
        <Button size="sm" onClick={onCancel} aria-label={`Cancel loading ${label}`}>
          Cancel
        </Button>
      </div>
    );
  }
  if (status === 'error' && error) {
    return (
      <div className="space-y-2">
        <ErrorMessage error={error} title={`${label} could not be loaded.`} />
        <Button size="sm" onClick={onLoad} aria-label={`Retry loading ${label}`}>
          Retry
        </Button>
      </div>
    );
  }
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      {status === 'ready' ? (
        <span aria-label={`${label} model status`} className="text-slate-600">
          {label}: {summary}
        </span>
      ) : (
        <>
          <span className="text-slate-600">{label} is not loaded yet; it loads on first use.</span>
          <Button size="sm" onClick={onLoad} aria-label={`Load ${label} now`}>
            Load now
          </Button>
        </>
      )}
    </div>
  );
}
