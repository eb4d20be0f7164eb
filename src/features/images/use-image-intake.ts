import { useCallback } from 'react';
import { useAppStore } from '../../store/store';
import { intakeFiles, type ImageSource } from './intake/intake-files';

/** Adds files to the gallery; refused files become inline messages. */
export function useImageIntake(): (files: readonly File[], source: ImageSource) => Promise<void> {
  const addImages = useAppStore((state) => state.addImages);
  const addRejections = useAppStore((state) => state.addRejections);
  const setImagesLoading = useAppStore((state) => state.setImagesLoading);
  return useCallback(
    async (files, source) => {
      if (files.length === 0) return;
      setImagesLoading(files.length);
      try {
        const outcomes = await intakeFiles(files, source);
        addImages(
          outcomes.flatMap((outcome) =>
            outcome.ok
              ? [{ ...outcome.image, width: outcome.image.pixels.width, height: outcome.image.pixels.height }]
              : [],
          ),
        );
        addRejections(outcomes.flatMap((outcome) => (outcome.ok ? [] : [outcome.rejection])));
      } finally {
        setImagesLoading(-files.length);
      }
    },
    [addImages, addRejections, setImagesLoading],
  );
}
