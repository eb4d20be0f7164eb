/**
 * The first load sets ORT up with one build for the worker's life (ort-build.ts). With a software adapter
 * Auto loads on WASM first, yet the user may then choose WebGPU: the build must be the WebGPU one, or
 * that load could not run. ORT's setup is once per test file, hence a file of its own.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_MODELS } from '../../shared/model-registry';
import type { Capabilities, ModelRef } from '../../shared/protocol';
import { bytes, memoryCacheStorage, noSleep, scriptedFetch } from '../delivery/test-doubles';
import { VerifiedCache } from '../delivery/verified-cache';
import { BackendPolicy } from '../runtime/backend-policy';
import { ortBuild } from '../runtime/ort-env';
import type { EngineContext, LoadedEngine } from './engine';
import { ModelManager } from './model-manager';

const CAPS: Capabilities = {
  webgpu: { available: true, shaderF16: false, adapter: 'google · swiftshader', software: true },
  crossOriginIsolated: false,
  hardwareConcurrency: 2,
  wasmThreads: 1,
  preferredBackend: 'wasm',
};
const spec = DEMO_MODELS.find((model) => model.task === 'clip')!;
const FILES = ['config.json', 'preprocessor_config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/text_model.onnx', 'onnx/vision_model.onnx'];
const ref = (device: ModelRef['device']): ModelRef => ({
  spec,
  dtype: 'fp32',
  source: { host: 'https://hub.test', pathTemplate: '{repo}/{file}' },
  device,
});

describe('ModelManager and the ORT build', () => {
  it('a software adapter: Auto loads on WASM with the WebGPU build, so choosing WebGPU afterwards loads on WebGPU', async () => {
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
    const manager = new ModelManager({
      fetch: scriptedFetch(script),
      sleep: noSleep,
      cache: new VerifiedCache(memoryCacheStorage().storage, undefined),
      policy: new BackendPolicy(async () => CAPS),
      capabilities: async () => CAPS,
      wasmUrls: { webgpu: { wasm: 'unused' }, wasmOnly: { mjs: 'unused', wasm: 'unused' } },
      engines: { clip: engine, caption: engine, vqa: engine, itm: engine },
      notify: () => undefined,
    });
    expect((await manager.load(ref('auto'))).backend).toBe('wasm');
    expect(ortBuild()).toBe('webgpu');
    expect((await manager.load(ref('webgpu'))).backend).toBe('webgpu');
    expect(backends).toEqual(['wasm', 'webgpu']);
  });
});
