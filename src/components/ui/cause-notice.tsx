import { useRef } from 'react';
import type { ErrorView } from '../../shared/error-view';
import { Button } from './button';
import { ErrorMessage } from './error-message';

/** Moves focus to the cause's message, which may sit in another panel, so keyboard and screen reader users land on it too. */
function focusMessage(targetId: string) {
  document.getElementById(targetId)?.focus();
}

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled])';

/**
 * Runs an action that makes the notice go (Retry, the demo models), then, if
 * focus fell to the page with it, puts it on the first control of the panel
 * the notice was in, so Tab does not start again from the top.
 */
function keepFocusNear(anchor: HTMLElement | null, action: () => void): void {
  const home = anchor?.closest('section, article') ?? anchor?.parentElement ?? null;
  action();
  setTimeout(() => {
    if (home?.isConnected && (document.activeElement === document.body || document.activeElement === null))
      home.querySelector<HTMLElement>(FOCUSABLE)?.focus();
  }, 0);
}

/** A failed load as one place shows it: the cause's whole message at its home, a short pointer elsewhere. */
export function CauseNotice({ view }: { view: ErrorView }) {
  const root = useRef<HTMLDivElement>(null);
  if (view.mode === 'pointer') {
    return (
      <p className="rounded-md border border-red-200 bg-white px-3 py-1.5 text-sm text-red-800">
        {view.text}{' '}
        <a href={`#${view.targetId}`} onClick={() => focusMessage(view.targetId)} className="underline">
          See the message {view.where}
        </a>
        .
      </p>
    );
  }
  const { onUseDemo } = view;
  return (
    <div ref={root} id={view.id} tabIndex={-1} className="space-y-2 scroll-mt-16 focus:outline-none">
      <ErrorMessage error={view.error} title={view.title}>
        <span className="mt-1 block text-xs">{view.tried}</span>
        {view.hint ? <span className="mt-1 block">{view.hint}</span> : null}
      </ErrorMessage>
      <div className="flex flex-wrap items-center gap-2">
        <Button size="sm" onClick={() => keepFocusNear(root.current, view.onRetry)} aria-label={view.retryLabel}>
          Retry
        </Button>
        {onUseDemo ? (
          <>
            <Button size="sm" onClick={() => keepFocusNear(root.current, onUseDemo)}>
              Use offline demo models
            </Button>
            <span className="text-xs text-slate-600">
              Tiny random-weight models served by this site: their outputs are meaningless; they only exercise the interface.
            </span>
          </>
        ) : null}
      </div>
    </div>
  );
}
