/**
 * The two encoders in front of the decoder: the vision model (once per image, cached by the image's
 * content key) and, for VQA, the question encoder that cross-attends to the image states.
 */
import { runExclusive } from '../../runtime/exclusive';
import type { OrtSession, OrtTensor } from '../../runtime/ort-env';
import { preprocessImage, type PreprocessorConfig } from '../image-preprocess';
import { LruCache } from '../lru-cache';
import { convertStates, floatToHalf, inputFloatType, int64Tensor, onesMask, toHostStates, type HostStates, type TensorCtor } from './tensors';
import type { BlipImage } from './types';

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
    let preprocessMs = 0;
    let visionMs = 0;
    const pending = (async () => {
      const start = performance.now();
      const pixels = preprocessImage(image, this.preprocessor);
      const type = inputFloatType(this.session, 'pixel_values');
      const input =
        type === 'float16'
          ? new this.Tensor('float16', Uint16Array.from(pixels.data, floatToHalf), pixels.dims)
          : new this.Tensor('float32', pixels.data, pixels.dims);
      preprocessMs = performance.now() - start;
      const outputs = await runExclusive(() => this.session.run({ pixel_values: input }, [this.output]));
      visionMs = performance.now() - start - preprocessMs;
      return toHostStates(outputs[this.output] as OrtTensor, `The vision model output ${this.output}`);
    })();
    this.cache.set(image.key, pending);
    try {
      return { states: await pending, cached: false, preprocessMs, visionMs };
    } catch (error) {
      if (this.cache.get(image.key) === pending) this.cache.delete(image.key);
      throw error;
    }
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
