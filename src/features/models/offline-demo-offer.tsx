import { Button } from '../../components/ui/button';
import { Message } from '../../components/ui/message';
import { modelKey } from '../../shared/model-key';
import { useAppStore } from '../../store/store';
import { TASKS } from './task-labels';

/** When the model host is unreachable and the local server ships the tiny fixtures, offer them. */
export function OfflineDemoOffer() {
  const demoAvailable = useAppStore((state) => state.demoAvailable);
  const inspections = useAppStore((state) => state.inspections);
  const settings = useAppStore((state) => state.settings);
  // A download that failed after its retries is the same cause met at load time: offer the way out there too.
  const downloadFailed = useAppStore((state) =>
    TASKS.some((task) => {
      const load = state.currentLoad(task);
      return (
        load.status === 'error' && (load.error.code === 'download-failed' || load.error.code === 'timeout') && state.modelRef(task)?.spec.demo === false
      );
    }),
  );
  const { modelRef, useDemoModels } = useAppStore.getState();
  const unreachable = TASKS.some((task) => {
    const ref = modelRef(task);
    if (!ref || ref.spec.demo) return false;
    const inspection = inspections[modelKey(ref)];
    return inspection?.status === 'done' && !inspection.result.hostReachable;
  });
  if (!unreachable && !downloadFailed) return null;
  return (
    <Message tone="warning">
      <p>
        <strong>{unreachable ? `The model host (${settings.host}) cannot be reached.` : `Downloading a model from ${settings.host} failed.`}</strong> You
        may be offline, or a firewall blocks it.
      </p>
      {demoAvailable ? (
        <div className="mt-2 flex flex-wrap items-center gap-2">
          <Button size="sm" onClick={useDemoModels}>
            Use offline demo models
          </Button>
          <span className="text-xs">
            Tiny random-weight models served by this local server: their outputs are meaningless; they only exercise the interface.
          </span>
        </div>
      ) : (
        <p className="mt-1">Connect to the internet, or set a reachable mirror in Settings.</p>
      )}
    </Message>
  );
}
