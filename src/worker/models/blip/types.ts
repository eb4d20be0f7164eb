/** The public contract of the BLIP engine (captioning and visual question answering). */
import type { BlipEncodeResult, BlipFacts, BlipRun, MapsDelta } from '../../../shared/protocol';
import type { LoadedEngine } from '../engine';
import type { GenerationOptions, TextDelta } from './generation';

export interface BlipImage {
  /** Content hash: the vision encoder's output is cached under it. */
  key: string;
  width: number;
  height: number;
  /** RGBA, 8 bits per channel, alpha already composited. */
  data: Uint8ClampedArray | Uint8Array;
}

export interface RunHooks {
  /** Checked between decode steps; an abort resolves the run with finishReason 'aborted'. */
  signal?: AbortSignal;
  /** Streamed text: drop `delta.rewind` characters, then append `delta.text`; with the words' maps when asked for. */
  onText?(delta: TextDelta, generatedTokens: number, maps?: MapsDelta): void;
}

export interface CaptionRequest {
  /** Conditional captioning: the caption continues this text (HF includes it in the output). */
  prompt?: string;
  generation?: Partial<GenerationOptions>;
  /** Also return the cross-attention maps (exports with cross_attentions.* outputs; attention-maps.ts). */
  attentionMaps?: boolean;
}

export interface AnswerRequest {
  question: string;
  generation?: Partial<GenerationOptions>;
  attentionMaps?: boolean;
}

export interface BlipEngine extends LoadedEngine {
  readonly facts: BlipFacts;
  caption(image: BlipImage, request: CaptionRequest, hooks?: RunHooks): Promise<BlipRun>;
  /** VQA engines only; a captioning engine throws an AppError ('bad-request'). */
  answer(image: BlipImage, request: AnswerRequest, hooks?: RunHooks): Promise<BlipRun>;
  /** Encodes the images' vision states into the engine's cache, in batches (Caption all); stops between batches on abort. */
  encodeImages(images: readonly BlipImage[], signal?: AbortSignal): Promise<BlipEncodeResult>;
}

export type { BlipFacts, BlipRun, BlipSpecialIds, BlipTimings, MapsDelta } from '../../../shared/protocol';
