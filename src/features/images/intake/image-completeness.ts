/**
 * Detects files cut short (an interrupted download or copy). Browsers often
 * decode a truncated JPEG without complaint and paint the missing part grey,
 * which would silently feed the models a damaged picture.
 */
import { ascii, readUint32BE, type ImageFormat } from './image-format';

export type Completeness = { complete: true } | { complete: false; reason: string };

const COMPLETE: Completeness = { complete: true };

export function checkCompleteness(format: ImageFormat, bytes: Uint8Array): Completeness {
  switch (format) {
    case 'jpeg':
      return jpegComplete(bytes);
    case 'png':
      return pngComplete(bytes);
    case 'webp':
      return riffComplete(bytes);
    default:
      return COMPLETE;
  }
}

const SOS = 0xda;
const EOI = 0xd9;

/** Walks segment headers to the scan data, then looks for the end-of-image marker. */
function jpegComplete(bytes: Uint8Array): Completeness {
  let offset = 2;
  while (offset + 1 < bytes.length) {
    if (bytes[offset] !== 0xff) return truncated('the JPEG segment structure is broken');
    const marker = bytes[offset + 1] ?? 0;
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    if (marker === EOI) return COMPLETE;
    if (offset + 4 > bytes.length) break;
    const length = ((bytes[offset + 2] ?? 0) << 8) | (bytes[offset + 3] ?? 0);
    offset += 2 + length;
    if (marker === SOS) {
      const next = nextMarker(bytes, offset);
      if (next < 0) break;
      offset = next;
    }
  }
  return truncated('the JPEG data ends before its end-of-image marker');
}

/** Finds the next marker in entropy-coded data, skipping byte stuffing and restart markers. */
function nextMarker(bytes: Uint8Array, from: number): number {
  let offset = from;
  for (;;) {
    const index = bytes.indexOf(0xff, offset);
    if (index < 0 || index + 1 >= bytes.length) return -1;
    const following = bytes[index + 1] ?? 0;
    const isStuffingOrRestart = following === 0x00 || (following >= 0xd0 && following <= 0xd7) || following === 0xff;
    if (!isStuffingOrRestart) return index;
    offset = index + 1;
  }
}

function pngComplete(bytes: Uint8Array): Completeness {
  let offset = 8;
  while (offset + 12 <= bytes.length) {
    const length = readUint32BE(bytes, offset);
    const type = ascii(bytes, offset + 4, 4);
    const end = offset + 12 + length;
    if (end > bytes.length) break;
    if (type === 'IEND') return COMPLETE;
    offset = end;
  }
  return truncated('the PNG data ends before its IEND chunk');
}

function riffComplete(bytes: Uint8Array): Completeness {
  const declared = 8 + (((bytes[4] ?? 0) | ((bytes[5] ?? 0) << 8) | ((bytes[6] ?? 0) << 16) | ((bytes[7] ?? 0) << 24)) >>> 0);
  return bytes.length >= declared ? COMPLETE : truncated('the WebP data is shorter than its header declares');
}

function truncated(reason: string): Completeness {
  return { complete: false, reason };
}
