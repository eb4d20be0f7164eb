/** BLIP captioning and visual question answering on our own ONNX Runtime sessions. */
export { createBlipEngine, openBlipEngine } from './blip-engine';
export type { BlipEngineOptions } from './blip-engine';
export { detectDecoderLayout } from './decoder-layout';
export type { DecoderLayout } from './decoder-layout';
export type { DecodingMode } from './decoder-model';
export type { GenerationOptions, TextDelta } from './generation';
export type {
  AnswerRequest,
  BlipEngine,
  BlipFacts,
  BlipImage,
  BlipRun,
  BlipSpecialIds,
  BlipTimings,
  CaptionRequest,
  RunHooks,
} from './types';
