/**
 * The ONNX Runtime WebAssembly builds, bundled and served from our own origin (never a CDN).
 * The asyncify build is the one WebGPU needs (it also runs the WASM backend); the plain build
 * runs only the WASM backend but is half the size and faster (ort-build.ts says how much).
 */
import webgpuWasm from 'onnxruntime-web-dist/ort-wasm-simd-threaded.asyncify.wasm?url';
import wasmOnlyGlue from 'onnxruntime-web-dist/ort-wasm-simd-threaded.mjs?url';
import wasmOnlyWasm from 'onnxruntime-web-dist/ort-wasm-simd-threaded.wasm?url';
import type { OrtWasmUrls } from './ort-build';

export function ortWasmUrls(base: string): OrtWasmUrls {
  return {
    webgpu: { wasm: new URL(webgpuWasm, base).href },
    wasmOnly: { mjs: new URL(wasmOnlyGlue, base).href, wasm: new URL(wasmOnlyWasm, base).href },
  };
}
