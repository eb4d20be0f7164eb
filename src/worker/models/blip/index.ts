/** BLIP captioning and visual question answering on our own ONNX Runtime sessions. */
export { createBlipEngine } from './blip-engine';
export type { GenerationOptions } from './generation';
export type { BlipEngine, BlipImage, RunHooks } from './types';
