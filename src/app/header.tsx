import { Button } from '../components/ui/button';
import { BackendBadge } from './backend-badge';

export function Header({ onOpenSettings }: { onOpenSettings(): void }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <div>
          <h1 className="text-xl font-bold tracking-tight">Multimodal Playground</h1>
          <p className="text-sm text-slate-600">
            <span className="font-medium text-[var(--color-clip)]">CLIP</span> and <span className="font-medium text-[var(--color-blip)]">BLIP</span> side
            by side, running in your browser.
          </p>
        </div>
        <div className="flex items-center gap-2">
          <BackendBadge />
          <Button onClick={onOpenSettings} aria-haspopup="dialog">
            Settings
          </Button>
        </div>
      </div>
    </header>
  );
}
