import type { ReactNode } from 'react';
import { actCapture } from './act-capture';

export interface PanelProps {
  title: string;
  /** Small text beside the title, e.g. what the model does. */
  subtitle?: string;
  accent?: 'clip' | 'blip' | 'neutral';
  actions?: ReactNode;
  children: ReactNode;
  id?: string;
  /** Called on any click or key press that activates something inside: tells the store where the user is working. */
  onAct?: () => void;
}

const ACCENTS = {
  clip: 'border-t-[var(--color-clip)]',
  blip: 'border-t-[var(--color-blip)]',
  neutral: 'border-t-slate-400',
};

export function Panel({ title, subtitle, accent = 'neutral', actions, children, id, onAct }: PanelProps) {
  const headingId = id ? `${id}-heading` : undefined;
  return (
    <section
      aria-labelledby={headingId}
      id={id}
      {...actCapture(onAct)}
      className={`min-w-0 rounded-lg border border-t-4 border-slate-200 bg-white p-4 shadow-sm ${ACCENTS[accent]}`}
    >
      <header className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <div>
          <h2 id={headingId} className="text-lg font-semibold">
            {title}
          </h2>
          {subtitle ? <p className="text-sm text-slate-600">{subtitle}</p> : null}
        </div>
        {actions}
      </header>
      {children}
    </section>
  );
}
