import { describe, expect, it } from 'vitest';
import { buildFor, type OrtWasmUrls } from './ort-build';

const URLS: OrtWasmUrls = {
  webgpu: { wasm: 'https://app.test/asyncify.wasm' },
  wasmOnly: { mjs: 'https://app.test/plain.mjs', wasm: 'https://app.test/plain.wasm' },
};

describe('ORT build choice', () => {
  it('loads the plain build, glue included, when the worker has no WebGPU adapter', () => {
    const caps = { webgpu: { available: false, shaderF16: false, reason: 'This browser has no WebGPU.' } };
    expect(buildFor(caps, URLS)).toEqual({ build: 'wasm-only', wasmPaths: { mjs: 'https://app.test/plain.mjs', wasm: 'https://app.test/plain.wasm' } });
  });

  it('keeps the asyncify build with any adapter, a software one too, so WebGPU can still be chosen later', () => {
    const expected = { build: 'webgpu', wasmPaths: { wasm: 'https://app.test/asyncify.wasm' } };
    expect(buildFor({ webgpu: { available: true, shaderF16: true, adapter: 'nvidia' } }, URLS)).toEqual(expected);
    expect(buildFor({ webgpu: { available: true, shaderF16: false, adapter: 'google · swiftshader', software: true } }, URLS)).toEqual(expected);
  });
});
