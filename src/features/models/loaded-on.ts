import type { LoadedModelInfo } from '../../shared/protocol';

/** Where and at what precision a model runs: the Models row and the folded panel's status line say it alike. */
export function loadedOn(info: LoadedModelInfo): string {
  return `Loaded on ${info.backend === 'webgpu' ? 'WebGPU' : `WASM (${info.threads} threads)`} · ${info.dtype}`;
}

/** Which onnxruntime-web build runs the model: a worker restarts to change it, so a curious user may want to see it. */
export function ortBuildLabel(info: LoadedModelInfo): string {
  return info.ortBuild === 'webgpu'
    ? 'onnxruntime-web WebGPU build (asyncify; runs WASM too)'
    : 'onnxruntime-web WASM-only build (plain SIMD, faster on WASM)';
}
