/**
 * Which of onnxruntime-web's two WebAssembly builds this worker loads. ORT initialises its module once
 * per worker, so the choice holds for the worker's life:
 *
 * - `webgpu`: the asyncify build (27 MB), which the WebGPU backend needs and which also runs WASM;
 * - `wasm-only`: the plain SIMD build (14 MB). Asyncify rewrites the module so it can pause for the GPU;
 *   on WASM that costs on every kernel and at compile time (side by side in Chromium, CLIP q8: first
 *   session 0.42×, an image 0.57× of the asyncify build's time; docs/benchmarks.md, "Overhead and cold start").
 *
 * The first model load decides: WebGPU → the asyncify build, WASM → the plain one (so Auto on a software
 * adapter, issue 17's case, runs the fast build). A later load that wants the other build — the user
 * chose WebGPU, or WASM on purpose — fails with `runtime-switch`; the client restarts the worker, pins
 * the build with `runtime:build` before anything else, and sends the request again. WASM after a WebGPU
 * failure never asks for a switch: a new worker would try WebGPU again.
 */
import { AppError } from '../../shared/errors';
import type { OrtBuild } from '../../shared/protocol';
import type { BackendChoice } from './backend-policy';

export type { OrtBuild } from '../../shared/protocol';

export interface OrtWasmUrls {
  webgpu: { wasm: string };
  /** The plain build's Emscripten glue comes separately: the WebGPU bundle embeds the other one. */
  wasmOnly: { mjs: string; wasm: string };
}

let pinned: OrtBuild | undefined;

/** The client's pin for a restarted worker (request `runtime:build`); it must come before the first load. */
export function pinOrtBuild(build: OrtBuild): OrtBuild {
  pinned = build;
  return build;
}

export function pinnedOrtBuild(): OrtBuild | undefined {
  return pinned;
}

/** The build a load on this backend choice needs; undefined when either build will do. */
export function buildNeeded(choice: BackendChoice): OrtBuild | undefined {
  if (choice.backend === 'webgpu') return 'webgpu';
  return choice.afterWebgpuFailure ? undefined : 'wasm-only';
}

export function wasmPathsFor(build: OrtBuild, urls: OrtWasmUrls): { mjs?: string; wasm: string } {
  return build === 'webgpu' ? urls.webgpu : urls.wasmOnly;
}

export function runtimeSwitchError(build: OrtBuild, displayName: string): AppError {
  return new AppError({
    code: 'runtime-switch',
    build,
    message:
      build === 'webgpu'
        ? `Loading ${displayName} on WebGPU needs onnxruntime's WebGPU build; this worker runs the faster WASM-only build.`
        : `Loading ${displayName} on WASM runs faster on onnxruntime's WASM-only build than on the WebGPU build this worker runs.`,
    action: 'The app restarts its worker on the other build and loads the model again; models reload from the cache at their next use.',
  });
}
