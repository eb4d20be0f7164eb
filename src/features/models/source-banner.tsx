import { Button } from '../../components/ui/button';
import { isDefaultSource } from '../../shared/model-source';
import { useAppStore } from '../../store/store';

/** Says plainly when models come from somewhere other than the Hugging Face Hub. */
export function SourceBanner() {
  const host = useAppStore((state) => state.settings.host);
  const pathTemplate = useAppStore((state) => state.settings.pathTemplate);
  const resetSource = useAppStore((state) => state.resetSource);
  if (isDefaultSource({ host, pathTemplate })) return null;
  return (
    <div
      role="note"
      aria-label="Model host"
      className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-violet-200 bg-violet-50 px-3 py-2 text-sm text-violet-950"
    >
      <span>
        Models load from <strong className="break-all">{host}</strong> (path <code>{pathTemplate}</code>), not the Hugging Face Hub.
      </span>
      <Button size="sm" onClick={resetSource}>
        Use the Hugging Face Hub
      </Button>
    </div>
  );
}
