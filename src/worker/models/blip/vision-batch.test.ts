/**
 * Caption all encodes images through the BLIP vision model in batches (issue 17 §5). The states of
 * an image must not depend on the rest of the batch: batched = one by one within fp32 round-off,
 * and the captions decoded from them are the goldens (PyTorch) and the one-by-one captions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BLIP_ENCODE_BATCH } from '../../../shared/blip-encode-batch';
import { readJson } from '../engine';
import type { PreprocessorConfig } from '../image-preprocess';
import { createSessionBundle, type SessionBundle } from '../session-bundle';
import { fixtureContext } from '../testing/fixtures';
import { createBlipEngine } from './blip-engine';
import { VisionEncoder } from './encoders';
import { golden, image, maxAbsDiff } from './test-support';
import type { BlipEngine } from './types';

const IMAGES = ['astronaut.png', 'checkerboard.png', 'chelsea.png', 'coffee.png', 'gradient.png', 'rocket.png'];
const ROUND_OFF = 1e-5;
const GREEDY = { generation: { maxNewTokens: golden.blip_caption.max_new_tokens, numBeams: 1 } };
const greedyCases = golden.blip_caption.cases.filter((entry) => entry.num_beams === 1 && entry.prompt === null);

describe('BLIP vision states: a batch of 4 = one by one', () => {
  let bundle: SessionBundle;
  const context = fixtureContext('caption', 'fp32');
  const encoder = () =>
    new VisionEncoder(context.ort.Tensor, bundle.session('vision_model'), readJson<PreprocessorConfig>(context, 'preprocessor_config.json'));

  beforeAll(async () => {
    bundle = await createSessionBundle(context);
  });
  afterAll(() => bundle.dispose());

  it('fp32: every image’s states within round-off of its states encoded alone', async () => {
    const alone = encoder();
    const batched = encoder();
    const outcome = await batched.encodeMany(IMAGES.map(image), 4);
    expect(outcome).toMatchObject({ encoded: IMAGES.length, cached: 0, batches: 2 });
    const diffs: number[] = [];
    // The cache holds the last six: every image of this call is a hit.
    for (const name of IMAGES) {
      const together = await batched.encode(image(name));
      expect(together.cached).toBe(true);
      diffs.push(maxAbsDiff((await alone.encode(image(name))).states.data, together.states.data));
    }
    expect(Math.max(...diffs), `per-image max |Δ|: ${diffs.join(', ')}`).toBeLessThan(ROUND_OFF);
  });

  it('encodes only the images not cached yet, each once', async () => {
    const batched = encoder();
    await batched.encode(image('chelsea.png'));
    const outcome = await batched.encodeMany(['chelsea.png', 'coffee.png', 'coffee.png', 'rocket.png'].map(image), 4);
    expect(outcome).toMatchObject({ encoded: 2, cached: 2, batches: 1 });
  });
});

describe.each(['fp32', 'q8'] as const)('BLIP %s: captions after Caption all’s batched encoding', (dtype) => {
  let batched: BlipEngine;
  let alone: BlipEngine;

  beforeAll(async () => {
    batched = await createBlipEngine(fixtureContext('caption', dtype));
    alone = await createBlipEngine(fixtureContext('caption', dtype));
  });
  afterAll(async () => {
    await batched.dispose();
    await alone.dispose();
  });

  it('batches the graph that allows it; a dynamically quantized one runs one row a run', async () => {
    const outcome = await batched.encodeImages(IMAGES.map(image));
    const expected = dtype === 'q8' ? IMAGES.length : Math.ceil(IMAGES.length / BLIP_ENCODE_BATCH);
    expect(outcome).toMatchObject({ encoded: IMAGES.length, batches: expected });
  });

  it('gives the one-by-one captions (and, fp32, PyTorch’s)', async () => {
    for (const entry of greedyCases) {
      const fromBatch = await batched.caption(image(entry.image), GREEDY);
      const oneByOne = await alone.caption(image(entry.image), GREEDY);
      expect(fromBatch.timings.visionCached, entry.image).toBe(true);
      expect(fromBatch.sequence, entry.image).toEqual(oneByOne.sequence);
      if (dtype === 'fp32') expect(fromBatch.sequence, entry.image).toEqual(entry.output_ids);
    }
  });
});
