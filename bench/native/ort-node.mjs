#!/usr/bin/env node
/**
 * The native baseline: onnxruntime-node (CPU; or ORT Web's WASM build in Node with BENCH_ORT=web, the
 * runtime floor, ort-runtime.mjs) on the same ONNX files, with the same intra-op thread
 * count as the browser run, measuring the same metrics on inputs of the same shapes (the same texts,
 * tokenized with the same tokenizer library; random pixel tensors of the preprocessor's size).
 *
 *   node bench/native/ort-node.mjs <config.json> <out.json>
 *
 * config: { modelsRoot, repos: {clip, caption, vqa, itm}, dtype, threads, warmup, runs, createRuns,
 *           captionTokens, beams, vqaTokens, gallery, clipImageBatches, blipImageBatches, itmRerank, sizes: {clip, caption, vqa, itm}, inputs } (bench/harness).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AutoTokenizer, env } from '@huggingface/transformers';
import { ort, RUNTIME, sessionOptions as optionsFor } from './ort-runtime.mjs';
import { beamSearch, CachedDecoder, greedy } from './blip-decode.mjs';
import { ITM_GRAPHS, itmMetrics, rowsPerRun } from './blip-itm.mjs';

const [configPath, outPath] = process.argv.slice(2);
const config = JSON.parse(readFileSync(configPath, 'utf8'));
const SUFFIX = { fp32: '', q8: '_quantized' };
const GRAPHS = {
  clip: ['text_model', 'vision_model'],
  caption: ['vision_model', 'text_decoder_model_merged'],
  vqa: ['vision_model', 'text_encoder_model', 'text_decoder_model_merged'],
  itm: ITM_GRAPHS,
};
const IMAGE_BATCH = 8; // the app's CLIP image batch (src/worker/models/clip/clip-engine.ts)

env.allowRemoteModels = false;
env.allowLocalModels = true;
env.localModelPath = config.modelsRoot;

const sessionOptions = optionsFor(config.threads);

const dir = (task) => join(config.modelsRoot, config.repos[task]);
const readJson = (task, file) => JSON.parse(readFileSync(join(dir(task), file), 'utf8'));

/** Tokenizer + sessions, timed like the app's "create" (files already in memory). */
async function loadModel(task) {
  const bytes = GRAPHS[task].map((graph) => readFileSync(join(dir(task), 'onnx', `${graph}${SUFFIX[config.dtype]}.onnx`)));
  const start = performance.now();
  const tokenizer = await AutoTokenizer.from_pretrained(config.repos[task]);
  const sessions = {};
  for (const [index, graph] of GRAPHS[task].entries()) sessions[graph] = await ort.InferenceSession.create(bytes[index], sessionOptions);
  const rows = Object.fromEntries(GRAPHS[task].map((graph, index) => [graph, rowsPerRun(bytes[index])]));
  return { tokenizer, sessions, rows, createMs: performance.now() - start };
}

async function release(model) {
  for (const session of Object.values(model.sessions)) await session.release();
}

let seed = 1;
function pixels(batch, size) {
  const data = new Float32Array(batch * 3 * size * size);
  let state = (seed++ * 2654435761) >>> 0 || 1;
  for (let i = 0; i < data.length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    data[i] = ((state >>> 0) / 4294967296) * 4 - 2;
  }
  return new ort.Tensor('float32', data, [batch, 3, size, size]);
}

function int64(values, dims) {
  return new ort.Tensor('int64', BigInt64Array.from(Array.from(values, (value) => BigInt(value))), dims);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function stat(samples) {
  const rounded = samples.map((value) => Math.round(value * 100) / 100);
  return { median: Math.round(median(rounded) * 100) / 100, min: Math.min(...rounded), max: Math.max(...rounded), n: rounded.length, samples: rounded };
}

async function repeat(run) {
  const results = [];
  for (let index = 0; index < config.warmup + config.runs; index++) {
    const result = await run(index);
    if (index >= config.warmup) results.push(result);
  }
  return results;
}

async function time(fn) {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

function rows(tensor) {
  const [count, width] = tensor.dims;
  const data = tensor.data;
  return Array.from({ length: count }, (_, row) => {
    const vector = data.slice(row * width, (row + 1) * width);
    const norm = Math.hypot(...vector);
    return vector.map((value) => value / norm);
  });
}

async function clipText(clip, texts) {
  const encoded = clip.tokenizer(texts, { padding: true, truncation: true });
  const session = clip.sessions.text_model;
  const feeds = {
    input_ids: int64(encoded.input_ids.data, encoded.input_ids.dims),
    attention_mask: int64(encoded.attention_mask.data, encoded.attention_mask.dims),
  };
  const inputs = Object.fromEntries(Object.entries(feeds).filter(([name]) => session.inputNames.includes(name)));
  return rows((await session.run(inputs, ['text_embeds'])).text_embeds);
}

async function clipImages(clip, input) {
  return rows((await clip.sessions.vision_model.run({ pixel_values: input }, ['image_embeds'])).image_embeds);
}

function blipShape(task) {
  const text = readJson(task, 'config.json').text_config;
  const heads = text.num_attention_heads;
  return {
    layers: text.num_hidden_layers,
    heads,
    headDim: text.hidden_size / heads,
    sep: text.sep_token_id,
    vocab: text.vocab_size,
    bos: text.bos_token_id,
  };
}

async function vision(model, input) {
  const start = performance.now();
  const states = (await model.sessions.vision_model.run({ pixel_values: input }, ['last_hidden_state'])).last_hidden_state;
  return { states, visionMs: performance.now() - start };
}

async function caption(model, shape, size, strategy) {
  const input = pixels(1, size);
  const start = performance.now();
  const { states, visionMs } = await vision(model, input);
  const rowsCount = strategy === 'beam' ? config.beams : 1;
  const decoder = new CachedDecoder(model.sessions.text_decoder_model_merged, shape, states, rowsCount);
  const sequence =
    strategy === 'beam'
      ? await beamSearch(decoder, [shape.bos], config.captionTokens, config.beams)
      : await greedy(decoder, [shape.bos], config.captionTokens);
  if (sequence.length !== 1 + config.captionTokens) throw new Error(`caption generated ${sequence.length - 1} tokens`);
  return { visionMs, stepMs: decoder.stepMs, totalMs: performance.now() - start };
}

async function answer(model, shape, size, question) {
  const input = pixels(1, size);
  const start = performance.now();
  const { states, visionMs } = await vision(model, input);
  const ids = model.tokenizer.encode(question);
  const questionStart = performance.now();
  const session = model.sessions.text_encoder_model;
  const feeds = {
    input_ids: int64(ids, [1, ids.length]),
    attention_mask: int64(
      ids.map(() => 1),
      [1, ids.length],
    ),
    encoder_hidden_states: states,
    encoder_attention_mask: int64(new Array(states.dims[1]).fill(1), [1, states.dims[1]]),
  };
  const inputs = Object.fromEntries(Object.entries(feeds).filter(([name]) => session.inputNames.includes(name)));
  const questionStates = (await session.run(inputs, ['last_hidden_state'])).last_hidden_state;
  const questionMs = performance.now() - questionStart;
  const decoder = new CachedDecoder(model.sessions.text_decoder_model_merged, shape, questionStates, 1);
  const sequence = await greedy(decoder, [shape.bos], config.vqaTokens);
  if (sequence.length !== 1 + config.vqaTokens) throw new Error(`answer generated ${sequence.length - 1} tokens`);
  return { visionMs, questionMs, stepMs: decoder.stepMs, totalMs: performance.now() - start };
}

function processMemory() {
  const status = readFileSync('/proc/self/status', 'utf8');
  const kib = (field) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) * 1024;
  return { rssBytes: kib('VmRSS'), peakRssBytes: kib('VmHWM') };
}

async function main() {
  const { inputs, sizes } = config;
  const metrics = {};
  const models = {};
  for (const task of ['clip', 'caption', 'vqa']) {
    models[task] = await loadModel(task);
    metrics[`create.${task}.cold`] = stat([models[task].createMs]);
  }
  const afterLoad = processMemory();
  const { clip } = models;
  metrics['clip.image'] = stat(
    await repeat(() => {
      const input = pixels(1, sizes.clip);
      return time(() => clipImages(clip, input));
    }),
  );
  metrics['clip.text8'] = stat(
    await repeat((i) =>
      time(() =>
        clipText(
          clip,
          inputs.labelSets[1 + i].map((label) => inputs.template.replace('{}', label)),
        ),
      ),
    ),
  );
  metrics['clip.search32'] = stat(
    await repeat(async (i) => {
      const batches = Array.from({ length: Math.ceil(config.gallery / IMAGE_BATCH) }, (_, b) =>
        pixels(Math.min(IMAGE_BATCH, config.gallery - b * IMAGE_BATCH), sizes.clip),
      );
      return time(async () => {
        await clipText(clip, [inputs.queries[i]]);
        for (const batch of batches) await clipImages(clip, batch);
      });
    }),
  );
  for (const count of config.clipImageBatches ?? []) {
    metrics[`clip.images${count}`] = stat(
      await repeat(() => {
        const input = pixels(count, sizes.clip);
        return time(() => clipImages(clip, input));
      }),
    );
  }
  const captionShape = blipShape('caption');
  const greedyRuns = await repeat(() => caption(models.caption, captionShape, sizes.caption, 'greedy'));
  metrics['blip.vision'] = stat(greedyRuns.map((run) => run.visionMs));
  metrics['caption.firstStep'] = stat(greedyRuns.map((run) => run.stepMs[0]));
  metrics['caption.step'] = stat(greedyRuns.map((run) => median(run.stepMs.slice(1))));
  metrics['caption.total'] = stat(greedyRuns.map((run) => run.totalMs));
  // Caption all's rows: one vision run over the whole batch (the app's batches are BLIP_ENCODE_BATCH).
  for (const count of config.blipImageBatches ?? []) {
    metrics[`blip.images${count}`] = stat(
      await repeat(async () => {
        const input = pixels(count, sizes.caption);
        return (await vision(models.caption, input)).visionMs;
      }),
    );
  }
  metrics['caption.beam3'] = stat((await repeat(() => caption(models.caption, captionShape, sizes.caption, 'beam'))).map((run) => run.totalMs));
  const vqaShape = blipShape('vqa');
  const vqaRuns = await repeat((i) => answer(models.vqa, vqaShape, sizes.vqa, inputs.questions[i]));
  metrics['vqa.total'] = stat(vqaRuns.map((run) => run.totalMs));
  metrics['vqa.question'] = stat(vqaRuns.map((run) => run.questionMs));
  // Loaded, measured and released on its own, as in the browser, so afterLoad stays that of the three app models.
  const itm = await loadModel('itm');
  Object.assign(
    metrics,
    await itmMetrics({ ...itm, pad: readJson('itm', 'config.json').text_config?.pad_token_id ?? 0 }, config, { pixels, repeat, time, stat }),
  );
  await release(itm);
  const afterRuns = processMemory();
  for (const task of ['clip', 'caption', 'vqa']) {
    const created = [];
    for (let run = 0; run < config.createRuns; run++) {
      await release(models[task]);
      models[task] = await loadModel(task);
      created.push(models[task].createMs);
    }
    metrics[`create.${task}`] = stat(created);
  }
  const result = {
    runtime: RUNTIME,
    dtype: config.dtype,
    threads: config.threads,
    metrics,
    memory: { afterLoad, afterRuns, peakRssBytes: processMemory().peakRssBytes },
  };
  writeFileSync(outPath, `${JSON.stringify(result, null, 2)}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
