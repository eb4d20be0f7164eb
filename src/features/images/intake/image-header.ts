/**
 * Reads an image's pixel dimensions from its header, so that oversized images
 * are refused before the browser spends memory decoding them.
 */
import { ascii, readUint32BE, type ImageFormat } from './image-format';

export interface Dimensions {
  width: number;
  height: number;
}

export function readDimensions(format: ImageFormat, bytes: Uint8Array): Dimensions | undefined {
  switch (format) {
    case 'png':
      return ascii(bytes, 12, 4) === 'IHDR' ? { width: readUint32BE(bytes, 16), height: readUint32BE(bytes, 20) } : undefined;
    case 'gif':
      return bytes.length >= 10 ? { width: readUint16LE(bytes, 6), height: readUint16LE(bytes, 8) } : undefined;
    case 'bmp':
      return bytes.length >= 26 ? { width: Math.abs(readInt32LE(bytes, 18)), height: Math.abs(readInt32LE(bytes, 22)) } : undefined;
    case 'jpeg':
      return jpegDimensions(bytes);
    case 'webp':
      return webpDimensions(bytes);
    case 'avif':
    case 'heic':
      return ispeDimensions(bytes);
    default:
      return undefined;
  }
}

/** Start-of-frame markers carry the size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not. */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

function jpegDimensions(bytes: Uint8Array): Dimensions | undefined {
  let offset = 2;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) return undefined;
    const marker = bytes[offset + 1] ?? 0;
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    const length = readUint16BE(bytes, offset + 2);
    if (isStartOfFrame(marker)) {
      if (offset + 9 > bytes.length) return undefined;
      return { height: readUint16BE(bytes, offset + 5), width: readUint16BE(bytes, offset + 7) };
    }
    if (marker === 0xda || length < 2) return undefined;
    offset += 2 + length;
  }
  return undefined;
}

function webpDimensions(bytes: Uint8Array): Dimensions | undefined {
  const chunk = ascii(bytes, 12, 4);
  if (chunk === 'VP8X' && bytes.length >= 30) {
    return { width: 1 + readUint24LE(bytes, 24), height: 1 + readUint24LE(bytes, 27) };
  }
  if (chunk === 'VP8 ' && bytes.length >= 30) {
    return { width: readUint16LE(bytes, 26) & 0x3fff, height: readUint16LE(bytes, 28) & 0x3fff };
  }
  if (chunk === 'VP8L' && bytes.length >= 25) {
    const bits = (bytes[21] ?? 0) | ((bytes[22] ?? 0) << 8) | ((bytes[23] ?? 0) << 16) | ((bytes[24] ?? 0) << 24);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  return undefined;
}

/** HEIF-family files (AVIF, HEIC) store the size in an `ispe` property box. */
function ispeDimensions(bytes: Uint8Array): Dimensions | undefined {
  const limit = Math.min(bytes.length - 16, 1 << 20);
  for (let offset = 4; offset < limit; offset++) {
    if (bytes[offset] === 0x69 && ascii(bytes, offset, 4) === 'ispe') {
      return { width: readUint32BE(bytes, offset + 8), height: readUint32BE(bytes, offset + 12) };
    }
  }
  return undefined;
}

function readUint16BE(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset] ?? 0) << 8) | (bytes[offset + 1] ?? 0);
}

function readUint16LE(bytes: Uint8Array, offset: number): number {
  return (bytes[offset] ?? 0) | ((bytes[offset + 1] ?? 0) << 8);
}

function readUint24LE(bytes: Uint8Array, offset: number): number {
  return (bytes[offset] ?? 0) | ((bytes[offset + 1] ?? 0) << 8) | ((bytes[offset + 2] ?? 0) << 16);
}

function readInt32LE(bytes: Uint8Array, offset: number): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getInt32(offset, true);
}
