/**
 * A score must not depend on what else is in the batch (issue 17): a user's probabilities must not
 * change because they added another label. Dynamically quantized graphs compute one activation scale
 * per tensor, padding rows included, so this is checked for every dtype the fixture ships.
 */
import { describe, expect, it } from 'vitest';
import type { Dtype } from '../../../shared/model-registry';
import { fixtureContext, fixtureImage, readGolden } from '../testing/fixtures';
import { createClipEngine, type ClipEngine } from './clip-engine';

const golden = readGolden<{ clip: { labels: string[]; long_texts: { text: string }[] } }>().clip;
const IMAGES = ['astronaut.png', 'checkerboard.png', 'chelsea.png', 'coffee.png', 'gradient.png', 'rocket.png'];
// fp32 round-off: batched matmuls may sum in another order.
const ROUND_OFF = 1e-5;

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff = Math.max(diff, Math.abs((a[i] as number) - (b[i] as number)));
  return diff;
}

/** Each item through its own fresh engine (nothing cached, nothing else in the batch), then all in one call. */
async function aloneAndTogether<T>(dtype: Dtype, items: T[], embed: (engine: ClipEngine, items: T[]) => Promise<Float32Array[]>) {
  const engines: ClipEngine[] = [];
  try {
    const fresh = async () => {
      const engine = await createClipEngine(fixtureContext('clip', dtype));
      engines.push(engine);
      return engine;
    };
    const alone: Float32Array[] = [];
    for (const item of items) alone.push(...(await embed(await fresh(), [item])));
    const together = await embed(await fresh(), items);
    return items.map((_, index) => maxDiff(alone[index] as Float32Array, together[index] as Float32Array));
  } finally {
    await Promise.all(engines.map((engine) => engine.dispose()));
  }
}

describe.each(['fp32', 'q8'] as const)('CLIP %s embeddings do not depend on the rest of the batch', (dtype) => {
  it('labels alone vs in a batch of 5 with an over-long label', async () => {
    const texts = [...golden.labels.slice(0, 4), (golden.long_texts[0] as { text: string }).text];
    const diffs = await aloneAndTogether(dtype, texts, async (engine, batch) => (await engine.embedTexts(batch)).embeddings);
    expect(Math.max(...diffs), `${dtype} per-label max |Δ|: ${diffs.join(', ')}`).toBeLessThan(ROUND_OFF);
  });

  it('images alone vs in one batch', async () => {
    const diffs = await aloneAndTogether(dtype, IMAGES, async (engine, names) => (await engine.embedImages(names.map(fixtureImage))).embeddings);
    expect(Math.max(...diffs), `${dtype} per-image max |Δ|: ${diffs.join(', ')}`).toBeLessThan(ROUND_OFF);
  });
});
