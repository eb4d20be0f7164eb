import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { buildNeeded, runtimeSwitchError, wasmPathsFor, type OrtWasmUrls } from './ort-build';

const URLS: OrtWasmUrls = {
  webgpu: { wasm: 'https://app.test/asyncify.wasm' },
  wasmOnly: { mjs: 'https://app.test/plain.mjs', wasm: 'https://app.test/plain.wasm' },
};

describe('ORT build choice', () => {
  it('WebGPU needs the asyncify build; WASM by setting or preference the plain one; WASM after a WebGPU failure either', () => {
    expect(buildNeeded({ backend: 'webgpu' })).toBe('webgpu');
    expect(buildNeeded({ backend: 'wasm' })).toBe('wasm-only');
    expect(buildNeeded({ backend: 'wasm', note: 'WebGPU was requested but is not available' })).toBe('wasm-only');
    expect(buildNeeded({ backend: 'wasm', note: 'WebGPU failed earlier', afterWebgpuFailure: true })).toBeUndefined();
  });

  it('the plain build brings its own glue; the asyncify build is the bundled one', () => {
    expect(wasmPathsFor('wasm-only', URLS)).toEqual({ mjs: 'https://app.test/plain.mjs', wasm: 'https://app.test/plain.wasm' });
    expect(wasmPathsFor('webgpu', URLS)).toEqual({ wasm: 'https://app.test/asyncify.wasm' });
  });

  it('the switch error names the build it needs, and it survives the trip to the UI as data', () => {
    const error = runtimeSwitchError('webgpu', 'CLIP');
    expect(error.code).toBe('runtime-switch');
    const data = error.toData();
    expect(data.build).toBe('webgpu');
    expect(new AppError(data).build).toBe('webgpu');
    expect(data.message).toMatch(/CLIP on WebGPU needs onnxruntime's WebGPU build/);
  });
});
