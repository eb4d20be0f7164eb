/** One decoding run: generate over a fresh step model, streaming text (and maps), collecting timings. */
import { MapsStream, runMaps, type StepMaps } from './attention-maps';
import type { BlipTokenizer } from './blip-tokenizer';
import type { DecoderStepModel } from './decoder-model';
import { generate, TextStreamer, type GenerationOptions, type TextDelta } from './generation';
import type { BlipRun, BlipTimings, MapsDelta, RunHooks } from './types';

export interface EncodeTimings {
  preprocessMs: number;
  visionMs: number;
  visionCached: boolean;
  questionMs?: number;
}

export interface DecodeInput {
  /** performance.now() when the request started. */
  started: number;
  tokenizer: BlipTokenizer;
  promptIds: number[];
  options: GenerationOptions;
  model: DecoderStepModel;
  crossLayers: number;
  encodeTimings: EncodeTimings;
  hooks: RunHooks;
  /** Attention maps asked for: what the step model records (VQA: plus the question's own maps). */
  maps?: { steps: StepMaps; question?: number[][][] };
}

export async function decodeRun(input: DecodeInput): Promise<BlipRun> {
  const { tokenizer, promptIds, model, hooks } = input;
  // HF's decoded output includes a caption prompt's words, so the stream does too.
  const streamer = new TextStreamer((ids) => tokenizer.decode([...promptIds, ...ids]));
  const word = (id: number) => tokenizer.decode([id]);
  const mapsStream = input.maps && new MapsStream(input.maps.steps, word, input.maps.question);
  const emit = (delta: TextDelta, tokens: number, maps?: MapsDelta): void => {
    if (delta.rewind > 0 || delta.text.length > 0 || maps) hooks.onText?.(delta, tokens, maps);
  };
  let firstTokenMs = 0;
  try {
    const result = await generate(model, promptIds, input.options, {
      ...(hooks.signal ? { signal: hooks.signal } : {}),
      onStep: (event) => {
        if (event.step === 1) firstTokenMs = performance.now() - input.started;
        if (hooks.onText) emit(streamer.set(event.generated), event.generated.length, mapsStream?.next(event.generated, event.rows));
      },
    });
    const sequence = result.sequences[0] ?? [...promptIds];
    // Ending on the returned sequence (padding included) makes the streamed text equal `text` exactly.
    if (hooks.onText) emit(streamer.end(sequence.slice(promptIds.length)), result.tokens.length);
    const timings: BlipTimings = {
      ...input.encodeTimings,
      firstTokenMs,
      stepMs: result.timings.forwardMs,
      totalMs: performance.now() - input.started,
    };
    return {
      text: tokenizer.decode(sequence),
      sequence,
      promptIds,
      finishReason: result.finishReason,
      timings,
      crossAttention: { layers: input.crossLayers, keyLength: model.crossLength },
      ...(input.maps ? { attentionMaps: runMaps(input.maps.steps, result.tokens, result.rows, word, input.maps.question) } : {}),
    };
  } finally {
    model.dispose();
  }
}

/** A run that stopped before decoding started (the signal was already aborted). */
export function abortedBeforeStart(tokenizer: BlipTokenizer, promptIds: number[], started: number, crossLayers: number, timings: EncodeTimings): BlipRun {
  return {
    text: tokenizer.decode(promptIds),
    sequence: [...promptIds],
    promptIds,
    finishReason: 'aborted',
    timings: { ...timings, firstTokenMs: 0, stepMs: [], totalMs: performance.now() - started },
    crossAttention: { layers: crossLayers, keyLength: 0 },
  };
}
