/**
 * The two encoders in front of the decoder: the vision model (once per image, cached by the image's
 * content key) and, for VQA, the question encoder that cross-attends to the image states.
 */
import type { BlipEncodeResult } from '../../../shared/protocol';
import { runExclusive } from '../../runtime/exclusive';
import type { OrtSession, OrtTensor } from '../../runtime/ort-env';
import type { PreprocessorConfig } from '../image-preprocess';
import { LruCache } from '../lru-cache';
import { convertStates, inputFloatType, int64Tensor, onesMask, toHostStates, type HostStates, type TensorCtor } from './tensors';
import type { BlipImage } from './types';
import { runVisionBatch, type VisionBatchRun } from './vision-batch';

/** A handful of images: a few MB each for BLIP base (577 × 768 floats), enough to go back and forth. */
export const VISION_CACHE_ENTRIES = 6;

export interface VisionOutcome {
  states: HostStates;
  cached: boolean;
  preprocessMs: number;
  visionMs: number;
}

export class VisionEncoder {
  /** Promises, so two calls for the same image share one encoding. */
  private readonly cache = new LruCache<string, Promise<HostStates>>(VISION_CACHE_ENTRIES);

  constructor(
    private readonly Tensor: TensorCtor,
    private readonly session: OrtSession,
    private readonly preprocessor: PreprocessorConfig,
    /** The output with the image states (encoder-io.ts). */
    private readonly output = 'last_hidden_state',
  ) {}

  async encode(image: BlipImage): Promise<VisionOutcome> {
    const hit = this.cache.get(image.key);
    if (hit) {
      const start = performance.now();
      const states = await hit;
      return { states, cached: true, preprocessMs: 0, visionMs: performance.now() - start };
    }
    const run = this.run([image]);
    const pending = run.then(({ states: [states] }) => states as HostStates);
    this.cache.set(image.key, pending);
    try {
      const [{ preprocessMs, visionMs }, states] = await Promise.all([run, pending]);
      return { states, cached: false, preprocessMs, visionMs };
    } catch (error) {
      if (this.cache.get(image.key) === pending) this.cache.delete(image.key);
      throw error;
    }
  }

  /**
   * Encodes the images not cached yet into the cache, `batchSize` images a run (Caption all). Only
   * the last VISION_CACHE_ENTRIES stay cached, so a caller that captions them next asks for no more.
   */
  async encodeMany(images: readonly BlipImage[], batchSize: number, signal?: AbortSignal): Promise<BlipEncodeResult> {
    const missing = [...new Map(images.map((image) => [image.key, image])).values()].filter((image) => !this.cache.has(image.key));
    const outcome: BlipEncodeResult = { encoded: 0, cached: images.length - missing.length, batches: 0, preprocessMs: 0, visionMs: 0 };
    for (let start = 0; start < missing.length && !signal?.aborted; start += batchSize) {
      const batch = missing.slice(start, start + batchSize);
      const run = this.run(batch);
      const entries = batch.map((image, index) => [image.key, run.then(({ states }) => states[index] as HostStates)] as const);
      for (const [key, pending] of entries) {
        this.cache.set(key, pending);
        // A failed batch rejects here and below; only a caption that awaits the entry should see it.
        pending.catch(() => undefined);
      }
      try {
        const { preprocessMs, visionMs } = await run;
        Object.assign(outcome, {
          encoded: outcome.encoded + batch.length,
          batches: outcome.batches + 1,
          preprocessMs: outcome.preprocessMs + preprocessMs,
          visionMs: outcome.visionMs + visionMs,
        });
      } catch (error) {
        for (const [key, pending] of entries) if (this.cache.get(key) === pending) this.cache.delete(key);
        throw error;
      }
    }
    return outcome;
  }

  private run(images: readonly BlipImage[]): Promise<VisionBatchRun> {
    return runVisionBatch(this.Tensor, this.session, this.preprocessor, this.output, images);
  }

  clear(): void {
    this.cache.clear();
  }
}

/** BlipForQuestionAnswering: `[CLS] question [SEP]` unchanged, all-ones masks, image states as encoder input. */
export async function encodeQuestion(
  Tensor: TensorCtor,
  session: OrtSession,
  questionIds: readonly number[],
  image: HostStates,
  output = 'last_hidden_state',
): Promise<HostStates> {
  const outputs = await runExclusive(() => session.run(questionFeeds(Tensor, session, questionIds, image), [output]));
  return toHostStates(outputs[output] as OrtTensor, `The question encoder output ${output}`);
}

/** The question encoder's inputs, limited to the ones this export declares. */
export function questionFeeds(Tensor: TensorCtor, session: OrtSession, questionIds: readonly number[], image: HostStates): Record<string, OrtTensor> {
  const states = convertStates(image, inputFloatType(session, 'encoder_hidden_states'));
  const [, tokens, hidden] = states.dims;
  const feeds: Record<string, OrtTensor> = {
    input_ids: int64Tensor(Tensor, [questionIds]),
    attention_mask: onesMask(Tensor, 1, questionIds.length),
    encoder_hidden_states:
      states.type === 'float16'
        ? new Tensor('float16', states.data as Uint16Array, [1, tokens, hidden])
        : new Tensor('float32', states.data as Float32Array, [1, tokens, hidden]),
    encoder_attention_mask: onesMask(Tensor, 1, tokens),
  };
  return Object.fromEntries(Object.entries(feeds).filter(([name]) => session.inputNames.includes(name)));
}
