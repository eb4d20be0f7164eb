import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../shared/model-registry';
import type { Capabilities, DeviceSetting } from '../../shared/protocol';
import { DEFAULT_SETTINGS } from '../settings-slice';
import { buildModelRef, chosenDtype, offeredDtypes } from './model-refs';

const spec: ModelSpec = {
  id: 'published-clip',
  task: 'clip',
  displayName: 'CLIP',
  repo: 'someone/clip-onnx',
  revision: 'a'.repeat(40),
  license: 'MIT',
  dtypes: ['q8', 'fp16', 'fp32'],
  defaultDtype: 'q8',
  webgpuDtypes: ['fp16', 'fp32'],
};

/** A capability double: a hardware or software adapter, with or without shader-f16, or no WebGPU at all. */
function caps(webgpu: 'hardware' | 'software' | 'none', shaderF16: boolean): Capabilities {
  return {
    webgpu: { available: webgpu !== 'none', shaderF16, ...(webgpu === 'software' ? { software: true } : {}) },
    crossOriginIsolated: true,
    hardwareConcurrency: 4,
    wasmThreads: 4,
    preferredBackend: webgpu === 'hardware' ? 'webgpu' : 'wasm',
  };
}

const settings = (device: DeviceSetting, dtypes: Record<string, 'q8' | 'fp16' | 'fp32'> = {}) => ({ ...DEFAULT_SETTINGS, device, dtypes });

describe('chosenDtype', () => {
  it('Auto on a GPU with shader-f16 loads fp16, without it fp32; on WASM q8', () => {
    expect(chosenDtype(spec, settings('auto'), caps('hardware', true))).toBe('fp16');
    expect(chosenDtype(spec, settings('auto'), caps('hardware', false))).toBe('fp32');
    expect(chosenDtype(spec, settings('auto'), caps('none', false))).toBe('q8');
    expect(chosenDtype(spec, settings('auto'), undefined)).toBe('q8');
  });

  it('Auto skips a software adapter, so it loads the WASM default; forcing WebGPU there loads the WebGPU one', () => {
    expect(chosenDtype(spec, settings('auto'), caps('software', false))).toBe('q8');
    expect(chosenDtype(spec, settings('webgpu'), caps('software', false))).toBe('fp32');
    expect(chosenDtype(spec, settings('wasm'), caps('hardware', true))).toBe('q8');
  });

  it("the user's dtype wins where the device offers it", () => {
    expect(chosenDtype(spec, settings('auto', { [spec.id]: 'fp32' }), caps('none', false))).toBe('fp32');
    expect(chosenDtype(spec, settings('auto', { [spec.id]: 'q8' }), caps('hardware', true))).toBe('q8');
    expect(chosenDtype(spec, settings('auto', { [spec.id]: 'fp16' }), caps('hardware', false))).toBe('fp32');
    expect(offeredDtypes({ ...spec, dtypes: ['q4f16', 'fp16', 'q4'] }, caps('hardware', false))).toEqual(['q4']);
  });
});

describe('buildModelRef', () => {
  const withSpec = (device: DeviceSetting, dtypes: Record<string, 'q8' | 'fp16' | 'fp32'> = {}) => ({
    ...settings(device, dtypes),
    customModels: [spec],
    selected: { ...DEFAULT_SETTINGS.selected, clip: spec.id },
  });
  const build = (device: DeviceSetting, capabilities: Capabilities, dtypes: Record<string, 'q8' | 'fp16' | 'fp32'> = {}) =>
    buildModelRef('clip', withSpec(device, dtypes), capabilities, false, 'https://app.test/');

  it('a WebGPU default names the WASM default for a load that ends on WASM; the user’s pick and WASM loads need none', () => {
    expect(build('auto', caps('hardware', true))).toMatchObject({ dtype: 'fp16', wasmDtype: 'q8' });
    expect(build('webgpu', caps('software', false))).toMatchObject({ dtype: 'fp32', wasmDtype: 'q8' });
    expect(build('auto', caps('none', false))).not.toHaveProperty('wasmDtype');
    expect(build('auto', caps('hardware', true), { [spec.id]: 'fp32' })).not.toHaveProperty('wasmDtype');
  });
});
