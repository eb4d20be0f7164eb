import { describe, expect, it } from 'vitest';
import { checkPixelBudget, MAX_PIXELS_PER_BYTE } from './pixel-budget';

describe('checkPixelBudget', () => {
  it('accepts camera photos up to 200 MP at real file sizes', () => {
    expect(checkPixelBudget({ width: 12_000, height: 9_000 }, 25_000_000)).toBeUndefined();
    expect(checkPixelBudget({ width: 16_320, height: 12_240 }, 40_000_000)).toBeUndefined();
  });

  it('refuses more than 200 MP whatever the file size', () => {
    expect(checkPixelBudget({ width: 20_000, height: 10_001 }, 500_000_000)?.reason).toContain('200.0 MP), over the 200 MP limit');
  });

  it('refuses a large image in a file too small to hold it, at the pixels-per-byte bound', () => {
    const dimensions = { width: 10_000, height: 6_000 };
    const bytes = 60_000_000 / MAX_PIXELS_PER_BYTE;
    expect(checkPixelBudget(dimensions, bytes)).toBeUndefined();
    expect(checkPixelBudget(dimensions, bytes - 1)?.reason).toContain('decompression bomb');
    expect(checkPixelBudget(dimensions, 64)?.reason).toContain('60.0 MP');
  });

  it('leaves images up to 50 MP alone, however small the file (flat graphics compress well)', () => {
    expect(checkPixelBudget({ width: 10_000, height: 5_000 }, 100)).toBeUndefined();
  });

  it('refuses a file whose header gives no size', () => {
    expect(checkPixelBudget(undefined, 1_000)?.reason).toContain('no image size');
  });
});
