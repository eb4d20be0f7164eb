import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { onnxStats } from './onnx-stats';
import { FIXTURES_DIR } from './testing/fixtures';

// Written by `python3 -m tools.onnx_stats_vectors` with the onnx library.
const vectors = JSON.parse(readFileSync(new URL('./onnx-stats-vectors.json', import.meta.url), 'utf8')) as Record<
  string,
  { parameters: number; initializers: number }
>;

describe('onnxStats', () => {
  for (const [path, expected] of Object.entries(vectors)) {
    it(`counts the initializers of ${path} like the onnx library`, () => {
      const bytes = new Uint8Array(readFileSync(join(FIXTURES_DIR, 'models', path)));
      const { dynamicQuantization, ...counts } = onnxStats(bytes);
      expect(counts).toEqual(expected);
      // Checked with the onnx library: every `_quantized` fixture, and only those, holds DynamicQuantizeLinear.
      expect(dynamicQuantization).toBe(path.includes('_quantized'));
    });
  }
});
