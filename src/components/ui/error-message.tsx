import type { ReactNode } from 'react';
import type { AppErrorData } from '../../shared/errors';
import { Message } from './message';

/** An error as the user sees it: what failed, what to do, and the technical detail on request. */
export function ErrorMessage({ error, title, children }: { error: AppErrorData; title?: string; children?: ReactNode }) {
  return (
    <div role="alert">
      <Message tone="error">
        {title ? <strong className="font-semibold">{title} </strong> : null}
        {error.message} {error.action ? <span>{error.action}</span> : null}
        {children}
        {error.detail ? (
          <details className="mt-1 text-xs">
            <summary className="cursor-pointer">Details</summary>
            <pre className="whitespace-pre-wrap break-all">{error.detail}</pre>
          </details>
        ) : null}
      </Message>
    </div>
  );
}
