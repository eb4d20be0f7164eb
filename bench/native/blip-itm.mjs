/**
 * BLIP retrieval (issue 15) on onnxruntime-node, fed as the app's src/worker/models/blip-itm/itm-engine.ts
 * feeds it: labels in batches of 8 padded to the longest row (one row a run when the graph quantizes
 * activations at run time, DynamicQuantizeLinear, whose scale would span the batch), the image's
 * last_hidden_state repeated per row with an all-ones encoder mask, and one ITM pass per re-ranked image.
 */
import { ort } from './ort-runtime.mjs';

const LABEL_BATCH = 8;
export const ITM_GRAPHS = ['vision_model', 'text_model', 'itm_model'];

/** The app reads the graph's nodes; the op type is a plain string in the protobuf, so the bytes tell as well. */
export function rowsPerRun(bytes) {
  return Buffer.from(bytes).includes('DynamicQuantizeLinear') ? 1 : LABEL_BATCH;
}

function chunks(values, size) {
  return Array.from({ length: Math.ceil(values.length / size) }, (_, i) => values.slice(i * size, (i + 1) * size));
}

function textFeeds(chunk, pad) {
  const width = Math.max(...chunk.map((row) => row.length));
  const ids = new BigInt64Array(chunk.length * width).fill(BigInt(pad));
  const mask = new BigInt64Array(chunk.length * width);
  chunk.forEach((row, r) =>
    row.forEach((id, c) => {
      ids[r * width + c] = BigInt(id);
      mask[r * width + c] = 1n;
    }),
  );
  return { input_ids: new ort.Tensor('int64', ids, [chunk.length, width]), attention_mask: new ort.Tensor('int64', mask, [chunk.length, width]) };
}

function imageFeeds(states, count) {
  const [, tokens, width] = states.dims;
  const data = new Float32Array(count * tokens * width);
  for (let row = 0; row < count; row++) data.set(states.data, row * tokens * width);
  return {
    encoder_hidden_states: new ort.Tensor('float32', data, [count, tokens, width]),
    encoder_attention_mask: new ort.Tensor('int64', new BigInt64Array(count * tokens).fill(1n), [count, tokens]),
  };
}

async function itcTexts(model, ids) {
  for (const chunk of chunks(ids, model.rows.text_model)) await model.sessions.text_model.run(textFeeds(chunk, model.pad), ['text_embeds']);
}

async function itmPasses(model, ids, states) {
  for (const chunk of chunks(ids, model.rows.itm_model))
    await model.sessions.itm_model.run({ ...textFeeds(chunk, model.pad), ...imageFeeds(states, chunk.length) }, ['itm_logits']);
}

async function imageStates(model, input) {
  return (await model.sessions.vision_model.run({ pixel_values: input }, ['last_hidden_state'])).last_hidden_state;
}

/**
 * `model`: { tokenizer, sessions, rows: { text_model, itm_model }, pad }; `h`: the caller's helpers
 * (pixels, repeat, time, stat) so that inputs and statistics are those of every other row.
 */
export async function itmMetrics(model, config, h) {
  const { inputs, sizes } = config;
  const labelIds = (i) => inputs.labelSets[1 + i].map((label) => model.tokenizer.encode(inputs.template.replace('{}', label)));
  const itc = await h.repeat(async (i) => {
    const ids = labelIds(i);
    return (await h.time(() => itcTexts(model, ids))) / ids.length;
  });
  const pairs = await h.repeat(async (i) => {
    const ids = labelIds(i);
    const states = await imageStates(model, h.pixels(1, sizes.itm));
    return (await h.time(() => itmPasses(model, ids, states))) / ids.length;
  });
  const rerank = await h.repeat(async (i) => {
    const ids = [model.tokenizer.encode(inputs.queries[i])];
    const states = [];
    for (let image = 0; image < config.itmRerank; image++) states.push(await imageStates(model, h.pixels(1, sizes.itm)));
    return h.time(async () => {
      for (const image of states) await itmPasses(model, ids, image);
    });
  });
  return { 'itm.itc_label': h.stat(itc), 'itm.itm_pair': h.stat(pairs), 'itm.rerank10': h.stat(rerank) };
}
