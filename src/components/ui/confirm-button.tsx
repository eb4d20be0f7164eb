import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { Button } from './button';

export interface ConfirmButtonProps {
  /** The button's visible text, e.g. "Clear all". */
  children: ReactNode;
  /** Its accessible name when the text alone is ambiguous ("Delete" in a list). */
  label?: string;
  /** What the user is asked, naming what goes and what it costs. */
  question: string;
  /** The confirming button's text, e.g. "Delete all". */
  confirmLabel: string;
  onConfirm(): void;
  disabled?: boolean;
}

/**
 * A destructive action asked about once, in place: the button turns into the
 * question with Confirm and Keep. Focus goes to Keep (the safe choice), Escape
 * keeps, and focus returns to the button afterwards, so a keyboard user never
 * lands at the top of the page.
 */
export function ConfirmButton({ children, label, question, confirmLabel, onConfirm, disabled = false }: ConfirmButtonProps) {
  const [asking, setAsking] = useState(false);
  const [answered, setAnswered] = useState(0);
  const box = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (asking) box.current?.querySelector<HTMLButtonElement>('button[data-keep]')?.focus();
    else if (answered > 0) box.current?.querySelector<HTMLButtonElement>('button')?.focus();
  }, [asking, answered]);
  const answer = (confirm: boolean) => {
    setAsking(false);
    setAnswered((count) => count + 1);
    if (confirm) onConfirm();
  };
  const escape = (event: KeyboardEvent) => {
    if (event.key === 'Escape') answer(false);
  };
  return (
    <span ref={box} className="inline-flex flex-wrap items-center gap-2">
      {asking ? (
        <>
          <span role="status" className="text-sm text-red-800">
            {question}
          </span>
          <Button size="sm" variant="danger" onClick={() => answer(true)} onKeyDown={escape}>
            {confirmLabel}
          </Button>
          <Button size="sm" data-keep onClick={() => answer(false)} onKeyDown={escape}>
            Keep
          </Button>
        </>
      ) : (
        <Button size="sm" variant="danger" disabled={disabled} aria-label={label} onClick={() => setAsking(true)}>
          {children}
        </Button>
      )}
    </span>
  );
}
