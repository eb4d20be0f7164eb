import { CauseNotice } from '../../components/ui/cause-notice';
import { useErrorView } from '../../store/error-views';

/**
 * A host that cannot be reached, above the gallery: found by the size lookup
 * before anything loads, or by a failed download when the user acted nowhere
 * that shows it. Its message offers the demo models this site may serve; once
 * a panel where the user works carries the message, it shows there instead.
 */
export function OfflineDemoOffer() {
  const view = useErrorView('top');
  return view?.mode === 'message' ? <CauseNotice view={view} /> : null;
}
