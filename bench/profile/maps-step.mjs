/**
 * Issue 14: what the attention maps cost on the steady decode step. One process, onnxruntime-web's WASM
 * build on one thread (the browser's kernels), BLIP's merged decoder driven as the worker drives it
 * (decoder-model.ts): a first no-past step, then one token per step with the previous presents as pasts.
 * Three variants, interleaved round by round (A B C A B C …) so machine load hits them alike:
 *   plain  — an export without map outputs, fetching logits + self presents (what captioning always did);
 *   unasked — the --attention-maps export, same fetch list (maps in the graph, not asked for);
 *   maps   — the --attention-maps export, also fetching cross_attentions.* and copying each row's last
 *            query row out, as StepMaps.record does.
 * Prints the median step per variant (ms) and the medians of the per-round ratios.
 *
 *   node bench/profile/maps-step.mjs [plainDir] [mapsDir] [--steps 16] [--rounds 21]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { median, runtime } from './one-thread.mjs';

const FIXTURES = 'e2e/fixtures/models/fixtures';
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const dirs = args.filter((arg, i) => !arg.startsWith('--') && !args[i - 1]?.startsWith('--'));
const [plainDir = join(FIXTURES, 'tiny-blip-caption'), mapsDir = join(FIXTURES, 'tiny-blip-caption-attn')] = dirs;
const STEPS = option('--steps', 16);
const ROUNDS = option('--rounds', 21);

const { ort, options } = await runtime('onnxruntime-web');

async function open(dir) {
  const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
  const session = await ort.InferenceSession.create(readFileSync(join(dir, 'onnx', 'text_decoder_model_merged.onnx')), options);
  const text = config.text_config;
  const side = config.vision_config.image_size / config.vision_config.patch_size;
  return {
    session,
    layers: text.num_hidden_layers,
    heads: text.num_attention_heads,
    headDim: text.hidden_size / text.num_attention_heads,
    keys: side * side + 1,
    visionHidden: config.vision_config.hidden_size,
  };
}

const int64 = (values, dims) => new ort.Tensor('int64', BigInt64Array.from(values, BigInt), dims);
const layerNames = (layers, prefix, kinds) => Array.from({ length: layers }, (_, l) => kinds.map((kind) => `${prefix}.${l}.${kind}`)).flat();

/** One greedy-shaped run of 1 + STEPS forwards; returns the median of the STEPS steady steps in ms. */
async function steadyStep(model, withMaps) {
  const { session, layers, heads, headDim, keys, visionHidden } = model;
  const mapNames = withMaps ? Array.from({ length: layers }, (_, layer) => `cross_attentions.${layer}`) : [];
  const selfPresents = layerNames(layers, 'present', ['decoder.key', 'decoder.value']);
  const allPresents = layerNames(layers, 'present', ['decoder.key', 'decoder.value', 'encoder.key', 'encoder.value']);
  const states = new ort.Tensor(
    'float32',
    Float32Array.from({ length: keys * visionHidden }, (_, i) => Math.sin(i)),
    [1, keys, visionHidden],
  );
  const mask = int64(new Array(keys).fill(1), [1, keys]);
  const empty = new ort.Tensor('float32', new Float32Array(0), [1, heads, 0, headDim]);
  const feeds = {
    input_ids: int64([30], [1, 1]),
    encoder_hidden_states: states,
    encoder_attention_mask: mask,
    use_cache_branch: new ort.Tensor('bool', [false], [1]),
  };
  for (const name of layerNames(layers, 'past_key_values', ['decoder.key', 'decoder.value', 'encoder.key', 'encoder.value'])) feeds[name] = empty;
  const record = (outputs) => mapNames.map((name) => Array.from(outputs[name].data.subarray(-keys)));
  let outputs = await session.run(feeds, [...['logits', ...allPresents], ...mapNames]);
  record(outputs);
  const cross = Object.fromEntries(
    layerNames(layers, 'present', ['encoder.key', 'encoder.value']).map((name) => [name.replace('present', 'past_key_values'), outputs[name]]),
  );
  const placeholder = new ort.Tensor('float32', new Float32Array(visionHidden), [1, 1, visionHidden]);
  const times = [];
  for (let step = 0; step < STEPS; step++) {
    const pasts = Object.fromEntries(selfPresents.map((name) => [name.replace('present', 'past_key_values'), outputs[name]]));
    const stepFeeds = {
      ...pasts,
      ...cross,
      input_ids: int64([40 + step], [1, 1]),
      encoder_hidden_states: placeholder,
      encoder_attention_mask: mask,
      use_cache_branch: new ort.Tensor('bool', [true], [1]),
    };
    const start = performance.now();
    outputs = await session.run(stepFeeds, ['logits', ...selfPresents, ...mapNames]);
    record(outputs);
    times.push(performance.now() - start);
  }
  return median(times);
}

const plain = await open(plainDir);
const mapped = await open(mapsDir);
const variants = { plain: () => steadyStep(plain, false), unasked: () => steadyStep(mapped, false), maps: () => steadyStep(mapped, true) };
const samples = { plain: [], unasked: [], maps: [] };
for (const run of Object.values(variants)) await run(); // warm-up
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, run] of Object.entries(variants)) samples[name].push(await run());
}
const result = Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]));
// Per-round ratios cancel load that drifts between rounds: the three variants of a round ran back to back.
const paired = (a, b) => median(samples[a].map((value, round) => value / samples[b][round]));
const perStepBytes = { headsAveraged: mapped.layers * mapped.keys * 4, perHead: mapped.layers * mapped.heads * mapped.keys * 4 };
console.log(
  JSON.stringify(
    {
      plainDir,
      mapsDir,
      steps: STEPS,
      rounds: ROUNDS,
      medianStepMs: result,
      pairedRatios: { unaskedOverPlain: paired('unasked', 'plain'), mapsOverPlain: paired('maps', 'plain'), mapsOverUnasked: paired('maps', 'unasked') },
      perStepBytes,
    },
    null,
    1,
  ),
);
