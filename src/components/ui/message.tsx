import type { ReactNode } from 'react';
import { Button } from './button';

export interface MessageProps {
  tone: 'error' | 'warning' | 'info';
  children: ReactNode;
  onDismiss?: () => void;
  dismissLabel?: string;
}

const TONES = {
  error: 'border-red-200 bg-red-50 text-red-900',
  warning: 'border-amber-200 bg-amber-50 text-amber-900',
  info: 'border-sky-200 bg-sky-50 text-sky-900',
};

export function Message({ tone, children, onDismiss, dismissLabel = 'Dismiss' }: MessageProps) {
  return (
    <div className={`flex items-start justify-between gap-3 rounded-md border px-3 py-2 text-sm ${TONES[tone]}`}>
      <div className="min-w-0">{children}</div>
      {onDismiss ? (
        <Button variant="ghost" size="sm" aria-label={dismissLabel} onClick={onDismiss}>
          ✕
        </Button>
      ) : null}
    </div>
  );
}
