import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MODELS, type ModelSpec } from '../../../shared/model-registry';
import { FIXTURES_DIR, fixtureContext, fixtureImage } from '../testing/fixtures';
import { createClipEngine, type ClipEngine } from './clip-engine';

interface PatchGolden {
  model: string;
  texts: string[];
  grid: [number, number];
  patch_cosine: Record<string, number[][]>;
}
const golden = (JSON.parse(readFileSync(join(FIXTURES_DIR, 'golden-attention.json'), 'utf8')) as { clip: PatchGolden }).clip;

describe('CLIP per-patch cosine (patch_embeds) against PyTorch (fp32, WASM)', () => {
  let engine: ClipEngine;
  let plain: ClipEngine;
  beforeAll(async () => {
    const demo = DEMO_MODELS.find((model) => model.task === 'clip') as ModelSpec;
    [engine, plain] = await Promise.all([
      createClipEngine(fixtureContext('clip', 'fp32', { ...demo, repo: golden.model })),
      createClipEngine(fixtureContext('clip', 'fp32')),
    ]);
  });
  afterAll(async () => Promise.all([engine?.dispose(), plain?.dispose()]));

  it('equals the golden cosines for every label on every image', async () => {
    for (const [name, perLabel] of Object.entries(golden.patch_cosine)) {
      for (const [label, want] of perLabel.entries()) {
        const got = await engine.patchCosines(fixtureImage(name), golden.texts[label]!);
        expect(got?.length).toBe(golden.grid[0] * golden.grid[1]);
        expect(Math.max(...got!.map((value, i) => Math.abs(value - want[i]!)))).toBeLessThanOrEqual(1e-5);
      }
    }
  });

  it('is null for an export without patch_embeds', async () => {
    expect(await plain.patchCosines(fixtureImage('chelsea.png'), 'a photo of a cat')).toBeNull();
  });
});
