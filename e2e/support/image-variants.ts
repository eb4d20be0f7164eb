/**
 * Test images made on the fly: many distinct JPEGs from the samples, and a
 * phone-camera-sized photo with an EXIF orientation.
 */
import { readFileSync, readdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { TestFile } from './files';

/** Offset of the first quantisation table's DC entry (after FFDB, length and the Pq/Tq byte). */
function dcQuantOffset(jpeg: Buffer): number {
  for (let offset = 2; offset + 4 < jpeg.length;) {
    if (jpeg[offset] !== 0xff) break;
    if (jpeg[offset + 1] === 0xdb) return offset + 5;
    offset += 2 + jpeg.readUInt16BE(offset + 2);
  }
  throw new Error('no DQT segment');
}

/**
 * `count` different pictures: each sample with other DC quantisation steps,
 * which changes the brightness of every block, so no two share a content hash.
 */
export function distinctJpegs(count: number, bases?: { name: string; buffer: Buffer }[]): TestFile[] {
  const samples =
    bases ??
    readdirSync('public/samples')
      .filter((name) => name.endsWith('.jpg'))
      .map((name) => ({ name, buffer: readFileSync(`public/samples/${name}`) }));
  return Array.from({ length: count }, (_, index) => {
    const { name, buffer: base } = samples[index % samples.length]!;
    const buffer = Buffer.from(base);
    const offset = dcQuantOffset(buffer);
    buffer[offset] = 1 + ((buffer[offset]! + 1 + Math.floor(index / samples.length)) % 255);
    return { name: `${index}-${name}`, mimeType: 'image/jpeg', buffer };
  });
}

/** An APP1 Exif segment holding only IFD0's Orientation tag. */
function exifOrientation(orientation: number): Buffer {
  const tiff = Buffer.from([0x4d, 0x4d, 0, 0x2a, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, 0, 0, 0, 0]);
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const header = Buffer.from([0xff, 0xe1, 0, 0]);
  header.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([header, body]);
}

/** A JPEG with as many pixels and about as many bytes as a phone camera's (encoded by the browser's canvas), turned by EXIF. */
export async function cameraPhoto(page: Page, width: number, height: number, orientation: number, noisy = true): Promise<Buffer> {
  const base64 = await page.evaluate(
    async ({ width, height, noisy }) => {
      const canvas = new OffscreenCanvas(width, height);
      const context = canvas.getContext('2d')!;
      const gradient = context.createLinearGradient(0, 0, width, height);
      gradient.addColorStop(0, '#1d4ed8');
      gradient.addColorStop(1, '#f59e0b');
      context.fillStyle = gradient;
      context.fillRect(0, 0, width, height);
      // Sensor noise: what makes a real photo's file as big as it is (a smooth gradient alone compresses like a bomb).
      const tile = new OffscreenCanvas(256, 256);
      const noise = new ImageData(256, 256);
      for (let i = 0; i < noise.data.length; i++) noise.data[i] = i % 4 === 3 ? 255 : Math.floor(Math.random() * 256);
      tile.getContext('2d')!.putImageData(noise, 0, 0);
      context.globalAlpha = noisy ? 0.12 : 0;
      context.fillStyle = context.createPattern(tile, 'repeat')!;
      context.fillRect(0, 0, width, height);
      context.globalAlpha = 1;
      // A red block in the top-left corner of the stored (unturned) picture.
      context.fillStyle = '#ff0000';
      context.fillRect(0, 0, width / 4, height / 2);
      const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let text = '';
      for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(text);
    },
    { width, height, noisy },
  );
  const jpeg = Buffer.from(base64, 'base64');
  return Buffer.concat([jpeg.subarray(0, 2), exifOrientation(orientation), jpeg.subarray(2)]);
}
