/** The device and how the worker can run on it; plus the ping used to check the worker answers. */
export type Backend = 'webgpu' | 'wasm';

/**
 * Which of onnxruntime-web's two WebAssembly builds a worker runs (worker/runtime/ort-build.ts): the asyncify
 * build WebGPU needs, or the plain SIMD build, faster on WASM. One per worker, for its life.
 */
export type OrtBuild = 'webgpu' | 'wasm-only';

/** The user's device setting; `auto` picks WebGPU when a hardware adapter exists. */
export type DeviceSetting = 'auto' | 'webgpu' | 'wasm';

export interface Capabilities {
  webgpu: {
    available: boolean;
    adapter?: string;
    shaderF16: boolean;
    reason?: string;
    /** A fallback/software adapter (SwiftShader, llvmpipe…): usable when forced, never picked by `auto`. */
    software?: boolean;
  };
  crossOriginIsolated: boolean;
  hardwareConcurrency: number;
  /** Threads WASM would use: min(4, cores) when isolated, else 1. */
  wasmThreads: number;
  /** The backend `auto` resolves to on this device. */
  preferredBackend: Backend;
  /** Why `auto` resolves to WASM although a WebGPU adapter exists. */
  preferredReason?: string;
}

export interface PingPayload {
  message: string;
  /** Lets tests hold a request open (worker crash, cancel, timeout). */
  delayMs?: number;
}

export interface PingResult {
  message: string;
  /** performance.now() in the worker when the reply was sent. */
  workerTime: number;
}
