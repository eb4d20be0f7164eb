/**
 * BLIP as a retrieval model (task `itm`, BlipForImageTextRetrieval): ITC embeddings (unimodal text and
 * image towers projected to the joint space, compared by cosine like CLIP) and the ITM head (the text read
 * with cross-attention to the image, 2 logits). Search is BLIP's two-stage retrieval (arXiv 2201.12086 §4):
 * a cheap first stage (ITC, or CLIP's ranking) picks the top-k, ITM re-ranks only those.
 *
 * Batch independence: fp32/fp16 graphs give a label the same score alone or inside a padded batch, but
 * ORT's dynamic int8 quantization picks one activation scale per tensor, i.e. over the whole batch, so
 * graphs with DynamicQuantizeLinear (q8) score one row at a time (measured in tools/tests/test_itm.py).
 */
import { AppError } from '../../../shared/errors';
import type { ItmTimings } from '../../../shared/protocol';
import { cosineSimilarity, softmax } from '../../../shared/math';
import { runExclusive } from '../../runtime/exclusive';
import type { OrtTensor } from '../../runtime/ort-env';
import { loadBlipTokenizer, type BlipTokenizer } from '../blip/blip-tokenizer';
import {
  convertStates,
  expandRows,
  floatToHalf,
  halfToFloat,
  inputFloatType,
  onesMask,
  toHostStates,
  type HostStates,
  type TensorCtor,
} from '../blip/tensors';
import type { BlipImage } from '../blip/types';
import { validatePreprocessorConfig, validateVisionConfig } from '../config-validation';
import { readJson, type EngineContext, type LoadedEngine } from '../engine';
import { preprocessImage, type PreprocessorConfig } from '../image-preprocess';
import { LruCache } from '../lru-cache';
import { createSessionBundle, type SessionBundle } from '../session-bundle';

export interface ItmLabelScores {
  itcCosine: number[];
  /** softmax(logitScale × cosine) over the labels: BLIP's own temperature, not CLIP's. */
  itcProbs: number[];
  itmLogits: [number, number][];
  /** softmax of the ITM logits, index 1 ("match"): an absolute yes/no per label, not a distribution over them. */
  itmProb: number[];
  timings: ItmTimings;
}

export interface ItmSearchResult {
  itcCosine: number[];
  /** Image indices, best first, of the first stage (ITC, or the order the caller gave). */
  firstStage: number[];
  /** The first stage's top-k re-ranked by ITM match probability. */
  reranked: number[];
  /** ITM match probability of the re-ranked images (by image index; undefined outside the top-k). */
  itmProb: (number | undefined)[];
  timings: ItmTimings;
}

export interface ItmEngine extends LoadedEngine {
  readonly logitScale: number;
  scoreLabels(image: BlipImage, texts: readonly string[]): Promise<ItmLabelScores>;
  search(images: readonly BlipImage[], query: string, topK: number, firstStage?: readonly number[]): Promise<ItmSearchResult>;
}

interface ImageOutputs {
  embed: Float32Array;
  states: HostStates;
}

const LABEL_BATCH = 8;
const IMAGE_CACHE_ENTRIES = 64;

export async function createItmEngine(context: EngineContext): Promise<ItmEngine> {
  const config = readJson<{ logit_scale?: number; text_config?: { pad_token_id?: number } }>(context, 'config.json');
  validateVisionConfig(config);
  if (typeof config.logit_scale !== 'number') {
    throw new AppError({
      code: 'model-load-failed',
      message: `${context.spec.displayName} has no "logit_scale" in config.json, so BLIP's ITC softmax has no temperature.`,
      action: 'Export the model with `python -m tools.export --task itm`, which writes it.',
    });
  }
  const preprocessor = validatePreprocessorConfig(readJson<unknown>(context, 'preprocessor_config.json'));
  const tokenizer = await loadBlipTokenizer(context);
  const bundle = await createSessionBundle(context);
  return new OnnxItmEngine(context.ort.Tensor, bundle, preprocessor, tokenizer, {
    logitScale: Math.exp(config.logit_scale),
    pad: config.text_config?.pad_token_id ?? tokenizer.specials.pad ?? 0,
  });
}

class OnnxItmEngine implements ItmEngine {
  readonly logitScale: number;
  private readonly images = new LruCache<string, Promise<ImageOutputs>>(IMAGE_CACHE_ENTRIES);

  constructor(
    private readonly Tensor: TensorCtor,
    private readonly bundle: SessionBundle,
    private readonly preprocessor: PreprocessorConfig,
    private readonly tokenizer: BlipTokenizer,
    private readonly options: { logitScale: number; pad: number },
  ) {
    this.logitScale = options.logitScale;
  }

  sessions() {
    return this.bundle.sessions();
  }

  async dispose(): Promise<void> {
    this.images.clear();
    await this.bundle.dispose();
  }

  async scoreLabels(image: BlipImage, texts: readonly string[]): Promise<ItmLabelScores> {
    const timings: ItmTimings = { visionMs: 0, itcMs: 0, itmMs: 0, cachedImages: 0 };
    const { embed, states } = await this.encodeImage(image, timings);
    const ids = texts.map((text) => this.tokenizer.encode(text));
    let start = performance.now();
    const textEmbeds = await this.textEmbeddings(ids);
    timings.itcMs = performance.now() - start;
    start = performance.now();
    const itmLogits = await this.itmLogits(ids, states);
    timings.itmMs = performance.now() - start;
    const itcCosine = textEmbeds.map((text) => cosineSimilarity(embed, text));
    return {
      itcCosine,
      itcProbs: Array.from(softmax(itcCosine.map((c) => this.logitScale * c))),
      itmLogits,
      itmProb: itmLogits.map(matchProbability),
      timings,
    };
  }

  async search(images: readonly BlipImage[], query: string, topK: number, firstStage?: readonly number[]): Promise<ItmSearchResult> {
    const timings: ItmTimings = { visionMs: 0, itcMs: 0, itmMs: 0, cachedImages: 0 };
    const outputs: ImageOutputs[] = [];
    for (const image of images) outputs.push(await this.encodeImage(image, timings));
    const ids = this.tokenizer.encode(query);
    let start = performance.now();
    const [text] = await this.textEmbeddings([ids]);
    const itcCosine = outputs.map((out) => cosineSimilarity(out.embed, text!));
    timings.itcMs = performance.now() - start;
    const order = firstStage ? [...firstStage] : stableOrder(itcCosine);
    const top = order.slice(0, Math.max(0, topK));
    const itmProb: (number | undefined)[] = images.map(() => undefined);
    start = performance.now();
    for (const index of top) itmProb[index] = matchProbability((await this.itmLogits([ids], outputs[index]!.states))[0]!);
    timings.itmMs = performance.now() - start;
    const reranked = [...top].sort((a, b) => (itmProb[b] ?? 0) - (itmProb[a] ?? 0));
    return { itcCosine, firstStage: order, reranked, itmProb, timings };
  }

  private async encodeImage(image: BlipImage, timings: ItmTimings): Promise<ImageOutputs> {
    const start = performance.now();
    let pending = this.images.get(image.key);
    if (pending) timings.cachedImages++;
    else {
      pending = this.runVision(image);
      this.images.set(image.key, pending);
      pending.catch(() => this.images.get(image.key) === pending && this.images.delete(image.key));
    }
    const outputs = await pending;
    timings.visionMs += performance.now() - start;
    return outputs;
  }

  private async runVision(image: BlipImage): Promise<ImageOutputs> {
    const session = this.bundle.session('vision_model');
    const pixels = preprocessImage(image, this.preprocessor);
    const input =
      inputFloatType(session, 'pixel_values') === 'float16'
        ? new this.Tensor('float16', Uint16Array.from(pixels.data, floatToHalf), pixels.dims)
        : new this.Tensor('float32', pixels.data, pixels.dims);
    const out = await runExclusive(() => session.run({ pixel_values: input }, ['image_embeds', 'last_hidden_state']));
    return {
      embed: rows(out.image_embeds!)[0]!,
      states: toHostStates(out.last_hidden_state!, 'The BLIP retrieval vision output last_hidden_state'),
    };
  }

  /** Graphs that quantize activations at run time score one row a run (see the file comment). */
  private batchSize(session: string): number {
    return this.bundle.dynamicallyQuantized(session) ? 1 : LABEL_BATCH;
  }

  /** ITC text embeddings (not normalised), in batches padded to their longest row. */
  private async textEmbeddings(ids: readonly number[][]): Promise<Float32Array[]> {
    const session = this.bundle.session('text_model');
    const result: Float32Array[] = [];
    for (const chunk of chunks(ids, this.batchSize('text_model'))) {
      const feeds = this.textFeeds(chunk);
      const out = await runExclusive(() => session.run(feeds, ['text_embeds']));
      result.push(...rows(out.text_embeds!));
    }
    return result;
  }

  /** ITM logits of each text against one image's states. */
  private async itmLogits(ids: readonly number[][], states: HostStates): Promise<[number, number][]> {
    const session = this.bundle.session('itm_model');
    const tokens = states.dims[1];
    const host = convertStates(states, inputFloatType(session, 'encoder_hidden_states'));
    const result: [number, number][] = [];
    for (const chunk of chunks(ids, this.batchSize('itm_model'))) {
      const feeds: Record<string, OrtTensor> = {
        ...this.textFeeds(chunk),
        encoder_hidden_states: expandRows(this.Tensor, host, chunk.length),
        encoder_attention_mask: onesMask(this.Tensor, chunk.length, tokens),
      };
      const out = await runExclusive(() => session.run(feeds, ['itm_logits']));
      result.push(...rows(out.itm_logits!).map((row): [number, number] => [row[0]!, row[1]!]));
    }
    return result;
  }

  private textFeeds(chunk: readonly number[][]): Record<string, OrtTensor> {
    const width = Math.max(...chunk.map((row) => row.length));
    const ids = new BigInt64Array(chunk.length * width).fill(BigInt(this.options.pad));
    const mask = new BigInt64Array(chunk.length * width);
    chunk.forEach((row, r) =>
      row.forEach((id, c) => {
        ids[r * width + c] = BigInt(id);
        mask[r * width + c] = 1n;
      }),
    );
    return {
      input_ids: new this.Tensor('int64', ids, [chunk.length, width]),
      attention_mask: new this.Tensor('int64', mask, [chunk.length, width]),
    };
  }
}

function matchProbability(logits: readonly [number, number]): number {
  return softmax(logits)[1]!;
}

/** Indices by value, best first; ties keep input order (as the golden's stable argsort). */
function stableOrder(values: readonly number[]): number[] {
  return values.map((_, i) => i).sort((a, b) => values[b]! - values[a]! || a - b);
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** A [rows, d] float output as float32 rows (float16 outputs decoded). */
function rows(tensor: OrtTensor): Float32Array[] {
  const [count, width] = tensor.dims as [number, number];
  const data = tensor.data as Float32Array | Uint16Array;
  const decode = data instanceof Uint16Array ? (i: number) => halfToFloat(data[i]!) : (i: number) => data[i]!;
  return Array.from({ length: count }, (_, r) => Float32Array.from({ length: width }, (_, c) => decode(r * width + c)));
}
