import type { ErrorView } from '../../shared/error-view';
import { Button } from './button';
import { ErrorMessage } from './error-message';

/** Moves focus to the cause's message, which may sit in another panel, so keyboard and screen reader users land on it too. */
function focusMessage(targetId: string) {
  document.getElementById(targetId)?.focus();
}

/** A failed load as one place shows it: the cause's whole message at its home, a short pointer elsewhere. */
export function CauseNotice({ view }: { view: ErrorView }) {
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
  return (
    <div id={view.id} tabIndex={-1} className="space-y-2 scroll-mt-16 focus:outline-none">
      <ErrorMessage error={view.error} title={view.title}>
        <span className="mt-1 block text-xs">{view.tried}</span>
        {view.hint ? <span className="mt-1 block">{view.hint}</span> : null}
      </ErrorMessage>
      <div className="flex flex-wrap items-center gap-2">
        <Button size="sm" onClick={view.onRetry} aria-label={view.retryLabel}>
          Retry
        </Button>
        {view.onUseDemo ? (
          <>
            <Button size="sm" onClick={view.onUseDemo}>
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
