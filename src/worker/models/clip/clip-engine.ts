/**
 * CLIP with its split text and vision encoders, so images and texts are
 * embedded independently — which is the whole point of a dual encoder.
 * Sessions are ours (one session factory for every model: backend choice,
 * fallback, the inference queue); transformers.js supplies the tokenizer and
 * our PIL-exact preprocessing the pixels. Embeddings are L2-normalised and
 * cached: images by content hash, texts by the exact prompt string.
 */
import { l2Normalize } from '../../../shared/math';
import type { ClipFacts, SessionInfo, TextCut } from '../../../shared/protocol';
import { runExclusive } from '../../runtime/exclusive';
import type { Ort } from '../../runtime/ort-env';
import { loadTransformers, provideFiles, type Transformers } from '../../runtime/transformers-env';
import { validatePreprocessorConfig, validateVisionConfig } from '../config-validation';
import { readJson, type EngineContext, type LoadedEngine } from '../engine';
import { preprocessImage, type PreprocessorConfig, type RgbaImage } from '../image-preprocess';
import { LruCache } from '../lru-cache';
import { createSessionBundle, type SessionBundle } from '../session-bundle';
import { clipFacts, type ClipConfig } from './clip-config';
import { buildTextBatch, textTokenLimit } from './clip-text-batch';

export interface ClipImage extends RgbaImage {
  key: string;
}

export interface EmbedOutcome {
  /** Unit-length embeddings, in input order. */
  embeddings: Float32Array[];
  encoded: number;
  cached: number;
  batches: number;
  ms: number;
}

export interface TextEmbedOutcome extends EmbedOutcome {
  /** For each text cut to the model's limit, how it was cut; undefined for the others. */
  cuts: (TextCut | undefined)[];
}

export interface ClipEngine extends LoadedEngine {
  readonly facts: ClipFacts;
  embedImages(images: readonly ClipImage[], signal?: AbortSignal): Promise<EmbedOutcome>;
  embedTexts(texts: readonly string[], signal?: AbortSignal): Promise<TextEmbedOutcome>;
  /** Issue 14: cosine of each projected patch token with the text's embedding; null when the export has no patch_embeds output. */
  patchCosines(image: ClipImage, text: string): Promise<number[] | null>;
}

/** The vision graph's optional projected patch tokens (`python -m tools.export --attention-maps`). */
const PATCH_OUTPUT = 'patch_embeds';
const IMAGE_BATCH = 8;
const TEXT_BATCH = 32;
const IMAGE_CACHE_ENTRIES = 2048;
const TEXT_CACHE_ENTRIES = 4096;

type Tokenizer = Awaited<ReturnType<Transformers['AutoTokenizer']['from_pretrained']>>;

export async function createClipEngine(context: EngineContext): Promise<ClipEngine> {
  const config = readJson<ClipConfig>(context, 'config.json');
  validateVisionConfig(config);
  const preprocessor = validatePreprocessorConfig(readJson<unknown>(context, 'preprocessor_config.json'));
  const tokenizer = await loadTokenizer(context);
  const textLimit = textTokenLimit(tokenizer.model_max_length, config.text_config?.max_position_embeddings);
  const sessions = await createSessionBundle(context);
  return new ClipSessions(context.ort, tokenizer, textLimit, sessions, preprocessor, clipFacts(config, context.spec.quirks));
}

export async function loadTokenizer(context: EngineContext): Promise<Tokenizer> {
  const transformers = await loadTransformers();
  const provided = provideFiles([...context.files.values()].filter((file) => file.path.endsWith('.json')));
  try {
    return await transformers.AutoTokenizer.from_pretrained(provided.modelId);
  } finally {
    provided.release();
  }
}

class ClipSessions implements ClipEngine {
  private readonly imageCache = new LruCache<string, Float32Array>(IMAGE_CACHE_ENTRIES);
  private readonly textCache = new LruCache<string, Float32Array>(TEXT_CACHE_ENTRIES);
  private readonly tokenCounts = new LruCache<string, number>(TEXT_CACHE_ENTRIES);

  constructor(
    private readonly ort: Ort,
    private readonly tokenizer: Tokenizer,
    private readonly textLimit: number,
    private readonly sessions_: SessionBundle,
    private readonly preprocessor: PreprocessorConfig,
    readonly facts: ClipFacts,
  ) {}

  embedImages(images: readonly ClipImage[], signal?: AbortSignal): Promise<EmbedOutcome> {
    return this.embed(
      images,
      (image) => image.key,
      this.imageCache,
      this.batchSize('vision_model', IMAGE_BATCH),
      signal,
      (batch) => this.runVision(batch),
    );
  }

  async embedTexts(texts: readonly string[], signal?: AbortSignal): Promise<TextEmbedOutcome> {
    const outcome = await this.embed(
      texts,
      (value) => value,
      this.textCache,
      this.batchSize('text_model', TEXT_BATCH),
      signal,
      (batch) => this.runText(batch),
    );
    const cuts = texts.map((text) => {
      const tokens = this.tokenCounts.get(text) ?? this.tokenizer.encode(text).length;
      return tokens > this.textLimit ? { tokens, limit: this.textLimit } : undefined;
    });
    return { ...outcome, cuts };
  }

  /**
   * Dynamic quantization scales a whole activation tensor at once, padding rows included, so a
   * batched label's score moved by ~1e-2 with its neighbours (issue 17): such graphs get one row a run.
   */
  private batchSize(session: string, batched: number): number {
    return this.sessions_.dynamicallyQuantized(session) ? 1 : batched;
  }

  sessions(): SessionInfo[] {
    return this.sessions_.sessions();
  }

  async dispose(): Promise<void> {
    this.imageCache.clear();
    this.textCache.clear();
    this.tokenCounts.clear();
    await this.sessions_.dispose();
  }

  /** Looks each item up in the cache and encodes only the misses, in batches. */
  private async embed<T>(
    items: readonly T[],
    keyOf: (item: T) => string,
    cache: LruCache<string, Float32Array>,
    batchSize: number,
    signal: AbortSignal | undefined,
    run: (batch: T[]) => Promise<Float32Array[]>,
  ): Promise<EmbedOutcome> {
    const started = performance.now();
    const found = items.map((item) => cache.get(keyOf(item)));
    const missing = [...new Map(items.filter((_, index) => !found[index]).map((item) => [keyOf(item), item])).values()];
    let batches = 0;
    for (let start = 0; start < missing.length; start += batchSize) {
      signal?.throwIfAborted();
      const batch = missing.slice(start, start + batchSize);
      const embeddings = await run(batch);
      batch.forEach((item, index) => cache.set(keyOf(item), embeddings[index] as Float32Array));
      batches += 1;
    }
    const embeddings = items.map((item, index) => found[index] ?? (cache.get(keyOf(item)) as Float32Array));
    return {
      embeddings,
      encoded: missing.length,
      cached: items.length - missing.length,
      batches,
      ms: performance.now() - started,
    };
  }

  async patchCosines(image: ClipImage, text: string): Promise<number[] | null> {
    const session = this.sessions_.session('vision_model');
    if (!session.outputNames.includes(PATCH_OUTPUT)) return null;
    const [unitText] = (await this.embedTexts([text])).embeddings;
    const pixels = preprocessImage(image, this.preprocessor);
    const input = new this.ort.Tensor('float32', pixels.data, [...pixels.dims]);
    const output = await runExclusive(() => session.run({ pixel_values: input }, [PATCH_OUTPUT]));
    input.dispose();
    const patches = output[PATCH_OUTPUT] as unknown as TensorLike;
    const [, count = 0, width = 0] = patches.dims;
    // splitRows wants [rows, width]: the patches of the one image are its rows.
    return splitRows({ dims: [count, width], data: patches.data }).map((unit) => unit.reduce((sum, value, i) => sum + value * (unitText?.[i] ?? 0), 0));
  }

  private async runVision(batch: readonly ClipImage[]): Promise<Float32Array[]> {
    const pixels = batch.map((image) => preprocessImage(image, this.preprocessor));
    const [, channels, height, width] = pixels[0]?.dims ?? [1, 3, 0, 0];
    const data = new Float32Array(batch.length * channels * height * width);
    pixels.forEach((pixel, index) => data.set(pixel.data, index * pixel.data.length));
    const input = new this.ort.Tensor('float32', data, [batch.length, channels, height, width]);
    const session = this.sessions_.session('vision_model');
    const output = await runExclusive(() => session.run({ pixel_values: input }, ['image_embeds']));
    input.dispose();
    return splitRows(output.image_embeds as unknown as TensorLike);
  }

  private async runText(batch: readonly string[]): Promise<Float32Array[]> {
    const encoded = batch.map((text) => this.tokenizer.encode(text));
    batch.forEach((text, index) => this.tokenCounts.set(text, encoded[index]?.length ?? 0));
    const { ids, mask } = buildTextBatch(encoded, this.textLimit, this.tokenizer.pad_token_id ?? 0);
    const session = this.sessions_.session('text_model');
    const feeds: Record<string, InstanceType<Ort['Tensor']>> = {
      input_ids: this.int64(ids),
      attention_mask: this.int64(mask),
    };
    const inputs = Object.fromEntries(Object.entries(feeds).filter(([name]) => session.inputNames.includes(name)));
    const output = await runExclusive(() => session.run(inputs, ['text_embeds']));
    Object.values(feeds).forEach((tensor) => tensor.dispose());
    return splitRows(output.text_embeds as unknown as TensorLike);
  }

  private int64(rows: readonly (readonly number[])[]): InstanceType<Ort['Tensor']> {
    return new this.ort.Tensor(
      'int64',
      BigInt64Array.from(rows.flat(), (value) => BigInt(value)),
      [rows.length, rows[0]?.length ?? 0],
    );
  }
}

interface TensorLike {
  dims: number[];
  data: ArrayLike<number>;
}

function splitRows(tensor: TensorLike): Float32Array[] {
  const [rows = 0, width = 0] = tensor.dims;
  const data = Float32Array.from(tensor.data);
  return Array.from({ length: rows }, (_, row) => l2Normalize(data.subarray(row * width, (row + 1) * width)));
}
