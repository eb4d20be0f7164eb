import { useSyncExternalStore } from 'react';
import { Button } from '../components/ui/button';
import { Message } from '../components/ui/message';
import { applyUpdate, subscribeToUpdate, updateWaiting } from './offline-shell';

/** Shown when a newly deployed build has been downloaded and waits for the user's go. */
export function UpdatePrompt() {
  const available = useSyncExternalStore(subscribeToUpdate, updateWaiting, () => false);
  if (!available) return null;
  return (
    <div role="status" aria-label="Update available">
      <Message tone="info">
        <span>A new version of the app is ready. </span>
        <Button size="sm" variant="primary" onClick={applyUpdate}>
          Reload to update
        </Button>
      </Message>
    </div>
  );
}
