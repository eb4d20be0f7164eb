/**
 * Which of onnxruntime-web's two WebAssembly builds this worker loads. A worker can load only one
 * (ORT initialises its module once), so the first model load decides:
 *
 * - `webgpu`: the asyncify build (27 MB), needed by the WebGPU backend;
 * - `wasm-only`: the plain SIMD build (14 MB). Asyncify instruments every call so the module can
 *   pause for the GPU; a worker that runs WASM only pays for that on every kernel and at compile
 *   time. The plain build ran CLIP q8 vision in ORT's time in Node, where the asyncify build took
 *   1.3× as long and needed 2× as long for the first session (docs/benchmarks.md, "Overhead and
 *   cold start").
 *
 * A page whose first model runs on WASM therefore cannot switch to WebGPU without a reload; the
 * load then stays on WASM and says so.
 */
import type { Backend } from '../../shared/protocol';
import type { BackendChoice } from './backend-policy';

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

export function buildFor(backend: Backend, urls: OrtWasmUrls): OrtBuildSetup {
  return backend === 'webgpu' ? { build: 'webgpu', wasmPaths: urls.webgpu } : { build: 'wasm-only', wasmPaths: urls.wasmOnly };
}

/** A WebGPU choice in a worker that already loaded the WASM-only build runs on WASM, with the way back. */
export function fitToBuild(choice: BackendChoice, build: OrtBuild | undefined): BackendChoice {
  if (choice.backend !== 'webgpu' || build !== 'wasm-only') return choice;
  return {
    backend: 'wasm',
    note: 'Running on WASM: this page started on WASM and loaded ONNX Runtime’s smaller WASM-only build, which cannot run WebGPU. Reload the page to use WebGPU.',
  };
}
