import { describe, expect, it } from 'vitest';
import type { DeviceSetting } from '../../shared/protocol';
import { BackendPolicy } from './backend-policy';
import { probeCapabilities } from './capabilities';
import type { GpuAdapterInfoLike, GpuAdapterLike } from './webgpu-types';

function adapter(info: GpuAdapterInfoLike, extra: Partial<GpuAdapterLike> = {}): GpuAdapterLike {
  return { features: { has: (name) => name === 'shader-f16' }, info, ...extra };
}

function probeWith(found: GpuAdapterLike | null) {
  const navigator = { hardwareConcurrency: 8, gpu: { requestAdapter: async () => found } };
  return probeCapabilities({ navigator, crossOriginIsolated: true });
}

async function chooseWith(found: GpuAdapterLike | null, setting: DeviceSetting) {
  const caps = await probeWith(found);
  return new BackendPolicy(async () => caps).choose(setting);
}

const HARDWARE = adapter({ vendor: 'nvidia', architecture: 'hopper', description: 'NVIDIA H200' });

const SOFTWARE: [string, GpuAdapterLike][] = [
  ['isFallbackAdapter on the adapter', adapter({ vendor: 'google', description: 'some renderer' }, { isFallbackAdapter: true })],
  ['isFallbackAdapter in the adapter info', adapter({ vendor: 'google', isFallbackAdapter: true })],
  ['SwiftShader', adapter({ vendor: 'google', architecture: 'swiftshader', description: 'SwiftShader Device (Subzero)' })],
  ['llvmpipe', adapter({ vendor: 'mesa', description: 'llvmpipe (LLVM 15.0.7, 256 bits)' })],
  ['Microsoft Basic Render Driver', adapter({ vendor: 'microsoft', description: 'Microsoft Basic Render Driver' })],
];

describe('Auto and software WebGPU adapters', () => {
  it('a hardware adapter is what Auto picks', async () => {
    const caps = await probeWith(HARDWARE);
    expect(caps.preferredBackend).toBe('webgpu');
    expect(caps.webgpu.software).toBeUndefined();
    expect(caps.preferredReason).toBeUndefined();
    expect(await chooseWith(HARDWARE, 'auto')).toEqual({ backend: 'webgpu' });
  });

  it.each(SOFTWARE)('%s: Auto runs on WASM and says why, WebGPU can still be forced', async (_name, found) => {
    const caps = await probeWith(found);
    expect(caps.webgpu).toMatchObject({ available: true, software: true });
    expect(caps.preferredBackend).toBe('wasm');
    expect(caps.preferredReason).toMatch(/software.*Choose WebGPU under Settings/);
    expect(await chooseWith(found, 'auto')).toEqual({ backend: 'wasm' });
    expect(await chooseWith(found, 'webgpu')).toEqual({ backend: 'webgpu' });
  });

  it('no adapter means WASM for Auto and a note when WebGPU was asked for', async () => {
    const caps = await probeWith(null);
    expect(caps.preferredBackend).toBe('wasm');
    expect(await chooseWith(null, 'auto')).toEqual({ backend: 'wasm' });
    expect((await chooseWith(null, 'webgpu')).note).toMatch(/not available/);
  });
});
