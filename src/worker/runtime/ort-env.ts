/**
 * The single onnxruntime-web instance of the app. transformers.js imports the
 * same module (`onnxruntime-web/webgpu`) and, because we register it under
 * the global symbol transformers.js looks for, both use this one instance:
 * one WASM binary, one thread pool, one WebGPU device.
 */
import * as ort from 'onnxruntime-web/webgpu';

export type Ort = typeof ort;
export type OrtSession = ort.InferenceSession;
export type OrtTensor = ort.Tensor;

const ORT_SYMBOL = Symbol.for('onnxruntime');

export interface OrtSetup {
  threads: number;
  /** Absolute URL (browser) or file path (Node tests) of the WASM binary. */
  wasmUrl: string;
}

let configured: OrtSetup | undefined;

export function setupOrt(setup: OrtSetup): Ort {
  if (!configured) {
    ort.env.wasm.wasmPaths = { wasm: setup.wasmUrl };
    ort.env.wasm.numThreads = setup.threads;
    ort.env.wasm.proxy = false;
    ort.env.logLevel = 'error';
    (globalThis as Record<symbol, unknown>)[ORT_SYMBOL] = ort;
    configured = setup;
  }
  return ort;
}

export function ortSetup(): OrtSetup | undefined {
  return configured;
}
