#!/usr/bin/env node
/**
 * What encoding one row a run costs against one batched run (issue 17 §3, §5): CLIP's vision and text
 * towers at batch 1, 4 and 8, q8 and fp32, on one thread in onnxruntime-web's WASM build running in Node
 * (the browser's kernels) and in onnxruntime-node. Prints images (texts) per second per batch size and the
 * batched / one-row-a-run throughput ratio; q8 graphs run one row a run in the app because dynamic
 * quantization makes a batched row's result depend on its neighbours.
 *
 *   node bench/profile/batch-cost.mjs [clip onnx folder]
 *   (default bench/cache/models/openai-shaped/clip-vit-base-patch32-random/onnx, built by
 *    python -m tools.fixtures --full-size --only clip --out bench/cache/models)
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpus } from 'node:os';
import { runtime, timeRuns } from './one-thread.mjs';

const folder = process.argv[2] ?? fileURLToPath(new URL('../cache/models/openai-shaped/clip-vit-base-patch32-random/onnx', import.meta.url));
const BATCHES = [1, 4, 8];
const RUNS = Number(process.env.BATCH_COST_RUNS ?? 3);

function pixels(ort, batch, size) {
  const data = new Float32Array(batch * 3 * size * size);
  for (let i = 0; i < data.length; i++) data[i] = Math.sin(i * 0.37) * 0.5;
  return { pixel_values: new ort.Tensor('float32', data, [batch, 3, size, size]) };
}

function tokens(ort, session, batch, length) {
  const text = config.text_config ?? {};
  const vocab = text.vocab_size ?? 49408;
  const [bos, eos] = [text.bos_token_id ?? vocab - 2, text.eos_token_id ?? vocab - 1];
  const ids = BigInt64Array.from({ length: batch * length }, (_, i) =>
    BigInt(i % length === 0 ? bos : i % length === length - 1 ? eos : 1 + (i % Math.min(97, vocab - 3))),
  );
  const feeds = { input_ids: new ort.Tensor('int64', ids, [batch, length]) };
  if (session.inputNames.includes('attention_mask'))
    feeds.attention_mask = new ort.Tensor('int64', new BigInt64Array(batch * length).fill(1n), [batch, length]);
  return feeds;
}

async function tower(rt, file, feedsFor) {
  const session = await rt.ort.InferenceSession.create(readFileSync(file), rt.options);
  const perSecond = {};
  for (const batch of BATCHES) {
    const feeds = feedsFor(rt.ort, session, batch);
    perSecond[batch] = (batch * 1000) / (await timeRuns(RUNS, () => session.run(feeds)));
  }
  await session.release();
  return perSecond;
}

const config = JSON.parse(readFileSync(join(folder, '..', 'config.json'), 'utf8'));
const size = config.vision_config?.image_size ?? 224;
console.log(`CPU: ${cpus()[0]?.model ?? 'unknown'}; 1 thread; median of ${RUNS} runs; ${folder}`);
console.log('| runtime | tower | dtype | rows/s @1 | @4 | @8 | batch 8 / batch 1 |');
console.log('|---|---|---|---|---|---|---|');
for (const name of ['onnxruntime-web (WASM in Node)', 'onnxruntime-node']) {
  const rt = await runtime(name === 'onnxruntime-node' ? name : 'web');
  for (const dtype of ['fp32', 'q8']) {
    const suffix = dtype === 'q8' ? '_quantized' : '';
    for (const [label, file, feedsFor] of [
      ['vision', `vision_model${suffix}.onnx`, (ort, _s, batch) => pixels(ort, batch, size)],
      ['text (16 tokens)', `text_model${suffix}.onnx`, (ort, session, batch) => tokens(ort, session, batch, 16)],
    ]) {
      const path = join(folder, file);
      if (!existsSync(path)) continue;
      const rate = await tower(rt, path, feedsFor);
      const cells = BATCHES.map((batch) => rate[batch].toFixed(1));
      console.log(`| ${name} | ${label} | ${dtype} | ${cells.join(' | ')} | ${(rate[8] / rate[1]).toFixed(2)}× |`);
    }
  }
}
