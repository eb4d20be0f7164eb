import { describe, expect, it, vi } from 'vitest';
import { cancelledError } from '../../shared/errors';
import { DEMO_MODELS } from '../../shared/model-registry';
import type { Capabilities, ModelRef } from '../../shared/protocol';
import { bytes, memoryCacheStorage, scriptedFetch, type Scripted } from '../delivery/test-doubles';
import { VerifiedCache } from '../delivery/verified-cache';
import { BackendPolicy } from '../runtime/backend-policy';
import type * as OrtEnv from '../runtime/ort-env';
import { SessionCreateError } from '../runtime/session-factory';
import type { EngineContext, LoadedEngine } from './engine';
import { BadFileError } from './file-error';
import { ModelManager } from './model-manager';

// ORT is set up once per file; which build, and the switches between builds, are model-manager-build.test.ts's.
vi.mock('../runtime/ort-env', async (importOriginal) => ({ ...(await importOriginal<typeof OrtEnv>()), ortBuild: () => undefined }));

const CAPS: Capabilities = {
  webgpu: { available: true, shaderF16: false, adapter: 'test' },
  crossOriginIsolated: false,
  hardwareConcurrency: 2,
  wasmThreads: 1,
  preferredBackend: 'webgpu',
};

const spec = DEMO_MODELS.find((model) => model.task === 'clip')!;
const REF: ModelRef = { spec, dtype: 'fp32', source: { host: 'https://hub.test', pathTemplate: '{repo}/{file}' }, device: 'auto' };
const FILES = ['config.json', 'preprocessor_config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/text_model.onnx', 'onnx/vision_model.onnx'];
const Q8_FILES = ['onnx/text_model_quantized.onnx', 'onnx/vision_model_quantized.onnx'];
/** fp32 stands for the dtype chosen for WebGPU; q8 for WASM's default. */
const WEBGPU_DEFAULT: ModelRef = { ...REF, wasmDtype: 'q8' };

const body = (file: string, index: number) => (file.endsWith('.json') ? JSON.stringify({ file }) : bytes(100 + index, index));

function setup(
  options: {
    failOn?: (context: EngineContext) => boolean;
    slowMs?: number;
    device?: unknown;
    status?: number;
    missing?: string;
    fail?: (context: EngineContext) => Error | undefined;
  } = {},
) {
  const script: Record<string, Scripted[]> = {};
  [...FILES, ...Q8_FILES].forEach(
    (file, index) => (script[`https://hub.test/${spec.repo}/${file}`] = [{ status: options.status ?? 200, body: body(file, index) }]),
  );
  if (options.missing) script[`https://hub.test/${spec.repo}/${options.missing}`] = [{ status: 404 }];
  const fetch = scriptedFetch(script);
  const { storage, cache } = memoryCacheStorage();
  const created: EngineContext[] = [];
  const disposed: EngineContext[] = [];
  const paths: string[][] = [];
  const notices: string[] = [];
  const manager = new ModelManager({
    fetch,
    sleep: async () => undefined,
    cache: new VerifiedCache(storage, undefined),
    policy: new BackendPolicy(async () => CAPS),
    capabilities: async () => CAPS,
    wasmUrls: { webgpu: { wasm: 'unused' }, wasmOnly: { mjs: 'unused', wasm: 'unused' } },
    engines: {
      clip: async (context) => {
        if (options.slowMs) await new Promise((resolve) => setTimeout(resolve, options.slowMs));
        created.push(context);
        // The manager empties the file map once the engine exists; keep what the engine was given.
        paths.push([...context.files.keys()]);
        if (options.failOn?.(context)) throw new SessionCreateError('onnx/vision_model.onnx', context.backend, new Error('bad graph'));
        const failure = options.fail?.(context);
        if (failure) throw failure;
        const engine: LoadedEngine = { sessions: () => [], dispose: async () => void disposed.push(context) };
        return engine;
      },
      caption: async () => ({ sessions: () => [], dispose: async () => undefined }),
      vqa: async () => ({ sessions: () => [], dispose: async () => undefined }),
      itm: async () => ({ sessions: () => [], dispose: async () => undefined }),
    },
    notify: (_, message) => notices.push(message),
    ...(options.device ? { webgpuDevice: async () => options.device } : {}),
  });
  return { manager, fetch, created, disposed, notices, paths, cache };
}

describe('ModelManager', () => {
  it('loads once; asking again for the loaded model costs nothing', async () => {
    const { manager, fetch, created } = setup();
    const first = await manager.load(REF);
    expect(first.backend).toBe('webgpu');
    expect(first.bytes.downloaded).toBeGreaterThan(0);
    const second = await manager.load(REF);
    expect(second).toBe(first);
    expect(created).toHaveLength(1);
    expect(fetch.calls.filter((call) => call.startsWith('GET'))).toHaveLength(FILES.length);
  });

  it('a repository that answers 401 fails the load at once as source-unavailable, without a retry or a download', async () => {
    const { manager, fetch, created } = setup({ status: 401 });
    const error = await manager.load(REF).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ code: 'source-unavailable' });
    expect((error as Error).message).toContain(`${spec.displayName} is unavailable: the repository ${spec.repo}`);
    expect((error as Error).message).toContain('HTTP 401');
    expect(fetch.calls.filter((call) => call.startsWith('GET'))).toHaveLength(0);
    expect(fetch.calls).toHaveLength(FILES.length);
    expect(created).toHaveLength(0);
  });

  it('loads without a file the layout marks optional when the host lacks it', async () => {
    const { manager, fetch, paths } = setup({ missing: 'tokenizer_config.json' });
    const optionalRef: ModelRef = { ...REF, spec: { ...spec, layout: { sessions: {}, optional: ['tokenizer_config.json'] } } };
    await manager.load(optionalRef);
    expect(paths[0]).toEqual(FILES.filter((file) => file !== 'tokenizer_config.json'));
    expect(fetch.calls.filter((call) => call.startsWith('GET') && call.endsWith('tokenizer_config.json'))).toHaveLength(0);
    const { manager: strict } = setup({ missing: 'tokenizer_config.json' });
    await expect(strict.load(REF)).rejects.toMatchObject({
      code: 'source-unavailable',
      message: expect.stringContaining('tokenizer_config.json does not exist'),
    });
  });

  it('shares one load between concurrent requests; one cancelling does not cancel the other', async () => {
    const { manager, created } = setup({ slowMs: 30 });
    const controller = new AbortController();
    const cancelled = manager.load(REF, { signal: controller.signal });
    const kept = manager.load(REF);
    controller.abort(cancelledError());
    await expect(cancelled).rejects.toMatchObject({ code: 'cancelled' });
    await expect(kept).resolves.toMatchObject({ specId: spec.id });
    expect(created).toHaveLength(1);
  });

  it('stops the shared load when every requester has cancelled', async () => {
    const { manager, created, disposed } = setup();
    const controller = new AbortController();
    // Cancel while the engine is being created: the only waiter leaves, so the load must stop and free it.
    const progress = (update: { phase: string }) => {
      if (update.phase === 'Creating sessions') controller.abort(cancelledError());
    };
    await expect(manager.load(REF, { signal: controller.signal, progress })).rejects.toMatchObject({ code: 'cancelled' });
    expect(created).toHaveLength(1);
    // The waiter is released at once; the stopped load frees its engine as soon as creation returns.
    await vi.waitFor(() => expect(disposed).toEqual(created));
    // A new request starts afresh instead of joining the stopped load.
    await expect(manager.load(REF)).resolves.toMatchObject({ specId: spec.id });
    expect(created).toHaveLength(2);
  });

  it('starts nothing for a request that was cancelled before its load began', async () => {
    const { manager, fetch } = setup();
    const controller = new AbortController();
    const load = manager.load(REF, { signal: controller.signal });
    controller.abort(cancelledError());
    await expect(load).rejects.toMatchObject({ code: 'cancelled' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fetch.calls).toHaveLength(0);
  });

  it('retries on WASM when a session will not create on WebGPU, and says so', async () => {
    const { manager, notices } = setup({ failOn: (context) => context.backend === 'webgpu' });
    const info = await manager.load(REF);
    expect(info.backend).toBe('wasm');
    expect(info.notes.join(' ')).toContain('runs on WASM instead');
    expect(notices).toHaveLength(1);
  });

  it('a WebGPU default dtype does not follow the model onto WASM: a session that will not create on WebGPU loads the WASM dtype', async () => {
    const { manager, paths } = setup({ failOn: (context) => context.backend === 'webgpu' });
    const info = await manager.load(WEBGPU_DEFAULT);
    expect(info).toMatchObject({ backend: 'wasm', dtype: 'q8' });
    expect(info.notes.join(' ')).toContain('runs on WASM at q8');
    expect(paths.at(-1)).toEqual(expect.arrayContaining(['onnx/vision_model_quantized.onnx', 'onnx/text_model_quantized.onnx']));
    expect(paths.at(-1)).not.toContain('onnx/vision_model.onnx');
    expect(paths).toHaveLength(2);
    // Asking again for the same reference reuses the WASM model (before: every request tried WebGPU again).
    expect((await manager.load(WEBGPU_DEFAULT)).dtype).toBe('q8');
    expect(paths).toHaveLength(2);
  });

  it('evicts a cached file that fails to load and downloads it again, once', async () => {
    let failures = 0;
    const { manager, fetch } = setup({ failOn: (context) => context.backend === 'wasm' && failures++ === 1 });
    const wasmRef = { ...REF, device: 'wasm' as const };
    await manager.load(wasmRef);
    await manager.unload('clip');
    const info = await manager.load(wasmRef);
    expect(info.notes.join(' ')).toContain('evicted and downloaded again');
    expect(fetch.calls.filter((call) => call.startsWith('GET') && call.endsWith('onnx/vision_model.onnx'))).toHaveLength(2);
  });

  it('stores a model file without a host hash only once its model loaded (issue 13, failure 6)', async () => {
    const { manager, cache } = setup({ failOn: () => true });
    await expect(manager.load({ ...REF, device: 'wasm' })).rejects.toMatchObject({
      code: 'model-load-failed',
      message: expect.stringContaining('onnx/vision_model.onnx'),
    });
    expect([...cache.entries.keys()].filter((url) => url.endsWith('.onnx'))).toEqual([]);
  });

  it('evicts a cached config that fails its consumer and fetches it once more; then names the file (issue 13, failure 2)', async () => {
    let badConfig = false;
    const { manager, fetch, cache } = setup({
      // Only the cached copy is bad: the one fetched again is fine.
      fail: (context) => (badConfig && context.files.get('config.json')?.fromCache ? new BadFileError('config.json', 'mean has 2 values') : undefined),
    });
    const wasmRef = { ...REF, device: 'wasm' as const };
    await manager.load(wasmRef);
    await manager.unload('clip');
    badConfig = true;
    const info = await manager.load(wasmRef);
    expect(info.notes.join(' ')).toContain('The cached copy of config.json could not be loaded; it was evicted and downloaded again.');
    expect(fetch.calls.filter((call) => call.startsWith('GET') && call.endsWith('/config.json'))).toHaveLength(2);
    expect(cache.entries.has(`https://hub.test/${spec.repo}/config.json`)).toBe(true);

    const broken = setup({ fail: () => new BadFileError('config.json', 'mean has 2 values') });
    await expect(broken.manager.load(wasmRef)).rejects.toMatchObject({
      code: 'model-load-failed',
      message: `config.json of ${spec.displayName} cannot be used: mean has 2 values.`,
    });
  });

  it('lets go of the downloaded bytes once the engine is created', async () => {
    const { manager, created } = setup();
    await manager.load(REF);
    // The engine saw every file while it was being created ...
    expect(created).toHaveLength(1);
    // ... but a loaded model must not keep them alive (the sessions hold their own copies).
    expect(created[0]!.files.size).toBe(0);
  });
});

describe('ModelManager.run', () => {
  it('reloads on WASM and runs once more when the WebGPU device is lost mid-run', async () => {
    let loseDevice: (info: { message: string }) => void = () => undefined;
    const device = { lost: new Promise<{ message: string }>((resolve) => (loseDevice = resolve)) };
    const { manager, created, notices } = setup({ device });
    const backends: string[] = [];
    const result = await manager.run('clip', REF, {}, async () => {
      const backend = created.at(-1)?.backend ?? '?';
      backends.push(backend);
      if (backend === 'webgpu') {
        loseDevice({ message: 'GPU hung' });
        throw new Error('mapAsync failed');
      }
      return 'ok';
    });
    expect(result).toBe('ok');
    expect(backends).toEqual(['webgpu', 'wasm']);
    expect(notices.join(' ')).toContain('GPU hung');
    // Later loads go straight to WASM.
    expect((await manager.load(REF)).backend).toBe('wasm');
  });

  it('after a lost device, a model whose dtype was WebGPU’s default reloads on WASM at the WASM dtype', async () => {
    let loseDevice: (info: { message: string }) => void = () => undefined;
    const device = { lost: new Promise<{ message: string }>((resolve) => (loseDevice = resolve)) };
    const { manager, created } = setup({ device });
    expect((await manager.load(WEBGPU_DEFAULT)).dtype).toBe('fp32');
    await manager.run('clip', WEBGPU_DEFAULT, {}, async () => {
      if (created.at(-1)?.backend === 'webgpu') {
        loseDevice({ message: 'GPU hung' });
        throw new Error('mapAsync failed');
      }
      return 'ok';
    });
    expect(created.map((context) => `${context.backend}/${context.dtype}`)).toEqual(['webgpu/fp32', 'wasm/q8']);
  });

  it('refuses a model of another task instead of running the wrong engine', async () => {
    const { manager, created } = setup();
    const captionSpec = DEMO_MODELS.find((model) => model.task === 'caption')!;
    await expect(manager.run('clip', { ...REF, spec: captionSpec }, {}, async () => 'ran')).rejects.toMatchObject({ code: 'bad-request' });
    expect(created).toHaveLength(0);
  });

  it('does not retry ordinary failures', async () => {
    const { manager } = setup();
    let calls = 0;
    await expect(
      manager.run('clip', REF, {}, async () => {
        calls += 1;
        throw new Error('bad input');
      }),
    ).rejects.toThrow('bad input');
    expect(calls).toBe(1);
  });
});
