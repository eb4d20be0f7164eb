/**
 * Turns dropped, pasted or picked files into gallery images. Each file is
 * handled on its own: one bad file is reported and the others still load.
 */
import { decodeImage, type DecodedImage } from './decode-image';
import { FORMAT_LABELS } from './image-format';
import { inspectImage, type Rejection } from './inspect-image';

export type ImageSource = 'file' | 'paste' | 'sample';

export interface IntakeImage extends DecodedImage {
  name: string;
  format: string;
  byteSize: number;
  source: ImageSource;
}

export type IntakeOutcome = { ok: true; image: IntakeImage } | { ok: false; rejection: Rejection };

const PARALLEL_DECODES = 2;

/** Called as each file is done, in completion order, so that a long batch shows up bit by bit. */
export type OutcomeListener = (index: number, outcome: IntakeOutcome) => void;

export async function intakeFiles(files: readonly File[], source: ImageSource, onOutcome?: OutcomeListener): Promise<IntakeOutcome[]> {
  const outcomes: IntakeOutcome[] = new Array(files.length);
  let next = 0;
  async function lane(): Promise<void> {
    while (next < files.length) {
      const index = next++;
      const file = files[index];
      if (!file) continue;
      const outcome = await intakeFile(file, source);
      outcomes[index] = outcome;
      onOutcome?.(index, outcome);
    }
  }
  await Promise.all(Array.from({ length: Math.min(PARALLEL_DECODES, files.length) }, lane));
  return outcomes;
}

async function intakeFile(file: File, source: ImageSource): Promise<IntakeOutcome> {
  const name = file.name || (source === 'paste' ? 'pasted image' : 'unnamed file');
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch (error) {
    return rejected(name, `it could not be read (${describe(error)}).`, 'Check that the file still exists and try again.');
  }
  const inspection = inspectImage(name, bytes);
  if (!inspection.ok) return { ok: false, rejection: inspection.rejection };
  try {
    const decoded = await decodeImage(new Blob([bytes as BlobPart]), inspection.dimensions);
    return {
      ok: true,
      image: { ...decoded, name, format: FORMAT_LABELS[inspection.format], byteSize: bytes.length, source },
    };
  } catch (error) {
    return rejected(
      name,
      `the browser could not decode this ${FORMAT_LABELS[inspection.format]} file (${describe(error)}).`,
      'The file may be damaged or use a variant this browser lacks; convert it to JPEG or PNG.',
    );
  }
}

function rejected(fileName: string, reason: string, action: string): IntakeOutcome {
  return { ok: false, rejection: { fileName, reason, action } };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message || error.name : String(error);
}
