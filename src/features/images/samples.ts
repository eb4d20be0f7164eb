/** Bundled, license-free sample photos (see public/samples/LICENSES.md). */
export interface SampleImage {
  file: string;
  label: string;
}

export const SAMPLE_IMAGES: readonly SampleImage[] = [
  { file: 'cat.jpg', label: 'Cat' },
  { file: 'coffee.jpg', label: 'Coffee cup' },
  { file: 'astronaut.jpg', label: 'Astronaut' },
  { file: 'rocket.jpg', label: 'Rocket launch' },
  { file: 'coins.jpg', label: 'Ancient coins' },
  { file: 'camera.jpg', label: 'Photographer' },
  { file: 'deep-field.jpg', label: 'Hubble deep field' },
];

export function sampleUrl(sample: SampleImage): string {
  return `${import.meta.env.BASE_URL}samples/${sample.file}`;
}

export async function fetchSampleFiles(samples: readonly SampleImage[]): Promise<File[]> {
  return Promise.all(
    samples.map(async (sample) => {
      const response = await fetch(sampleUrl(sample));
      if (!response.ok) throw new Error(`Sample ${sample.file} could not be loaded (HTTP ${response.status}).`);
      return new File([await response.blob()], sample.file, { type: 'image/jpeg' });
    }),
  );
}
