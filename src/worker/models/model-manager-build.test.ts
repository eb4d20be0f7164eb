/**
 * The first load decides which ORT build the worker runs (ort-build.ts). This file's first load is on
 * WASM, so the manager sets ORT up with the WASM-only build; a later WebGPU load must then run on WASM
 * and say why (ORT's setup is once per test file, hence a file of its own).
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
  webgpu: { available: true, shaderF16: false, adapter: 'test' },
  crossOriginIsolated: false,
  hardwareConcurrency: 2,
  wasmThreads: 1,
  preferredBackend: 'webgpu',
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
  it('a first load on WASM takes the WASM-only build; a later WebGPU load runs on WASM with the reload note', async () => {
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
    expect((await manager.load(ref('wasm'))).backend).toBe('wasm');
    expect(ortBuild()).toBe('wasm-only');
    await manager.unload('clip');
    const later = await manager.load(ref('auto'));
    expect(later.backend).toBe('wasm');
    expect(later.notes.join(' ')).toMatch(/Reload the page to use WebGPU/);
    expect(backends).toEqual(['wasm', 'wasm']);
  });
});
