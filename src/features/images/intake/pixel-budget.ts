/**
 * How many pixels a file may declare. Phone cameras now take 100–200 MP
 * photos (12000 × 9000 is common), which the app decodes straight to its
 * working size (decode-image.ts). A decompression bomb declares that many
 * pixels in a file far smaller than any real photo of that size: a camera
 * JPEG needs well over one byte per hundred pixels, a crafted or flat PNG
 * does not.
 */
import type { Dimensions } from './image-header';

export const MAX_MEGAPIXELS = 200;
/** Up to here images are accepted whatever their file size (the limit before issue 13). */
export const UNCHECKED_MEGAPIXELS = 50;
export const MAX_PIXELS_PER_BYTE = 100;

export interface BudgetRefusal {
  reason: string;
  action: string;
}

export function checkPixelBudget(dimensions: Dimensions | undefined, byteLength: number): BudgetRefusal | undefined {
  if (!dimensions) {
    return {
      reason: 'its header gives no image size, so its memory needs cannot be checked before decoding.',
      action: 'The file may be damaged; export it again as JPEG or PNG.',
    };
  }
  const pixels = dimensions.width * dimensions.height;
  const size = `${dimensions.width} × ${dimensions.height} pixels (${(pixels / 1e6).toFixed(1)} MP)`;
  if (pixels > MAX_MEGAPIXELS * 1e6) {
    return {
      reason: `it is ${size}, over the ${MAX_MEGAPIXELS} MP limit.`,
      action: 'Downscale it before adding it; the models see at most 384 × 384 pixels anyway.',
    };
  }
  if (pixels > UNCHECKED_MEGAPIXELS * 1e6 && pixels / Math.max(1, byteLength) > MAX_PIXELS_PER_BYTE) {
    return {
      reason: `it declares ${size} in only ${byteLength.toLocaleString('en')} bytes, far fewer than any photo that size needs: decoding it could exhaust memory (a decompression bomb).`,
      action: 'If it is a real picture, downscale it or save it as JPEG first.',
    };
  }
  return undefined;
}
