import { useEffect, useRef } from 'react';
import { Button } from '../../components/ui/button';
import { Thumbnail } from '../../components/ui/thumbnail';
import { useAppStore } from '../../store/store';

export interface ThumbnailListProps {
  /** Bumped when focus should land on the active image: the control the user pressed (a sample) has just gone. */
  focusRequest?: number;
}

export function ThumbnailList({ focusRequest = 0 }: ThumbnailListProps) {
  const listRef = useRef<HTMLUListElement>(null);
  const images = useAppStore((state) => state.images);
  const activeImageId = useAppStore((state) => state.activeImageId);
  const setActiveImage = useAppStore((state) => state.setActiveImage);
  const removeImage = useAppStore((state) => state.removeImage);

  useEffect(() => {
    if (focusRequest > 0) listRef.current?.querySelector<HTMLButtonElement>('button[aria-pressed="true"]')?.focus();
  }, [focusRequest]);

  if (images.length === 0) return null;
  return (
    <ul ref={listRef} aria-label="Gallery" className="flex gap-3 overflow-x-auto pb-2">
      {images.map((image) => {
        const active = image.id === activeImageId;
        return (
          <li key={image.id} className="relative shrink-0">
            <button
              type="button"
              aria-pressed={active}
              aria-label={`Select image ${image.name}`}
              onClick={() => setActiveImage(image.id)}
              className={`block overflow-hidden rounded-md border-2 ${active ? 'border-sky-600 ring-2 ring-sky-200' : 'border-transparent hover:border-slate-300'}`}
            >
              <Thumbnail
                src={image.previewUrl}
                pixelWidth={image.originalWidth}
                pixelHeight={image.originalHeight}
                // Hundreds of thumbnails: decode only those scrolled into view, and never on the main thread's clock.
                loading="lazy"
                decoding="async"
                alt={image.name}
                title={`${image.name} · ${image.originalWidth} × ${image.originalHeight} ${image.format} · working copy ${image.width} × ${image.height}`}
                className="h-20 w-28"
              />
            </button>
            {/* "Active" sits on the image, so the name keeps the whole width and up to three lines: it was cut to 6–8 characters. */}
            {active ? (
              <span className="pointer-events-none absolute left-1 top-1 rounded bg-sky-700 px-1 text-[0.65rem] font-semibold text-white">Active</span>
            ) : null}
            <p className="mt-1 line-clamp-3 w-28 break-all text-xs text-slate-600" title={image.name}>
              {image.name}
            </p>
            <Button
              variant="secondary"
              size="sm"
              aria-label={`Remove ${image.name}`}
              onClick={() => removeImage(image.id)}
              className="absolute right-1 top-1 h-6 w-6 !p-0 opacity-90"
            >
              ✕
            </Button>
          </li>
        );
      })}
    </ul>
  );
}
