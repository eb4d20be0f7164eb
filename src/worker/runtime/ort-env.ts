/**
 * The single onnxruntime-web instance of the app. transformers.js imports the
 * same module specifier (`onnxruntime-web/webgpu`, pinned to the same version
 * in package.json), so the bundle holds one copy: one WASM binary, one thread
 * pool, one WebGPU device. (Registering it under transformers.js's global
 * ORT symbol would also share it, but then transformers.js lists no devices.)
 */
import * as ort from 'onnxruntime-web/webgpu';
import type { OrtBuild } from './ort-build';

export type Ort = typeof ort;
export type OrtSession = ort.InferenceSession;
export type OrtTensor = ort.Tensor;

export interface OrtSetup {
  threads: number;
  /** Which WebAssembly build the module loads (ort-build.ts); the first setup decides for the worker's lifetime. */
  build: OrtBuild;
  /** Absolute URLs of the build's files (browser); `mjs` only for the WASM-only build, whose glue is not bundled. */
  wasmPaths?: { mjs?: string; wasm?: string };
  /** The WASM binary itself (Node tests, where ORT cannot fetch a file path). */
  wasmBinary?: Uint8Array;
}

let configured: OrtSetup | undefined;

export function setupOrt(setup: OrtSetup): Ort {
  if (!configured) {
    if (setup.wasmPaths) ort.env.wasm.wasmPaths = { ...setup.wasmPaths };
    if (setup.wasmBinary) ort.env.wasm.wasmBinary = setup.wasmBinary;
    ort.env.wasm.numThreads = setup.threads;
    ort.env.wasm.proxy = false;
    ort.env.logLevel = 'error';
    configured = setup;
  }
  return ort;
}

/** The build this worker's ORT was set up with; undefined before the first model load. */
export function ortBuild(): OrtBuild | undefined {
  return configured?.build;
}
