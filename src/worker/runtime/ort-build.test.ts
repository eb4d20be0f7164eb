import { describe, expect, it } from 'vitest';
import { buildFor, fitToBuild, type OrtWasmUrls } from './ort-build';

const URLS: OrtWasmUrls = {
  webgpu: { wasm: 'https://app.test/asyncify.wasm' },
  wasmOnly: { mjs: 'https://app.test/plain.mjs', wasm: 'https://app.test/plain.wasm' },
};

describe('ORT build choice', () => {
  it('loads the asyncify build for WebGPU and the plain build, glue included, for WASM', () => {
    expect(buildFor('webgpu', URLS)).toEqual({ build: 'webgpu', wasmPaths: { wasm: 'https://app.test/asyncify.wasm' } });
    expect(buildFor('wasm', URLS)).toEqual({ build: 'wasm-only', wasmPaths: { mjs: 'https://app.test/plain.mjs', wasm: 'https://app.test/plain.wasm' } });
  });

  it('keeps every choice the loaded build can run', () => {
    expect(fitToBuild({ backend: 'webgpu' }, undefined)).toEqual({ backend: 'webgpu' });
    expect(fitToBuild({ backend: 'webgpu' }, 'webgpu')).toEqual({ backend: 'webgpu' });
    expect(fitToBuild({ backend: 'wasm', note: 'why' }, 'wasm-only')).toEqual({ backend: 'wasm', note: 'why' });
  });

  it('runs a WebGPU choice on WASM once the WASM-only build is loaded, and says how to get WebGPU back', () => {
    const choice = fitToBuild({ backend: 'webgpu' }, 'wasm-only');
    expect(choice.backend).toBe('wasm');
    expect(choice.note).toMatch(/Reload the page to use WebGPU/);
  });
});
