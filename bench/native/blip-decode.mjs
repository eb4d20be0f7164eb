/**
 * BLIP's merged decoder driven exactly as the app's worker drives it (src/worker/models/blip/
 * decoder-model.ts; contract in tools/README.md): the first step runs the no-cache branch on the
 * prompt and returns every layer's self- and cross-attention K/V; later steps feed one token per row,
 * the previous self K/V, the first step's cross K/V, a one-position zero placeholder for
 * `encoder_hidden_states` (that branch never reads it) and fetch only logits and self K/V.
 * Beam rows are reordered on the CPU, as the app's WASM path does. [SEP] is suppressed until the
 * last token (min = max new tokens, as in the browser runs), so every run generates exactly `tokens`.
 */
import { ort } from './ort-runtime.mjs';

const KINDS = ['decoder.key', 'decoder.value', 'encoder.key', 'encoder.value'];

/** @param {number} layers */
function names(layers, prefix, kinds) {
  return Array.from({ length: layers }, (_, layer) => kinds.map((kind) => `${prefix}.${layer}.${kind}`)).flat();
}

/** @param {number[][]} rows */
function int64(rows) {
  const width = rows[0].length;
  return new ort.Tensor(
    'int64',
    BigInt64Array.from(rows.flat(), (value) => BigInt(value)),
    [rows.length, width],
  );
}

function ones(rows, length) {
  return new ort.Tensor('int64', new BigInt64Array(rows * length).fill(1n), [rows, length]);
}

/** [1, L, H] → [rows, L, H] */
function expand(states, rows) {
  const [, length, hidden] = states.dims;
  const source = /** @type {Float32Array} */ (states.data);
  const data = new Float32Array(rows * length * hidden);
  for (let row = 0; row < rows; row++) data.set(source, row * length * hidden);
  return new ort.Tensor('float32', data, [rows, length, hidden]);
}

/** Last position of each row, copied out as the app does. */
function lastLogits(tensor, rows) {
  const [, length, vocab] = tensor.dims;
  const source = /** @type {Float32Array} */ (tensor.data);
  const out = new Float32Array(rows * vocab);
  for (let row = 0; row < rows; row++) out.set(source.subarray((row * length + length - 1) * vocab, (row * length + length) * vocab), row * vocab);
  return out;
}

function gatherRows(tensor, indices) {
  const rows = tensor.dims[0];
  const source = /** @type {Float32Array} */ (tensor.data);
  const size = source.length / rows;
  const out = new Float32Array(indices.length * size);
  indices.forEach((from, row) => out.set(source.subarray(from * size, (from + 1) * size), row * size));
  return new ort.Tensor('float32', out, [indices.length, ...tensor.dims.slice(1)]);
}

export class CachedDecoder {
  /**
   * @param {ort.InferenceSession} session the merged decoder
   * @param {{ layers: number; heads: number; headDim: number; sep: number }} shape
   * @param {ort.Tensor} encoder [1, E, hidden] states the decoder cross-attends to
   * @param {number} rows 1 (greedy) or the beam count
   */
  constructor(session, shape, encoder, rows) {
    this.session = session;
    this.shape = shape;
    this.rows = rows;
    this.inputs = new Set(session.inputNames);
    this.states = expand(encoder, rows);
    this.placeholder = new ort.Tensor('float32', new Float32Array(rows * encoder.dims[2]), [rows, 1, encoder.dims[2]]);
    this.mask = ones(rows, encoder.dims[1]);
    this.selfNames = names(shape.layers, 'present', KINDS.slice(0, 2));
    this.crossNames = names(shape.layers, 'present', KINDS.slice(2));
    /** @type {Record<string, ort.Tensor>} */
    this.past = {};
    this.stepMs = [];
  }

  /** One forward over `tokens` (one row each): returns the last logits [rows × V]. */
  async forward(tokens) {
    const start = performance.now();
    const first = Object.keys(this.past).length === 0;
    const feeds = { input_ids: int64(tokens) };
    if (this.inputs.has('encoder_hidden_states')) feeds.encoder_hidden_states = first ? this.states : this.placeholder;
    if (this.inputs.has('encoder_attention_mask')) feeds.encoder_attention_mask = this.mask;
    if (this.inputs.has('use_cache_branch')) feeds.use_cache_branch = new ort.Tensor('bool', new Uint8Array([first ? 0 : 1]), [1]);
    for (let layer = 0; layer < this.shape.layers; layer++) {
      for (const kind of KINDS) {
        const name = `past_key_values.${layer}.${kind}`;
        feeds[name] = first ? new ort.Tensor('float32', new Float32Array(0), [this.rows, this.shape.heads, 0, this.shape.headDim]) : this.past[name];
      }
    }
    const fetches = first ? ['logits', ...this.selfNames, ...this.crossNames] : ['logits', ...this.selfNames];
    const outputs = await this.session.run(feeds, fetches);
    for (const name of fetches.slice(1)) this.past[name.replace('present', 'past_key_values')] = outputs[name];
    const logits = lastLogits(outputs.logits, this.rows);
    this.stepMs.push(performance.now() - start);
    return logits;
  }

  /** Beam search: row i continues old row indices[i]; only self-attention K/V differ between rows. */
  reorder(indices) {
    if (indices.every((from, row) => from === row)) return;
    for (const name of Object.keys(this.past)) if (name.includes('.decoder.')) this.past[name] = gatherRows(this.past[name], indices);
  }
}

/** Greedy: `tokens` new tokens after `prompt`. */
export async function greedy(decoder, prompt, tokens) {
  const sequence = [...prompt];
  let input = [prompt];
  for (let step = 0; step < tokens; step++) {
    const logits = await decoder.forward(input);
    logits[decoder.shape.sep] = -Infinity;
    let best = 0;
    for (let i = 1; i < logits.length; i++) if (logits[i] > logits[best]) best = i;
    sequence.push(best);
    input = [[best]];
  }
  return sequence;
}

/** HF beam search with `beams` beams, no early finish ([SEP] suppressed), one returned sequence. */
export async function beamSearch(decoder, prompt, tokens, beams) {
  const vocab = decoder.shape.vocab;
  let sequences = Array.from({ length: beams }, () => [...prompt]);
  let scores = Array.from({ length: beams }, (_, beam) => (beam === 0 ? 0 : -1e9));
  let input = sequences.map((sequence) => [...sequence]);
  for (let step = 0; step < tokens; step++) {
    const logits = await decoder.forward(input);
    const candidates = [];
    for (let beam = 0; beam < beams; beam++) {
      const row = logits.subarray(beam * vocab, (beam + 1) * vocab);
      let max = -Infinity;
      for (let i = 0; i < vocab; i++) if (row[i] > max) max = row[i];
      let sum = 0;
      for (let i = 0; i < vocab; i++) sum += Math.exp(row[i] - max);
      const logSum = max + Math.log(sum);
      for (let i = 0; i < vocab; i++) {
        if (i === decoder.shape.sep) continue;
        const score = row[i] - logSum + scores[beam];
        if (candidates.length < 2 * beams || score > candidates[candidates.length - 1].score) {
          candidates.push({ score, beam, token: i });
          candidates.sort((a, b) => b.score - a.score);
          if (candidates.length > 2 * beams) candidates.pop();
        }
      }
    }
    const chosen = candidates.slice(0, beams);
    decoder.reorder(chosen.map((candidate) => candidate.beam));
    sequences = chosen.map((candidate) => [...sequences[candidate.beam], candidate.token]);
    scores = chosen.map((candidate) => candidate.score);
    input = chosen.map((candidate) => [candidate.token]);
  }
  return sequences[0];
}
