/** BLIP results, their facts and timings, and the decoding controls. */
import type { BlipAttentionMaps } from './attention-maps';

export interface BlipSpecialIds {
  /** First decoder token (HF: text_config.bos_token_id, "[DEC]"). */
  decoderStart: number;
  /** End of sequence for generation (HF passes sep_token_id as eos_token_id). */
  sep: number;
  pad: number;
  /** Replaces [CLS] at the start of a caption prompt. */
  bos?: number;
}

export interface BlipFacts {
  task: 'caption' | 'vqa';
  decoderLayout: 'merged' | 'split' | 'no-cache';
  visionLayers: number;
  textLayers: number;
  crossAttentionLayers: number;
  imageTokens: number;
  visionHidden: number;
  textHidden: number;
  vocabSize: number;
  specialIds: BlipSpecialIds;
}

export interface BlipTimings {
  preprocessMs: number;
  visionMs: number;
  /** True when the image's encoder states came from the cache (visionMs is then ~0). */
  visionCached: boolean;
  /** VQA only: the question encoder. */
  questionMs?: number;
  /** From the start of the call to the end of the first decode step. */
  firstTokenMs: number;
  /** Every decoder forward, in order (the first one processes the whole prompt). */
  stepMs: number[];
  totalMs: number;
}

/** `blip:encode`: images encoded into the worker's cache ahead of their captions, in `batches` runs. */
export interface BlipEncodeResult {
  encoded: number;
  /** Already cached: not encoded again. */
  cached: number;
  batches: number;
  preprocessMs: number;
  visionMs: number;
}

export interface BlipRun {
  /** Decoded output, special tokens skipped, like HF's `processor.decode(..., skip_special_tokens=True)`. */
  text: string;
  /** Full output ids as HF generate returns them (prompt included). */
  sequence: number[];
  /** Decoder prompt ids fed to generate. */
  promptIds: number[];
  finishReason: 'eos' | 'length' | 'aborted';
  timings: BlipTimings;
  crossAttention: {
    layers: number;
    /** Encoder tokens each generated token attended to (image tokens, or question tokens for VQA). */
    keyLength: number;
  };
  /** Only when asked for: the maps, or null when this export has no cross_attentions.* outputs. */
  attentionMaps?: BlipAttentionMaps | null;
}

export interface BlipResult extends BlipRun {
  facts: BlipFacts;
}

/** Decoding controls as the UI offers them; the worker maps them onto HF's generation options. */
export interface DecodingSettings {
  strategy: 'greedy' | 'beam' | 'sample';
  maxNewTokens: number;
  minNewTokens: number;
  numBeams: number;
  lengthPenalty: number;
  earlyStopping: boolean;
  temperature: number;
  topK: number;
  topP: number;
  repetitionPenalty: number;
  seed: number;
}
