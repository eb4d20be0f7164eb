import { useState } from 'react';
import { Button } from '../../components/ui/button';
import { SAMPLE_IMAGES, fetchSampleFiles, sampleUrl, type SampleImage } from './samples';

export interface SampleGalleryProps {
  onFiles(files: File[]): Promise<void>;
  /** Called once the samples are in; the gallery may hide, taking the pressed button with it. */
  onAdded?(): void;
}

export function SampleGallery({ onFiles, onAdded }: SampleGalleryProps) {
  const [error, setError] = useState<string>();

  async function add(samples: readonly SampleImage[]) {
    setError(undefined);
    try {
      await onFiles(await fetchSampleFiles(samples));
      onAdded?.();
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : String(cause));
    }
  }

  return (
    <section aria-label="Sample images" className="rounded-md border border-dashed border-slate-300 p-3">
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-slate-600">Sample photos (public domain / CC0, bundled with the app). Pick one or add them all.</p>
        <Button size="sm" onClick={() => void add(SAMPLE_IMAGES)}>
          Add all samples
        </Button>
      </div>
      {/* A grid that fills the row: at 390 px, fixed 6rem tiles left two columns and a gap the width of a third. */}
      <ul aria-label="Samples" className="grid grid-cols-[repeat(auto-fill,minmax(5.5rem,1fr))] gap-2">
        {SAMPLE_IMAGES.map((sample) => (
          <li key={sample.file}>
            <button
              type="button"
              aria-label={`Add sample: ${sample.label}`}
              onClick={() => void add([sample])}
              className="group flex w-full flex-col items-center gap-1 rounded-md p-1 text-xs text-slate-700 hover:bg-slate-100"
            >
              <img src={sampleUrl(sample)} alt="" loading="lazy" className="h-16 w-full rounded object-cover" />
              <span>{sample.label}</span>
            </button>
          </li>
        ))}
      </ul>
      {error ? <p className="mt-2 text-sm text-red-700">{error}</p> : null}
    </section>
  );
}
