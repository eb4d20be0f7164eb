import type { LoadedModelInfo } from '../../shared/protocol';

/** Where and at what precision a model runs: the Models row and the folded panel's status line say it alike. */
export function loadedOn(info: LoadedModelInfo): string {
  return `Loaded on ${info.backend === 'webgpu' ? 'WebGPU' : `WASM (${info.threads} threads)`} · ${info.dtype}`;
}
