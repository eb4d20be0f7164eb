/**
 * Which of onnxruntime-web's two WebAssembly builds this worker loads. ORT initialises its module once
 * per worker, so the choice holds for the worker's life:
 *
 * - `webgpu`: the asyncify build (27 MB), which the WebGPU backend needs and which also runs WASM;
 * - `wasm-only`: the plain SIMD build (14 MB), for a worker with no WebGPU adapter at all. Asyncify
 *   rewrites the module so it can pause for the GPU; on WASM that costs on every kernel and at compile
 *   time (side by side in Chromium, CLIP q8: first session 0.42×, an image 0.57× of the asyncify build's
 *   time; docs/benchmarks.md, "Overhead and cold start").
 *
 * With any adapter, software ones included, the WebGPU build stays: the user can still choose WebGPU in
 * Settings after Auto picked WASM, and the page must not need a reload for that.
 */
import type { Capabilities } from '../../shared/protocol';

export type OrtBuild = 'webgpu' | 'wasm-only';

export interface OrtWasmUrls {
  webgpu: { wasm: string };
  /** The plain build's Emscripten glue comes separately: the WebGPU bundle embeds the other one. */
  wasmOnly: { mjs: string; wasm: string };
}

export interface OrtBuildSetup {
  build: OrtBuild;
  wasmPaths: { mjs?: string; wasm: string };
}

export function buildFor(caps: Pick<Capabilities, 'webgpu'>, urls: OrtWasmUrls): OrtBuildSetup {
  return caps.webgpu.available ? { build: 'webgpu', wasmPaths: urls.webgpu } : { build: 'wasm-only', wasmPaths: urls.wasmOnly };
}
