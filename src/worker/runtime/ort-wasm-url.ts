/**
 * The ONNX Runtime WebAssembly binary, bundled and served from our own origin
 * (never a CDN). The asyncify build is the one the WebGPU bundle needs, and it
 * also runs the plain WASM backend, so one binary serves both.
 */
import url from 'onnxruntime-web-dist/ort-wasm-simd-threaded.asyncify.wasm?url';

export const ORT_WASM_URL: string = url;
