/**
 * How one place on screen shows a failed load, as plain data: the store
 * decides (store/error-views.ts) and the presentational notice renders it
 * (components/ui/cause-notice.tsx), which may import nothing but shared.
 */
import type { AppErrorData } from './errors';

export type ErrorView =
  /** The cause's one whole message: what failed, what was tried, Details, the demo offer, one Retry. */
  | {
      mode: 'message';
      id: string;
      title: string;
      error: AppErrorData;
      tried: string;
      retryLabel: string;
      onRetry: () => void;
      /** Set when the cause is the host and this site serves the offline demo models. */
      onUseDemo?: () => void;
      /** A connection problem without the demo: where else to turn. */
      hint?: string;
    }
  /** Another place the same cause reached: one line that says so and links to the message. */
  | { mode: 'pointer'; targetId: string; text: string; where: string };
