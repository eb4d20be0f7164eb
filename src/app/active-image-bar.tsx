import { Thumbnail } from '../components/ui/thumbnail';
import { useAppStore } from '../store/store';

/**
 * The image every result below is about, kept in view while the user scrolls
 * through the CLIP, BLIP and comparison panels: results never said which
 * image they belonged to, and the gallery scrolled away.
 */
export function ActiveImageBar() {
  const active = useAppStore((state) => state.images.find((image) => image.id === state.activeImageId));
  const count = useAppStore((state) => state.images.length);
  if (!active) return null;
  return (
    <div
      role="status"
      aria-label="Active image"
      className="sticky top-0 z-20 -mx-4 flex items-center gap-3 border-b border-slate-200 bg-white/95 px-4 py-2 backdrop-blur"
    >
      <Thumbnail
        src={active.previewUrl}
        alt=""
        pixelWidth={active.originalWidth}
        pixelHeight={active.originalHeight}
        className="h-10 w-14 shrink-0 rounded"
      />
      <p className="min-w-0 text-sm">
        <span className="text-slate-600">Results below are for </span>
        <strong className="break-all font-semibold">{active.name}</strong>
        <span className="text-slate-600">
          {' '}
          · {active.originalWidth} × {active.originalHeight}
          {count > 1 ? ` · 1 of ${count} images` : ''}
        </span>
      </p>
    </div>
  );
}
