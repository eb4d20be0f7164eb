import { useCallback } from 'react';
import { useAppStore } from '../../store/store';
import { intakeOffMainThread } from './intake/intake-client';
import type { ImageSource, IntakeOutcome } from './intake/intake-files';

/**
 * Adds files to the gallery as they are decoded, in file order, a few per
 * task so that a drop of hundreds never blocks the page; refused files
 * become inline messages.
 */
export function useImageIntake(): (files: readonly File[], source: ImageSource) => Promise<void> {
  const addImages = useAppStore((state) => state.addImages);
  const addRejections = useAppStore((state) => state.addRejections);
  const setImagesLoading = useAppStore((state) => state.setImagesLoading);
  return useCallback(
    async (files, source) => {
      if (files.length === 0) return;
      setImagesLoading(files.length);
      const ready: (IntakeOutcome | undefined)[] = new Array(files.length);
      let added = 0;
      let scheduled = false;
      const flush = () => {
        scheduled = false;
        const batch: IntakeOutcome[] = [];
        for (let outcome = ready[added]; outcome; outcome = ready[added]) {
          batch.push(outcome);
          ready[added++] = undefined;
        }
        if (batch.length === 0) return;
        addImages(
          batch.flatMap((outcome) => {
            if (!outcome.ok) return [];
            const { preview, ...image } = outcome.image;
            return [{ ...image, previewUrl: URL.createObjectURL(preview), width: image.pixels.width, height: image.pixels.height }];
          }),
        );
        addRejections(batch.flatMap((outcome) => (outcome.ok ? [] : [outcome.rejection])));
        setImagesLoading(-batch.length);
      };
      try {
        await intakeOffMainThread(files, source, (index, outcome) => {
          ready[index] = outcome;
          if (scheduled) return;
          scheduled = true;
          setTimeout(flush, 0);
        });
      } finally {
        flush();
        setImagesLoading(-(files.length - added));
      }
    },
    [addImages, addRejections, setImagesLoading],
  );
}
