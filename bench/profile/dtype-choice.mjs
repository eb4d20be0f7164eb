#!/usr/bin/env node
/**
 * The dtype per graph on WASM (issue 17 §2): time and accuracy of each dtype's file, in onnxruntime-web's WASM
 * build running in Node on one thread (the browser's kernels, without the browser). Accuracy = cosine of each
 * output with PyTorch fp32 on the same inputs (worst case), from the reference written by
 *
 *   python -m tools.dtype_choice reference --task clip|caption --folder <full-size model folder> --out <dir>
 *   node bench/profile/dtype-choice.mjs <dir> [fp32,fp16,q8,q4,q4a8,q4f16] [rounds]
 *
 * Timing interleaves the dtypes (A B C … A B C …) so load on a shared machine hits them alike; the median of
 * `rounds` runs after one warm-up. The decoder is timed on its cached branch (one new token over a 10-position
 * self-attention cache and the 577-position cross-attention cache), as a decode step runs in the app.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { median, runtime } from './one-thread.mjs';

const [dir, dtypeList = 'fp32,fp16,q8,q4,q4a8,q4f16', roundsArg = '7'] = process.argv.slice(2);
if (!dir) throw new Error('usage: node bench/profile/dtype-choice.mjs <reference dir> [dtypes] [rounds]');
const SUFFIX = { fp32: '', fp16: '_fp16', q8: '_quantized', q4: '_q4', q4a8: '_q4a8', q4f16: '_q4f16' };
const reference = JSON.parse(readFileSync(join(dir, 'reference.json'), 'utf8'));
const rounds = Number(roundsArg);

function tensor(ort, { file, dims, type }) {
  const { buffer } = new Uint8Array(readFileSync(join(dir, file)));
  return new ort.Tensor(type, type === 'int64' ? new BigInt64Array(buffer) : new Float32Array(buffer), dims);
}

function cosine(a, b) {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return dot / Math.sqrt(na * nb);
}

/** The merged decoder's feeds: `past` null selects the no-cache branch with empty caches. */
function decoderFeeds(ort, session, base, past) {
  const { heads, head_dim: headDim } = reference;
  const feeds = { ...base, use_cache_branch: new ort.Tensor('bool', new Uint8Array([past ? 1 : 0]), [1]) };
  for (const name of session.inputNames.filter((input) => input.startsWith('past_key_values.')))
    feeds[name] = past?.[name.replace('past_key_values', 'present')] ?? new ort.Tensor('float32', new Float32Array(0), [1, heads, 0, headDim]);
  return feeds;
}

async function accuracy(ort, session, cases) {
  const worst = {};
  for (const { inputs, outputs } of cases) {
    const feeds = Object.fromEntries(Object.entries(inputs).map(([name, spec]) => [name, tensor(ort, spec)]));
    const run = session.inputNames.includes('use_cache_branch') ? decoderFeeds(ort, session, feeds, null) : feeds;
    const got = await session.run(run, Object.keys(outputs));
    for (const [name, spec] of Object.entries(outputs)) worst[name] = Math.min(worst[name] ?? 1, cosine(got[name].data, tensor(ort, spec).data));
  }
  return worst;
}

/** A function that runs the graph once as the app would: batch 1 (the first case), or one cached decode step. */
async function timedRun(ort, session, cases) {
  const feeds = Object.fromEntries(Object.entries(cases[0].inputs).map(([name, spec]) => [name, tensor(ort, spec)]));
  if (!session.inputNames.includes('use_cache_branch')) return () => session.run(feeds);
  const first = await session.run(decoderFeeds(ort, session, feeds, null));
  const step = { ...feeds, input_ids: new ort.Tensor('int64', BigInt64Array.from([1037n]), [1, 1]) };
  const cached = decoderFeeds(ort, session, step, first);
  return () => session.run(cached, ['logits']);
}

const { ort, options } = await runtime('onnxruntime-web');
const folder = join(reference.folder, 'onnx');
const dtypes = dtypeList.split(',');
const graphs = [...new Set(reference.cases.map((c) => c.graph))];
console.log(`${reference.task}: ${reference.folder}; onnxruntime-web ${ort.env.versions?.web ?? ''} WASM in Node ${process.version}, 1 thread`);
console.log('| graph | dtype | file MB | cosine vs PyTorch fp32 (worst case) | ms (median) | × fp32 |');
console.log('|---|---|---|---|---|---|');
for (const graph of graphs) {
  const cases = reference.cases.filter((c) => c.graph === graph);
  const entries = [];
  for (const dtype of dtypes) {
    const path = join(folder, `${graph}${SUFFIX[dtype]}.onnx`);
    if (!existsSync(path)) continue;
    try {
      const bytes = readFileSync(path);
      const session = await ort.InferenceSession.create(bytes, options);
      entries.push({
        dtype,
        session,
        mb: bytes.length / 1e6,
        cos: await accuracy(ort, session, cases),
        run: await timedRun(ort, session, cases),
        times: [],
      });
    } catch (error) {
      entries.push({ dtype, failed: String(error).split('\n')[0].slice(0, 120) });
    }
  }
  const live = entries.filter((entry) => !entry.failed);
  for (const entry of live) await entry.run();
  for (let round = 0; round < rounds; round++) {
    for (const entry of live) {
      const start = performance.now();
      await entry.run();
      entry.times.push(performance.now() - start);
    }
  }
  const base = live.find((entry) => entry.dtype === 'fp32');
  for (const entry of entries) {
    if (entry.failed) {
      console.log(`| ${graph} | ${entry.dtype} | | session failed: ${entry.failed} | | |`);
      continue;
    }
    const ms = median(entry.times);
    const cos = Object.entries(entry.cos)
      .map(([name, value]) => `${name} ${value.toFixed(5)}`)
      .join(', ');
    const ratio = base ? (ms / median(base.times)).toFixed(2) : '';
    console.log(`| ${graph} | ${entry.dtype} | ${entry.mb.toFixed(1)} | ${cos} | ${ms.toFixed(1)} | ${ratio} |`);
    await entry.session.release();
  }
}
