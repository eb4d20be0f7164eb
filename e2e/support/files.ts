/** Builds test files (good and deliberately broken) and hands them to the page like a user would. */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';

export interface TestFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

export function assetFile(path: string, name = path.split('/').pop() ?? path, mimeType = 'image/jpeg'): TestFile {
  return { name, mimeType, buffer: readFileSync(path) };
}

/** One file for each kind of bad input the intake must refuse, each with the words its message must contain. */
export function badFiles(): { file: TestFile; reason: RegExp }[] {
  const jpeg = readFileSync('public/samples/cat.jpg');
  const hugePng = Buffer.alloc(64);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(hugePng, 0);
  hugePng.writeUInt32BE(13, 8);
  hugePng.write('IHDR', 12, 'ascii');
  hugePng.writeUInt32BE(10_000, 16);
  hugePng.writeUInt32BE(6_000, 20);
  return [
    { file: { name: 'empty.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(0) }, reason: /empty/ },
    { file: { name: 'notes.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('Shopping list: milk, eggs, bread.\n') }, reason: /not an image/ },
    { file: { name: 'half.jpg', mimeType: 'image/jpeg', buffer: jpeg.subarray(0, Math.floor(jpeg.length / 2)) }, reason: /truncated/ },
    {
      file: {
        name: 'logo.svg',
        mimeType: 'image/svg+xml',
        buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      },
      reason: /SVG/,
    },
    { file: { name: 'scan.tiff', mimeType: 'image/tiff', buffer: Buffer.from([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0, 0, 0]) }, reason: /TIFF/ },
    {
      file: { name: 'phone.heic', mimeType: 'image/heic', buffer: Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic\0\0\0\0mif1heic')]) },
      reason: /HEIC/,
    },
    { file: { name: 'huge.png', mimeType: 'image/png', buffer: hugePng }, reason: /60\.0 MP/ },
  ];
}

interface SerializedFile {
  name: string;
  mimeType: string;
  base64: string;
}

function serialize(files: TestFile[]): SerializedFile[] {
  return files.map((file) => ({ name: file.name, mimeType: file.mimeType, base64: file.buffer.toString('base64') }));
}

/** Drags files over the page (the overlay must appear) and drops them. */
export async function dropFiles(page: Page, files: TestFile[], onOverlay?: () => Promise<void>): Promise<void> {
  const dataTransfer = await page.evaluateHandle((items: SerializedFile[]) => {
    const transfer = new DataTransfer();
    for (const item of items) {
      const bytes = Uint8Array.from(atob(item.base64), (c) => c.charCodeAt(0));
      transfer.items.add(new File([bytes], item.name, { type: item.mimeType }));
    }
    return transfer;
  }, serialize(files));
  await page.dispatchEvent('main', 'dragenter', { dataTransfer });
  await page.dispatchEvent('main', 'dragover', { dataTransfer });
  if (onOverlay) await onOverlay();
  await page.dispatchEvent('main', 'drop', { dataTransfer });
}

/** Pastes files as if from the clipboard. */
export async function pasteFiles(page: Page, files: TestFile[]): Promise<void> {
  await page.evaluate((items: SerializedFile[]) => {
    const transfer = new DataTransfer();
    for (const item of items) {
      const bytes = Uint8Array.from(atob(item.base64), (c) => c.charCodeAt(0));
      transfer.items.add(new File([bytes], item.name, { type: item.mimeType }));
    }
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
  }, serialize(files));
}
