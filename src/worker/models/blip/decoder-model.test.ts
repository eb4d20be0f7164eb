import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { golden, image, maxAbsDiff } from './test-support';
import type { OrtTensor } from '../../runtime/ort-env';
import { readJson, type EngineContext } from '../engine';
import type { PreprocessorConfig } from '../image-preprocess';
import { createSessionBundle, type SessionBundle } from '../session-bundle';
import { fixtureContext } from '../testing/fixtures';
import { readBlipConfig, type BlipConfigJson, type TextShape } from './blip-config';
import { createStepModel, queuedSession, type DecoderSession, type DecoderSetup, type DecodingMode } from './decoder-model';
import { detectDecoderLayout, type DecoderIo, type DecoderLayout } from './decoder-layout';
import { VisionEncoder } from './encoders';
import { generate, type StepModel } from './generation';
import { cpuGatherer, graphGatherer } from './row-gather';
import type { HostStates } from './tensors';

const DECODER = 'text_decoder_model_merged';
const caption = golden.blip_caption;

interface RunRecord {
  feeds: Record<string, OrtTensor>;
  fetches: readonly string[];
  outputs: Record<string, OrtTensor>;
}

/** Wraps a session: records every run and counts how often each output tensor is disposed. */
function spy(inner: DecoderSession, records: RunRecord[], disposals: Map<OrtTensor, number>): DecoderSession {
  return {
    name: inner.name,
    inputMetadata: inner.inputMetadata,
    async run(feeds, fetches) {
      const outputs = await inner.run(feeds, fetches);
      for (const tensor of Object.values(outputs)) {
        disposals.set(tensor, 0);
        const dispose = tensor.dispose.bind(tensor);
        tensor.dispose = () => {
          disposals.set(tensor, (disposals.get(tensor) ?? 0) + 1);
          dispose();
        };
      }
      records.push({ feeds, fetches, outputs });
      return outputs;
    },
  };
}

/** Records the logits of every forward. */
function recording(model: StepModel, logits: Float32Array[]): StepModel {
  return {
    vocabSize: model.vocabSize,
    forward: async (tokens) => {
      const out = await model.forward(tokens);
      logits.push(out.slice());
      return out;
    },
    reorder: (indices) => model.reorder(indices),
  };
}

describe('BLIP decoder step models on the tiny caption fixture (WASM)', () => {
  let context: EngineContext;
  let bundle: SessionBundle;
  let layout: DecoderLayout;
  let shape: TextShape;
  let states: (name: string) => Promise<HostStates>;
  const records: RunRecord[] = [];
  const disposals = new Map<OrtTensor, number>();

  const setupFor = (chosen: DecoderLayout = layout, session?: (name: string) => DecoderSession): DecoderSetup => ({
    Tensor: context.ort.Tensor,
    layout: chosen,
    session: session ?? ((name) => spy(queuedSession(name, bundle.session(name)), records, disposals)),
    shape,
    gatherer: cpuGatherer(context.ort.Tensor),
  });

  async function decode(name: string, numBeams: number, mode: DecodingMode, setup = setupFor(), prompt = [275]) {
    const logits: Float32Array[] = [];
    const model = createStepModel(setup, await states(name), mode);
    try {
      const options = { maxNewTokens: caption.max_new_tokens, numBeams, eosTokenId: 5, padTokenId: 0 };
      const result = await generate(recording(model, logits), prompt, options);
      return { sequence: result.sequences[0], logits };
    } finally {
      model.dispose();
    }
  }

  beforeAll(async () => {
    context = fixtureContext('caption', 'fp32');
    bundle = await createSessionBundle(context);
    layout = detectDecoderLayout(bundle.sessions().filter((info) => info.name === DECODER));
    shape = readBlipConfig(readJson<BlipConfigJson>(context, 'config.json'), undefined, { bos: 275, sep: 5, pad: 0 }).text;
    const vision = new VisionEncoder(
      context.ort.Tensor,
      bundle.session('vision_model'),
      readJson<PreprocessorConfig>(context, 'preprocessor_config.json'),
    );
    states = async (name) => (await vision.encode(image(name))).states;
  });
  afterAll(async () => bundle?.dispose());

  it('detects the merged layout of the exported decoder', () => {
    expect(layout.kind).toBe('merged');
    expect(layout.layers).toBe(shape.layers);
  });

  it('gives PyTorch first-step logits (1e-4)', async () => {
    const expected = caption.first_step_logits;
    const model = createStepModel(setupFor(), await states(expected.image), 'cached');
    const logits = await model.forward([expected.input_ids]);
    model.dispose();
    expect(maxAbsDiff(logits.subarray(0, 32), expected.first_32)).toBeLessThan(1e-4);
    expect(logits.indexOf(Math.max(...logits))).toBe(expected.argmax);
    expect(Math.abs(Math.max(...logits) - expected.max)).toBeLessThan(1e-4);
  });

  it('decodes with the cache exactly as without it: same ids, logits within 1e-4 (greedy and beams)', async () => {
    for (const testCase of caption.cases
      .filter((c) => c.prompt === null)
      .slice(0, 2)
      .concat(caption.cases.filter((c) => c.num_beams > 1))) {
      const cached = await decode(testCase.image, testCase.num_beams, 'cached', setupFor(), testCase.input_ids);
      const uncached = await decode(testCase.image, testCase.num_beams, 'uncached', setupFor(), testCase.input_ids);
      expect(cached.sequence).toEqual(testCase.output_ids);
      expect(uncached.sequence).toEqual(testCase.output_ids);
      expect(cached.logits.length).toBe(uncached.logits.length);
      const worst = Math.max(...cached.logits.map((step, index) => maxAbsDiff(step, uncached.logits[index] as Float32Array)));
      expect(worst).toBeLessThan(1e-4);
    }
  });

  it('projects the cross-attention K/V once and feeds the first step’s tensors back on every later step', async () => {
    records.length = 0;
    const testCase = caption.cases[1]!; // chelsea: 16 new tokens
    const { sequence } = await decode(testCase.image, 1, 'cached');
    expect(sequence).toEqual(testCase.output_ids);
    const [first, ...later] = records;
    expect(first?.feeds['use_cache_branch']?.data[0]).toBe(0);
    expect(first?.fetches).toContain('present.1.encoder.value');
    expect(later.length).toBe(15);
    for (const step of later) {
      expect(step.feeds['use_cache_branch']?.data[0]).toBe(1);
      for (let layer = 0; layer < shape.layers; layer++) {
        for (const kind of ['key', 'value']) {
          expect(step.feeds[`past_key_values.${layer}.encoder.${kind}`]).toBe(first?.outputs[`present.${layer}.encoder.${kind}`]);
        }
      }
      expect(step.fetches.some((name) => name.includes('.encoder.'))).toBe(false);
      // A one-position zero tensor instead of the image states: the ids above still equal PyTorch's, so
      // nothing in the cached branch reads (let alone projects) the encoder states.
      expect(step.feeds['encoder_hidden_states']?.dims).toEqual([1, 1, 48]);
    }
  });

  it('disposes every present tensor it received, over 50 generations', async () => {
    disposals.clear();
    for (let run = 0; run < 50; run++) await decode(caption.cases[run % 6]!.image, run % 5 === 0 ? 3 : 1, 'cached');
    const counts = [...disposals.values()];
    expect(counts.length).toBeGreaterThan(50 * 4 * shape.layers);
    expect(counts.filter((count) => count !== 1 && count !== 0).length).toBe(0);
    // Only logits (read on the CPU, never held) are left undisposed.
    const undisposed = [...disposals].filter(([, count]) => count === 0).map(([tensor]) => tensor.dims.length);
    expect(undisposed.every((rank) => rank === 3)).toBe(true);
  });

  it('drives a split no-past/with-past pair and a no-cache decoder to the same ids', async () => {
    const merged = (layout as Extract<DecoderLayout, { kind: 'merged' }>).decoder;
    const first: DecoderIo = { ...merged, session: 'first', pastLayers: 0, hasCacheBranch: false };
    const withPast: DecoderIo = { ...merged, session: 'with-past', hasEncoderStates: false, hasCacheBranch: false, crossPresentLayers: 0 };
    const plain: DecoderIo = { ...first, session: 'plain', selfPresentLayers: 0, crossPresentLayers: 0 };
    const split = setupFor({ kind: 'split', layers: shape.layers, first, withPast }, (name) => asSplitSession(name));
    const noCache = setupFor({ kind: 'no-cache', layers: 0, decoder: plain }, (name) => asSplitSession(name));
    for (const testCase of [caption.cases[0]!, caption.cases.find((c) => c.num_beams > 1)!]) {
      expect((await decode(testCase.image, testCase.num_beams, 'cached', split)).sequence).toEqual(testCase.output_ids);
      expect((await decode(testCase.image, testCase.num_beams, 'cached', noCache)).sequence).toEqual(testCase.output_ids);
    }
  });

  /** The merged session dressed up as separate graphs: it adds the inputs those graphs would not have. */
  function asSplitSession(name: string): DecoderSession {
    const inner = queuedSession(DECODER, bundle.session(DECODER));
    return {
      name,
      inputMetadata: inner.inputMetadata,
      run(feeds, fetches) {
        const withPast = name === 'with-past';
        const rows = feeds['input_ids']?.dims[0] ?? 1;
        const extra: Record<string, OrtTensor> = { use_cache_branch: new context.ort.Tensor('bool', new Uint8Array([withPast ? 1 : 0]), [1]) };
        if (withPast) extra['encoder_hidden_states'] = new context.ort.Tensor('float32', new Float32Array(rows * 48), [rows, 1, 48]);
        else {
          for (let layer = 0; layer < shape.layers; layer++) {
            for (const kind of ['decoder.key', 'decoder.value', 'encoder.key', 'encoder.value']) {
              extra[`past_key_values.${layer}.${kind}`] = new context.ort.Tensor('float32', new Float32Array(0), [rows, shape.heads, 0, shape.headDim]);
            }
          }
        }
        return inner.run({ ...feeds, ...extra }, fetches);
      },
    };
  }

  it('reorders cache rows with the Gather graph exactly like the CPU copy', async () => {
    const { Tensor } = context.ort;
    const tensors = [0, 1, 2].map(
      (seed) =>
        new Tensor(
          'float32',
          Float32Array.from({ length: 3 * 4 * 5 * 8 }, (_, i) => i * (seed + 1)),
          [3, 4, 5, 8],
        ),
    );
    const device = graphGatherer(context.ort, 'wasm');
    const onGraph = await device.gather(tensors, [2, 0, 2]);
    const onCpu = await cpuGatherer(Tensor).gather(tensors, [2, 0, 2]);
    onGraph.forEach((tensor, index) => {
      expect(tensor.dims).toEqual([3, 4, 5, 8]);
      expect(Array.from(tensor.data as Float32Array)).toEqual(Array.from(onCpu[index]?.data as Float32Array));
    });
    expect(Array.from((onCpu[0]?.data as Float32Array).subarray(0, 3))).toEqual([320, 321, 322]);
    await device.release();
  });

  it('falls back to download, CPU gather and re-upload when no GPU Gather session can be made', async () => {
    const data = Float32Array.from({ length: 2 * 3 }, (_, i) => i);
    let downloads = 0;
    const onGpu = context.ort.Tensor.fromGpuBuffer({} as Parameters<typeof context.ort.Tensor.fromGpuBuffer>[0], {
      dataType: 'float32',
      dims: [2, 3],
      download: async () => (downloads++, data),
    });
    // Node has no WebGPU, so the Gather session cannot be created: the CPU path must take over.
    const device = graphGatherer(context.ort, 'webgpu');
    const [gathered] = await device.gather([onGpu], [1, 1]);
    expect(downloads).toBe(1);
    expect(gathered?.location).toBe('cpu');
    expect(Array.from(gathered?.data as Float32Array)).toEqual([3, 4, 5, 3, 4, 5]);
    await device.release();
  });
});
