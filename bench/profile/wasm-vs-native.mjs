#!/usr/bin/env node
/**
 * Where the browser's time goes (docs/benchmarks.md, "Analysis"): the same q8 (or fp32) graphs on one
 * thread in onnxruntime-node and in onnxruntime-web's WASM build running in Node (the same V8 and the
 * same WebAssembly kernels as the browser, without the browser), plus the BLIP decoder step with the
 * real cross-attention cache (577 image positions) and with a 1-position one, which separates what the
 * step costs for the cross-attention K/V that are fed back on every step.
 *
 *   node bench/profile/wasm-vs-native.mjs [q8|fp32]      (needs bench/cache/models: npm run bench builds it)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, runtime, timeRuns } from './one-thread.mjs';

const dtype = process.argv[2] ?? 'q8';
const suffix = dtype === 'q8' ? '_quantized' : '';
const models = fileURLToPath(new URL('../cache/models/', import.meta.url));
const CLIP = join(models, 'openai-shaped/clip-vit-base-patch32-random/onnx');
const BLIP = join(models, 'salesforce-shaped/blip-image-captioning-base-random/onnx');
const [LAYERS, HEADS, HEAD_DIM, HIDDEN, BOS] = [12, 12, 64, 768, 30522];

function filled(ort, dims) {
  const data = new Float32Array(dims.reduce((a, b) => a * b, 1));
  for (let i = 0; i < data.length; i++) data[i] = Math.sin(i) * 0.5;
  return new ort.Tensor('float32', data, dims);
}

async function vision({ ort, options }, file, size) {
  const session = await ort.InferenceSession.create(readFileSync(file), options);
  const input = filled(ort, [1, 3, size, size]);
  return timeRuns(5, () => session.run({ pixel_values: input }));
}

/** Median later-step time of a 20-token greedy decode whose cross-attention cache has `positions` positions. */
async function decoderStep({ ort }, session, positions) {
  const int64 = (value) => new ort.Tensor('int64', BigInt64Array.from([BigInt(value)]), [1, 1]);
  const mask = new ort.Tensor('int64', new BigInt64Array(positions).fill(1n), [1, positions]);
  const names = (kinds) => Array.from({ length: LAYERS }, (_, l) => kinds.map((kind) => `present.${l}.${kind}`)).flat();
  const self = names(['decoder.key', 'decoder.value']);
  const cross = names(['encoder.key', 'encoder.value']);
  const feeds = {
    input_ids: int64(BOS),
    encoder_hidden_states: filled(ort, [1, positions, HIDDEN]),
    encoder_attention_mask: mask,
    use_cache_branch: new ort.Tensor('bool', new Uint8Array([0]), [1]),
  };
  for (const name of [...self, ...cross])
    feeds[name.replace('present', 'past_key_values')] = new ort.Tensor('float32', new Float32Array(0), [1, HEADS, 0, HEAD_DIM]);
  let outputs = await session.run(feeds, ['logits', ...self, ...cross]);
  const past = Object.fromEntries([...self, ...cross].map((name) => [name.replace('present', 'past_key_values'), outputs[name]]));
  const placeholder = filled(ort, [1, 1, HIDDEN]);
  const times = [];
  for (let step = 0; step < 19; step++) {
    const start = performance.now();
    outputs = await session.run(
      {
        input_ids: int64(1000 + step),
        encoder_hidden_states: placeholder,
        encoder_attention_mask: mask,
        use_cache_branch: new ort.Tensor('bool', new Uint8Array([1]), [1]),
        ...past,
      },
      ['logits', ...self],
    );
    times.push(performance.now() - start);
    for (const name of self) past[name.replace('present', 'past_key_values')] = outputs[name];
  }
  return median(times);
}

const rows = [];
for (const name of ['onnxruntime-node', 'onnxruntime-web (WASM, in Node)']) {
  const rt = await runtime(name === 'onnxruntime-node' ? name : 'web');
  const decoder = await rt.ort.InferenceSession.create(readFileSync(join(BLIP, `text_decoder_model_merged${suffix}.onnx`)), rt.options);
  await decoderStep(rt, decoder, 577);
  rows.push({
    runtime: name,
    'CLIP vision': await vision(rt, join(CLIP, `vision_model${suffix}.onnx`), 224),
    'BLIP vision': await vision(rt, join(BLIP, `vision_model${suffix}.onnx`), 384),
    'step, 577 cross positions': await decoderStep(rt, decoder, 577),
    'step, 1 cross position': await decoderStep(rt, decoder, 1),
  });
}
const copy = new Float32Array(2 * LAYERS * HEADS * 577 * HEAD_DIM);
const target = new Float32Array(copy.length);
const copyMs = await timeRuns(10, async () => target.set(copy));
console.log(`${dtype}, 1 thread, ms (median)`);
console.table(
  rows.map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, typeof value === 'number' ? Number(value.toFixed(1)) : value]))),
);
console.log(`copying the cross-attention K/V once (${((copy.length * 4) / 2 ** 20).toFixed(1)} MiB, TypedArray.set): ${copyMs.toFixed(1)} ms`);
