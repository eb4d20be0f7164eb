/**
 * The single onnxruntime-web instance of the app. transformers.js imports the
 * same module specifier (`onnxruntime-web/webgpu`, pinned to the same version
 * in package.json), so the bundle holds one copy: one WASM binary, one thread
 * pool, one WebGPU device. (Registering it under transformers.js's global
 * ORT symbol would also share it, but then transformers.js lists no devices.)
 */
import * as ort from 'onnxruntime-web/webgpu';

export type Ort = typeof ort;
export type OrtSession = ort.InferenceSession;
export type OrtTensor = ort.Tensor;

export interface OrtSetup {
  threads: number;
  /** Absolute URL of the WASM binary (browser). */
  wasmUrl?: string;
  /** The WASM binary itself (Node tests, where ORT cannot fetch a file path). */
  wasmBinary?: Uint8Array;
}

let configured: OrtSetup | undefined;

export function setupOrt(setup: OrtSetup): Ort {
  if (!configured) {
    if (setup.wasmBinary) ort.env.wasm.wasmBinary = setup.wasmBinary;
    else if (setup.wasmUrl) ort.env.wasm.wasmPaths = { wasm: setup.wasmUrl };
    ort.env.wasm.numThreads = setup.threads;
    ort.env.wasm.proxy = false;
    ort.env.logLevel = 'error';
    configured = setup;
  }
  return ort;
}
