import { formatBytes, formatPercent } from '../../shared/format';
import type { ProgressData } from '../../shared/protocol';

export interface ProgressBarProps {
  label: string;
  value: number;
  max: number;
  /** Visible text beside the bar, e.g. "12.3 MB of 88.1 MB". */
  text?: string;
  tone?: 'clip' | 'blip' | 'neutral';
}

/**
 * A load's overall bar: bytes only in a phase that moves files. Session
 * creation reports a placeholder 1 of 1, and "Creating sessions 1 B of 1 B ·
 * 100%" read like a finished download; without files the bar has no measure.
 */
export function overallProgress(progress: ProgressData): Pick<ProgressBarProps, 'value' | 'max' | 'text'> {
  const { loaded, total } = progress.overall;
  if (progress.files.length === 0) return { value: 0, max: 0 };
  return {
    value: loaded,
    max: total,
    text: total > 0 ? `${formatBytes(loaded)} of ${formatBytes(total)} · ${formatPercent(loaded / total)}` : formatBytes(loaded),
  };
}

const TONES = { clip: 'bg-[var(--color-clip)]', blip: 'bg-[var(--color-blip)]', neutral: 'bg-slate-700' };

export function ProgressBar({ label, value, max, text, tone = 'neutral' }: ProgressBarProps) {
  const fraction = max > 0 ? Math.min(1, value / max) : 0;
  return (
    <div className="space-y-0.5">
      <div className="flex justify-between gap-2 text-xs text-slate-600">
        <span className="truncate">{label}</span>
        {text ? <span className="shrink-0 tabular-nums">{text}</span> : null}
      </div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={max > 0 ? max : undefined}
        aria-valuenow={max > 0 ? value : undefined}
        aria-valuetext={text}
        className="h-2 overflow-hidden rounded bg-slate-200"
      >
        {/* Without a measure (max 0) the bar pulses across its width: busy, but no amount to show. */}
        <div
          className={`h-full ${TONES[tone]} transition-[width] ${max > 0 ? '' : 'animate-pulse opacity-40'}`}
          style={{ width: `${max > 0 ? fraction * 100 : 100}%` }}
        />
      </div>
    </div>
  );
}
