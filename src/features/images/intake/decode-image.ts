/**
 * Browser-side decoding: EXIF orientation applied, downscaled to the working
 * size, transparency composited onto white (the models were trained on
 * opaque photos), and a content hash that identifies the pixels.
 */
import { toHex } from '../../../shared/hex';
import type { Dimensions } from './image-header';

export const MAX_SIDE = 1024;

export interface DecodedImage {
  id: string;
  pixels: ImageData;
  originalWidth: number;
  originalHeight: number;
  /** JPEG thumbnail; the page turns it into an object URL (URLs made in a worker die with it). */
  preview: Blob;
}

/** `declared`: the size the file's header gives, which lets a big photo be decoded straight to the working size. */
export async function decodeImage(blob: Blob, declared?: Dimensions): Promise<DecodedImage> {
  const { bitmap: oriented, originalWidth, originalHeight } = await decodeOriented(blob, declared);
  const { width, height } = fitWithin(originalWidth, originalHeight, MAX_SIDE);
  try {
    const pixels = await drawOnWhite(oriented, width, height);
    return {
      id: await hashPixels(pixels.data),
      pixels: pixels.data,
      originalWidth,
      originalHeight,
      preview: await previewOf(blob, width, height),
    };
  } finally {
    oriented.close();
  }
}

interface Oriented {
  bitmap: ImageBitmap;
  originalWidth: number;
  originalHeight: number;
}

async function decodeOriented(blob: Blob, declared: Dimensions | undefined): Promise<Oriented> {
  // Raw pixel values, like PIL (which ignores embedded colour profiles): the
  // reference implementation never colour-manages, so neither do the models' inputs.
  const options: ImageBitmapOptions = { imageOrientation: 'from-image', colorSpaceConversion: 'none' };
  if (!declared || Math.max(declared.width, declared.height) <= MAX_SIDE) {
    const bitmap = await createImageBitmap(blob, options);
    return { bitmap, originalWidth: bitmap.width, originalHeight: bitmap.height };
  }
  // A 200 MP photo is 800 MB as a bitmap: ask the decoder for the working size
  // at once. Only the width is given, so the browser keeps the aspect ratio of
  // the image as oriented by its EXIF data, which tells whether it was turned.
  const scale = MAX_SIDE / Math.max(declared.width, declared.height);
  const bitmap = await createImageBitmap(blob, { ...options, resizeWidth: Math.max(1, Math.round(declared.width * scale)), resizeQuality: 'high' });
  const turned = declared.width !== declared.height && bitmap.width > bitmap.height !== declared.width > declared.height;
  return turned
    ? { bitmap, originalWidth: declared.height, originalHeight: declared.width }
    : { bitmap, originalWidth: declared.width, originalHeight: declared.height };
}

/** Downscales (high quality) and composites transparency onto white. */
async function drawOnWhite(source: ImageBitmap, width: number, height: number): Promise<{ data: ImageData }> {
  const resized =
    width === source.width && height === source.height
      ? source
      : await createImageBitmap(source, { resizeWidth: width, resizeHeight: height, resizeQuality: 'high' });
  try {
    const context = canvas2d(width, height);
    context.drawImage(resized, 0, 0);
    return { data: context.getImageData(0, 0, width, height) };
  } finally {
    if (resized !== source) resized.close();
  }
}

/** The thumbnail is for people, so it is colour-managed, unlike the model input. */
async function previewOf(blob: Blob, width: number, height: number): Promise<Blob> {
  const bitmap = await createImageBitmap(blob, { imageOrientation: 'from-image', resizeWidth: width, resizeHeight: height, resizeQuality: 'high' });
  try {
    const context = canvas2d(width, height);
    context.drawImage(bitmap, 0, 0);
    return await context.canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
  } finally {
    bitmap.close();
  }
}

function canvas2d(width: number, height: number): OffscreenCanvasRenderingContext2D {
  const context = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('This browser gave no 2D canvas context to draw the image.');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  return context;
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
  return toHex(new Uint8Array(digest, 0, 16));
}
