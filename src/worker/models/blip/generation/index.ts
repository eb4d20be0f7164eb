/**
 * Public surface of the model-independent text generation loop (HF transformers v5 `generate`).
 *
 * For the BLIP runtime: build options with `resolveGenerationOptions(generationConfigJson, overrides,
 * { promptLength, maxPositionEmbeddings })`, passing `eosTokenId: sep_token_id` and
 * `padTokenId: pad_token_id` from the text config as overrides, since BLIP's own `generate` does so.
 * Expand the encoder states to `batchRows(options)` rows before the first forward.
 */
export { generate } from './generate';
export { resolveGenerationOptions } from './options';
export type { GenerationConfigJson } from './options';
export { TextStreamer } from './text-streamer';
export type { TextDelta } from './text-streamer';
export type { GenerationOptions, StepModel } from './types';
