import { describe, expect, it } from 'vitest';
import { checkCompleteness } from './image-completeness';
import { sniffImageFormat } from './image-format';
import { readDimensions } from './image-header';
import { inspectImage } from './inspect-image';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function u32(value: number): number[] {
  return [(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
}

function chunk(type: string, data: number[]): number[] {
  return [...u32(data.length), ...[...type].map((c) => c.charCodeAt(0)), ...data, 0, 0, 0, 0];
}

function png(width: number, height: number, { complete = true, dataBytes = 4 } = {}): Uint8Array {
  const ihdr = chunk('IHDR', [...u32(width), ...u32(height), 8, 6, 0, 0, 0]);
  const iend = complete ? chunk('IEND', []) : [];
  const head = new Uint8Array([...PNG_SIGNATURE, ...ihdr, ...u32(dataBytes), ...text('IDAT')]);
  const tail = new Uint8Array([0, 0, 0, 0, ...iend]);
  const bytes = new Uint8Array(head.length + dataBytes + tail.length);
  bytes.set(head);
  bytes.set(tail, head.length + dataBytes);
  return bytes;
}

function segment(marker: number, payload: number[]): number[] {
  const length = payload.length + 2;
  return [0xff, marker, length >> 8, length & 0xff, ...payload];
}

function jpeg(width: number, height: number, { complete = true, thumbnailEoi = false } = {}): Uint8Array {
  // An EXIF-like APP1 segment that itself contains an end-of-image marker, as embedded thumbnails do.
  const app1 = segment(0xe1, thumbnailEoi ? [0x45, 0x78, 0xff, 0xd8, 0xff, 0xd9, 0, 0] : [0x45, 0x78]);
  const sof = segment(0xc0, [8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3, 1, 0x11, 0, 2, 0x11, 1, 3, 0x11, 1]);
  const dht = segment(0xc4, [0, 1, 2, 3]);
  const sos = segment(0xda, [3, 1, 0, 2, 0x11, 3, 0x11, 0, 63, 0]);
  const entropy = [0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56, 0x78];
  const end = complete ? [0xff, 0xd9] : [];
  return new Uint8Array([0xff, 0xd8, ...app1, ...sof, ...dht, ...sos, ...entropy, ...end]);
}

const text = (value: string) => new TextEncoder().encode(value);

describe('sniffImageFormat', () => {
  it.each([
    ['jpeg', jpeg(10, 10)],
    ['png', png(1, 1)],
    ['gif', text('GIF89a\x01\x00\x01\x00')],
    ['webp', text('RIFF\x10\x00\x00\x00WEBPVP8 ')],
    ['tiff', new Uint8Array([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0])],
    ['heic', new Uint8Array([0, 0, 0, 24, ...text('ftypheic'), 0, 0, 0, 0, ...text('mif1heic')])],
    ['avif', new Uint8Array([0, 0, 0, 28, ...text('ftypavif'), 0, 0, 0, 0, ...text('avifmif1miaf')])],
    ['svg', text('\uFEFF  <?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>')],
    ['unknown', text('%PDF-1.7 not an image')],
  ])('recognises %s', (format, bytes) => {
    expect(sniffImageFormat(bytes)).toBe(format);
  });
});

describe('readDimensions', () => {
  it('reads PNG, JPEG, GIF and BMP headers', () => {
    expect(readDimensions('png', png(640, 480))).toEqual({ width: 640, height: 480 });
    expect(readDimensions('jpeg', jpeg(1024, 768, { thumbnailEoi: true }))).toEqual({ width: 1024, height: 768 });
    expect(readDimensions('gif', text('GIF89a\x20\x03\x58\x02'))).toEqual({ width: 800, height: 600 });
    const bmp = new Uint8Array(30);
    bmp.set(text('BM'));
    new DataView(bmp.buffer).setInt32(18, 300, true);
    new DataView(bmp.buffer).setInt32(22, -200, true);
    expect(readDimensions('bmp', bmp)).toEqual({ width: 300, height: 200 });
  });

  it('reads a WebP VP8X canvas size', () => {
    const bytes = new Uint8Array(30);
    bytes.set(text('RIFF'));
    bytes.set(text('WEBPVP8X'), 8);
    bytes.set([0x7f, 0x07, 0x00], 24); // width − 1 = 1919
    bytes.set([0x37, 0x04, 0x00], 27); // height − 1 = 1079
    expect(readDimensions('webp', bytes)).toEqual({ width: 1920, height: 1080 });
  });
});

describe('checkCompleteness', () => {
  it('accepts complete files and finds the real end marker past thumbnail markers', () => {
    expect(checkCompleteness('jpeg', jpeg(8, 8, { thumbnailEoi: true }))).toEqual({ complete: true });
    expect(checkCompleteness('png', png(8, 8))).toEqual({ complete: true });
  });

  it('flags a JPEG cut inside its scan data even when a thumbnail carries an end marker', () => {
    expect(checkCompleteness('jpeg', jpeg(8, 8, { complete: false, thumbnailEoi: true })).complete).toBe(false);
  });

  it('flags a PNG without IEND', () => {
    expect(checkCompleteness('png', png(8, 8, { complete: false })).complete).toBe(false);
  });
});

describe('inspectImage', () => {
  const reasonFor = (name: string, bytes: Uint8Array) => {
    const result = inspectImage(name, bytes);
    return result.ok ? undefined : result.rejection;
  };

  it('accepts a good image', () => {
    expect(inspectImage('cat.png', png(64, 64))).toMatchObject({ ok: true, format: 'png' });
  });

  it('names the file and the reason for each kind of bad input', () => {
    expect(reasonFor('empty.jpg', new Uint8Array())).toMatchObject({ fileName: 'empty.jpg', reason: expect.stringContaining('empty') });
    expect(reasonFor('notes.jpg', text('hello, I am text'))?.reason).toContain('not an image');
    expect(reasonFor('cut.jpg', jpeg(8, 8, { complete: false }))?.reason).toContain('truncated');
    expect(reasonFor('logo.jpg', text('<svg xmlns="http://www.w3.org/2000/svg"/>'))?.reason).toContain('SVG');
    expect(reasonFor('scan.tif', new Uint8Array([0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8]))?.reason).toContain('TIFF');
    expect(reasonFor('huge.png', png(10_000, 6_000))?.reason).toContain('60.0 MP');
  });

  it('accepts exactly 50 megapixels', () => {
    expect(inspectImage('limit.png', png(10_000, 5_000)).ok).toBe(true);
  });

  it('accepts a 108 MP phone photo and a 200 MP one when the file is as big as real photos are', () => {
    expect(inspectImage('phone.png', png(12_000, 9_000, { dataBytes: 12_000_000 }))).toMatchObject({ ok: true, dimensions: { width: 12_000 } });
    expect(inspectImage('sensor.png', png(16_320, 12_240, { dataBytes: 2_000_000 })).ok).toBe(true);
  });

  it('refuses the same 108 MP as a decompression bomb when the file is tiny', () => {
    expect(reasonFor('bomb.png', png(12_000, 9_000, { dataBytes: 100_000 }))?.reason).toMatch(/108\.0 MP.*decompression bomb/);
  });
});
