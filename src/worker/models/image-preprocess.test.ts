import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { centerCrop, preprocessImage, shortestEdgeSize, type PreprocessorConfig } from './image-preprocess';

interface Vectors {
  configs: Record<string, PreprocessorConfig>;
  cases: { width: number; height: number; rgb: string; outputs: Record<string, { dims: number[]; values: number[] }> }[];
}

// Written by `python3 -m tools.preprocess_vectors` with transformers' PIL image processors.
const vectors = JSON.parse(readFileSync(new URL('./preprocess-vectors.json', import.meta.url), 'utf8')) as Vectors;

function rgba(width: number, height: number, rgbBase64: string): Uint8Array {
  const rgb = Buffer.from(rgbBase64, 'base64');
  const out = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    out.set(rgb.subarray(i * 3, i * 3 + 3), i * 4);
    out[i * 4 + 3] = 255;
  }
  return out;
}

describe('preprocessImage', () => {
  for (const testCase of vectors.cases) {
    for (const [name, expected] of Object.entries(testCase.outputs)) {
      it(`equals transformers' ${name} processor on a ${testCase.width}×${testCase.height} image`, () => {
        const config = vectors.configs[name] as PreprocessorConfig;
        const out = preprocessImage({ width: testCase.width, height: testCase.height, data: rgba(testCase.width, testCase.height, testCase.rgb) }, config);
        expect(out.dims.slice(1)).toEqual(expected.dims);
        let maxError = 0;
        expected.values.forEach((value, index) => {
          maxError = Math.max(maxError, Math.abs(value - (out.data[index] as number)));
        });
        expect(maxError).toBeLessThan(1e-6);
      });
    }
  }
});

describe('geometry helpers', () => {
  it('truncates the long side like HF and crops from the floor of the offset', () => {
    expect(shortestEdgeSize(451, 300, 224)).toEqual({ width: 336, height: 224 });
    expect(shortestEdgeSize(300, 451, 224)).toEqual({ width: 224, height: 336 });
    const image = { width: 5, height: 1, data: Uint8Array.from({ length: 15 }, (_, i) => i) };
    expect(Array.from(centerCrop(image, 2, 1).data)).toEqual([3, 4, 5, 6, 7, 8]);
  });
});
