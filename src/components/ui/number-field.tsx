import { useId, useState } from 'react';

export interface NumberFieldProps {
  label: string;
  value: number;
  onChange(value: number): void;
  min: number;
  max: number;
  step?: number;
}

/**
 * A number input that lets the user type freely: clamping on every keystroke
 * turned "clear, type 4" into 8 (the empty field clamped to the minimum, then
 * the 4 was appended). The draft is kept as text and committed on blur or
 * Enter; an out-of-range or non-numeric draft is explained, not silently changed.
 */
export function NumberField({ label, value, onChange, min, max, step = 1 }: NumberFieldProps) {
  const [draft, setDraft] = useState<string>();
  const [problem, setProblem] = useState<string>();
  const messageId = useId();

  function commit() {
    if (draft === undefined) return;
    const parsed = draft.trim() === '' ? Number.NaN : Number(draft);
    if (!Number.isFinite(parsed)) {
      setProblem(`${label} needs a number from ${min} to ${max}; kept ${value}.`);
    } else if (parsed < min || parsed > max) {
      const clamped = Math.min(max, Math.max(min, parsed));
      setProblem(`${label} goes from ${min} to ${max}; ${parsed} became ${clamped}.`);
      onChange(clamped);
    } else {
      setProblem(undefined);
      onChange(parsed);
    }
    setDraft(undefined);
  }

  return (
    <div className="text-sm">
      <label className="flex items-center justify-between gap-2">
        <span>{label}</span>
        <input
          type="number"
          value={draft ?? String(value)}
          min={min}
          max={max}
          step={step}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? messageId : undefined}
          onChange={(event) => setDraft(event.target.value)}
          onBlur={commit}
          onKeyDown={(event) => {
            if (event.key === 'Enter') commit();
          }}
          className="w-24 rounded-md border border-slate-300 px-2 py-1 text-right tabular-nums"
        />
      </label>
      {problem ? (
        <p id={messageId} role="status" className="mt-1 text-xs text-amber-900">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
