/**
 * Browser-side decoding: EXIF orientation applied, downscaled to the working
 * size, transparency composited onto white (the models were trained on
 * opaque photos), and a content hash that identifies the pixels.
 */
export const MAX_SIDE = 1024;

export interface DecodedImage {
  id: string;
  pixels: ImageData;
  originalWidth: number;
  originalHeight: number;
  previewUrl: string;
}

export async function decodeImage(blob: Blob): Promise<DecodedImage> {
  const oriented = await createImageBitmap(blob, { imageOrientation: 'from-image' });
  const originalWidth = oriented.width;
  const originalHeight = oriented.height;
  const { width, height } = fitWithin(originalWidth, originalHeight, MAX_SIDE);
  const resized =
    width === originalWidth && height === originalHeight
      ? oriented
      : await createImageBitmap(oriented, { resizeWidth: width, resizeHeight: height, resizeQuality: 'high' });
  try {
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) throw new Error('This browser gave no 2D canvas context to draw the image.');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, width, height);
    context.drawImage(resized, 0, 0);
    const pixels = context.getImageData(0, 0, width, height);
    const preview = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
    return {
      id: await hashPixels(pixels),
      pixels,
      originalWidth,
      originalHeight,
      previewUrl: URL.createObjectURL(preview),
    };
  } finally {
    oriented.close();
    if (resized !== oriented) resized.close();
  }
}

export function fitWithin(width: number, height: number, maxSide: number): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** Identifies an image by what the models will see, so the same picture added twice is one entry. */
export async function hashPixels(pixels: ImageData): Promise<string> {
  const header = new Uint32Array([pixels.width, pixels.height]);
  const data = new Uint8Array(header.byteLength + pixels.data.byteLength);
  data.set(new Uint8Array(header.buffer), 0);
  data.set(pixels.data, header.byteLength);
  const digest = await crypto.subtle.digest('SHA-256', data);
  return [...new Uint8Array(digest).slice(0, 16)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}
