/**
 * Decides, from the bytes alone, whether a file may go to the decoder, and
 * explains each refusal in words that name the file and say what to do.
 */
import { checkCompleteness } from './image-completeness';
import { DECODABLE_FORMATS, FORMAT_LABELS, sniffImageFormat, type ImageFormat } from './image-format';
import { readDimensions, type Dimensions } from './image-header';
import { checkPixelBudget } from './pixel-budget';

export interface Rejection {
  fileName: string;
  reason: string;
  action: string;
}

export type Inspection = { ok: true; format: ImageFormat; dimensions: Dimensions | undefined } | { ok: false; rejection: Rejection };

export function inspectImage(fileName: string, bytes: Uint8Array): Inspection {
  const reject = (reason: string, action: string): Inspection => ({
    ok: false,
    rejection: { fileName, reason, action },
  });
  if (bytes.length === 0) return reject('the file is empty (0 bytes).', 'Pick the file again; the copy you chose has no content.');
  const format = sniffImageFormat(bytes);
  if (format === 'svg') {
    return reject(
      'SVG vector images are not loaded (they are markup that can carry scripts, and the models need pixels).',
      'Export it as PNG or JPEG first.',
    );
  }
  if (format === 'tiff' || format === 'heic') {
    return reject(`it is a ${FORMAT_LABELS[format]} image, which browsers cannot decode.`, 'Convert it to JPEG or PNG first.');
  }
  if (!DECODABLE_FORMATS.has(format)) {
    return reject(
      'it is not an image this app can read: its contents are not JPEG, PNG, GIF, WebP, BMP or AVIF, whatever its name says.',
      'Choose a photo in one of those formats.',
    );
  }
  const dimensions = readDimensions(format, bytes);
  const refusal = checkPixelBudget(dimensions, bytes.length);
  if (refusal) return reject(refusal.reason, refusal.action);
  const completeness = checkCompleteness(format, bytes);
  if (!completeness.complete) {
    return reject(`it looks truncated: ${completeness.reason}.`, 'Download or export the image again.');
  }
  return { ok: true, format, dimensions };
}
