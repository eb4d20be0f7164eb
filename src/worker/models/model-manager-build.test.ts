/**
 * The first load sets ORT up with one build for the worker's life (ort-build.ts); a load that needs the
 * other build asks the client for a restart (`runtime-switch`). ORT's setup and the pin are module state,
 * so every test imports the modules afresh.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppError } from '../../shared/errors';
import { DEMO_MODELS } from '../../shared/model-registry';
import type { Capabilities, ModelRef } from '../../shared/protocol';
import { bytes, memoryCacheStorage, noSleep, scriptedFetch } from '../delivery/test-doubles';
import { VerifiedCache } from '../delivery/verified-cache';
import type { EngineContext, LoadedEngine } from './engine';

const SOFTWARE: Capabilities = {
  webgpu: { available: true, shaderF16: false, adapter: 'google · swiftshader', software: true },
  crossOriginIsolated: false,
  hardwareConcurrency: 2,
  wasmThreads: 1,
  preferredBackend: 'wasm',
};
const HARDWARE: Capabilities = { ...SOFTWARE, webgpu: { available: true, shaderF16: false, adapter: 'nvidia' }, preferredBackend: 'webgpu' };
const spec = DEMO_MODELS.find((model) => model.task === 'clip')!;
const FILES = ['config.json', 'preprocessor_config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/text_model.onnx', 'onnx/vision_model.onnx'];
const ref = (device: ModelRef['device']): ModelRef => ({
  spec,
  dtype: 'fp32',
  source: { host: 'https://hub.test', pathTemplate: '{repo}/{file}' },
  device,
});

async function freshWorker(caps: Capabilities, pin?: 'webgpu' | 'wasm-only') {
  vi.resetModules();
  const { ModelManager } = await import('./model-manager');
  const { BackendPolicy } = await import('../runtime/backend-policy');
  const { ortBuild } = await import('../runtime/ort-env');
  const { pinOrtBuild } = await import('../runtime/ort-build');
  if (pin) pinOrtBuild(pin);
  const script = Object.fromEntries(
    FILES.map((file, index) => [
      `https://hub.test/${spec.repo}/${file}`,
      [{ status: 200, body: file.endsWith('.json') ? '{}' : bytes(100 + index, index) }],
    ]),
  );
  const backends: string[] = [];
  const engine = async (context: EngineContext): Promise<LoadedEngine> => {
    backends.push(context.backend);
    return { sessions: () => [], dispose: async () => undefined };
  };
  const policy = new BackendPolicy(async () => caps);
  const manager = new ModelManager({
    fetch: scriptedFetch(script),
    sleep: noSleep,
    cache: new VerifiedCache(memoryCacheStorage().storage, undefined),
    policy,
    capabilities: async () => caps,
    wasmUrls: { webgpu: { wasm: 'unused' }, wasmOnly: { mjs: 'unused', wasm: 'unused' } },
    engines: { clip: engine, caption: engine, vqa: engine, itm: engine },
    notify: () => undefined,
  });
  return { manager, policy, backends, ortBuild };
}

async function switchAsked(load: Promise<unknown>): Promise<string | undefined> {
  const error = await load.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  // The fresh modules bring their own AppError class: compare the data, not the class.
  const data = error instanceof Error ? (error as Partial<AppError>) : undefined;
  if (data?.code !== 'runtime-switch') throw new Error(`expected a runtime switch, got ${String(error)}`);
  return data.build;
}

describe('ModelManager and the ORT build', () => {
  beforeEach(() => vi.resetModules());

  it('a software adapter: Auto loads on WASM with the plain build; choosing WebGPU then asks for the WebGPU build', async () => {
    const { manager, backends, ortBuild } = await freshWorker(SOFTWARE);
    const info = await manager.load(ref('auto'));
    expect(info.backend).toBe('wasm');
    expect(info.ortBuild).toBe('wasm-only');
    expect(ortBuild()).toBe('wasm-only');
    expect(await switchAsked(manager.load(ref('webgpu')))).toBe('webgpu');
    // The model that is loaded stays loaded: the switch is the client's to make.
    expect((await manager.load(ref('auto'))).backend).toBe('wasm');
    expect(backends).toEqual(['wasm']);
  });

  it('a worker pinned to the WebGPU build (after that switch) loads WebGPU, and WASM without switching back', async () => {
    const { manager, backends, ortBuild } = await freshWorker(SOFTWARE, 'webgpu');
    expect((await manager.load(ref('webgpu'))).ortBuild).toBe('webgpu');
    expect(ortBuild()).toBe('webgpu');
    expect((await manager.load(ref('auto'))).backend).toBe('wasm');
    expect((await manager.load(ref('wasm'))).backend).toBe('wasm');
    expect(backends).toEqual(['webgpu', 'wasm']);
  });

  it('a real adapter: Auto loads on WebGPU; WASM chosen on purpose asks for the plain build, WASM after a WebGPU failure does not', async () => {
    const { manager, policy, backends } = await freshWorker(HARDWARE);
    expect((await manager.load(ref('auto'))).ortBuild).toBe('webgpu');
    expect(await switchAsked(manager.load(ref('wasm')))).toBe('wasm-only');
    policy.markWebgpuFailed('device lost');
    const info = await manager.load(ref('auto'));
    expect(info.backend).toBe('wasm');
    expect(info.ortBuild).toBe('webgpu');
    expect(backends).toEqual(['webgpu', 'wasm']);
  });

  it('a worker pinned to the plain build still switches to WebGPU when a load needs it', async () => {
    const { manager } = await freshWorker(HARDWARE, 'wasm-only');
    expect((await manager.load(ref('wasm'))).ortBuild).toBe('wasm-only');
    expect(await switchAsked(manager.load(ref('auto')))).toBe('webgpu');
  });
});
