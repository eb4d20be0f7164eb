import type { ButtonHTMLAttributes } from 'react';

type Variant = 'primary' | 'secondary' | 'ghost' | 'danger';

// Disabled colours keep 4.5:1 too: a button that was just enabled still shows them while transition-colors runs,
// and axe (rightly) checks it then.
const VARIANTS: Record<Variant, string> = {
  primary: 'bg-slate-900 text-white hover:bg-slate-700 disabled:bg-slate-500',
  secondary: 'border border-slate-300 bg-white text-slate-800 hover:bg-slate-100 disabled:text-slate-500',
  ghost: 'text-slate-700 hover:bg-slate-200/70 disabled:text-slate-500',
  danger: 'border border-red-200 bg-white text-red-700 hover:bg-red-50 disabled:text-red-600',
};

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: Variant;
  size?: 'sm' | 'md';
  /**
   * The button's own work is running: it ignores presses but stays focusable.
   * `disabled` would drop keyboard focus to the page while it runs.
   */
  busy?: boolean;
}

export function Button({ variant = 'secondary', size = 'md', className = '', type = 'button', busy = false, onClick, ...rest }: ButtonProps) {
  const sizing = size === 'sm' ? 'px-2.5 py-1 text-xs' : 'px-3.5 py-2 text-sm';
  return (
    <button
      type={type}
      aria-disabled={busy || undefined}
      aria-busy={busy || undefined}
      onClick={busy ? (event) => event.preventDefault() : onClick}
      className={`inline-flex items-center justify-center gap-1.5 rounded-md font-medium transition-colors disabled:cursor-not-allowed aria-busy:cursor-wait aria-busy:opacity-70 ${sizing} ${VARIANTS[variant]} ${className}`}
      {...rest}
    />
  );
}
