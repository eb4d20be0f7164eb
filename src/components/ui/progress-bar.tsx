export interface ProgressBarProps {
  label: string;
  value: number;
  max: number;
  /** Visible text beside the bar, e.g. "12.3 MB of 88.1 MB". */
  text?: string;
  tone?: 'clip' | 'blip' | 'neutral';
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
        <div className={`h-full ${TONES[tone]} transition-[width]`} style={{ width: `${fraction * 100}%` }} />
      </div>
    </div>
  );
}
