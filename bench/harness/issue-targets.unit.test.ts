import { describe, expect, it } from 'vitest';
import type { BrowserRun } from './browser-suite';
import { issue17Targets, type TargetInputs } from './issue-targets';
import { renderMarkdown, type BenchResult, type NativeRun, type PeerRun } from './report';
import { stat } from './stats';

function metrics(values: Record<string, number>): Record<string, ReturnType<typeof stat>> {
  return Object.fromEntries(Object.entries(values).map(([id, ms]) => [id, stat([ms])]));
}

function browserRun(dtype: 'q8' | 'fp32', threads: number, values: Record<string, number>, extra: Partial<BrowserRun> = {}): BrowserRun {
  return { runtime: 'browser-wasm', dtype, threads, metrics: metrics(values), ...extra } as BrowserRun;
}

function nativeRun(dtype: 'q8' | 'fp32', threads: number, values: Record<string, number>): NativeRun {
  return { runtime: 'onnxruntime-node', dtype, threads, metrics: metrics(values) } as NativeRun;
}

function target(inputs: TargetInputs, id: string) {
  const found = issue17Targets(inputs).find((entry) => entry.id === id);
  if (!found) throw new Error(`no target ${id}`);
  return found;
}

const batched = { 'clip.image': 100, 'clip.images4': 300, 'clip.images8': 500, 'blip.vision': 1000, 'blip.images4': 3000, 'blip.images8': 6000 };

describe('issue 17 targets', () => {
  it('has one row per target of the issue, each not measured when the run has none of its rows', () => {
    const targets = issue17Targets({ browser: [], onnxruntimeNode: [] });
    const numbers = new Set(targets.map((entry) => entry.description.split('.')[0]));
    expect([...numbers].sort()).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    expect(targets.every((entry) => entry.met === null)).toBe(true);
    expect(targets.filter((entry) => entry.id.startsWith('issue17.gpu.')).map((entry) => entry.value)).toEqual(Array(3).fill('not measured: no GPU'));
  });

  it('a target not met says where its profile is written; a met one does not', () => {
    const run = browserRun('q8', 1, { 'load.clip.cached': 400 });
    expect(target({ browser: [run], onnxruntimeNode: [] }, 'issue17.cold-start.reload')).not.toHaveProperty('explained');
    const slow = browserRun('q8', 1, { 'load.clip.cached': 900 });
    expect(target({ browser: [slow], onnxruntimeNode: [] }, 'issue17.cold-start.reload').explained).toMatch(/docs\/benchmarks.md.*cached reload/);
    expect(target({ browser: [], onnxruntimeNode: [] }, 'issue17.overhead.clip.image').explained).toMatch(/overhead/);
  });

  it('Auto: met when the software adapter resolves to WASM, not met when Auto picks it', () => {
    const base = { browser: [], onnxruntimeNode: [] };
    expect(target({ ...base, webgpu: { adapter: 'swiftshader', software: true, preferredBackend: 'wasm' } }, 'issue17.auto-backend').met).toBe(true);
    expect(target({ ...base, webgpu: { adapter: 'swiftshader', software: true, preferredBackend: 'webgpu' } }, 'issue17.auto-backend').met).toBe(false);
    // A hardware adapter cannot break the rule, so it proves nothing either way.
    expect(target({ ...base, webgpu: { adapter: 'nvidia', software: false, preferredBackend: 'webgpu' } }, 'issue17.auto-backend').met).toBeNull();
  });

  it('batch independence compares the worst run with fp32 round-off', () => {
    const runs = [browserRun('q8', 1, {}, { checks: { clipBatchMaxAbs: 0 } }), browserRun('fp32', 2, {}, { checks: { clipBatchMaxAbs: 3e-6 } })];
    expect(target({ browser: runs, onnxruntimeNode: [] }, 'issue17.batch-independence').met).toBe(true);
    runs.push(browserRun('fp32', 1, {}, { checks: { clipBatchMaxAbs: 2e-3 } }));
    const worse = target({ browser: runs, onnxruntimeNode: [] }, 'issue17.batch-independence');
    expect(worse.met).toBe(false);
    expect(worse.value).toContain('fp32 1 t: 2.0e-3');
  });

  it('overhead reads the runtime floor of the same dtype and threads', () => {
    const browser = [browserRun('q8', 1, { 'clip.image': 110, 'blip.vision': 1200, 'caption.step': 50 })];
    const runtimeFloor = [nativeRun('q8', 1, { 'clip.image': 100, 'blip.vision': 1000, 'caption.step': 50 }), nativeRun('q8', 2, { 'clip.image': 1 })];
    const inputs = { browser, onnxruntimeNode: [], runtimeFloor };
    expect(target(inputs, 'issue17.overhead.clip.image')).toMatchObject({ value: 'q8 1 t 1.10×', met: true });
    expect(target(inputs, 'issue17.overhead.blip.vision')).toMatchObject({ value: 'q8 1 t 1.20×', met: false });
    expect(target({ browser, onnxruntimeNode: [] }, 'issue17.overhead.caption.step').met).toBeNull();
  });

  it('images/s at batch 1/4/8: the rows for both runtimes, as rates', () => {
    const inputs = { browser: [browserRun('q8', 2, batched)], onnxruntimeNode: [nativeRun('q8', 2, batched)] };
    const clip = target(inputs, 'issue17.images-per-second.clip');
    expect(clip.met).toBe(true);
    expect(clip.value).toBe('q8 2 t: 10.0 / 13.3 / 16.0 vs 10.0 / 13.3 / 16.0');
    const { 'blip.images8': _dropped, ...partial } = batched;
    expect(target({ ...inputs, onnxruntimeNode: [nativeRun('q8', 2, partial)] }, 'issue17.images-per-second.blip').met).toBeNull();
  });

  it('the transformers.js peer: slower rows are not met, and parity needs round-off', () => {
    const browser = [browserRun('q8', 2, { 'clip.image': 90, 'clip.text8': 120, 'clip.classify8': 200 })];
    const peer: PeerRun[] = [
      {
        runtime: 'transformers.js',
        dtype: 'q8',
        threads: 2,
        metrics: metrics({ 'clip.image': 100, 'clip.text8': 100, 'clip.classify8': 250 }),
        maxAbsDiff: { cosine: 3e-2 },
      },
    ];
    const inputs = { browser, onnxruntimeNode: [], peer };
    expect(target(inputs, 'issue17.peer.clip.image').met).toBe(true);
    expect(target(inputs, 'issue17.peer.clip.text8')).toMatchObject({ value: 'q8 2 t: 120 vs 100 ms (1.20×)', met: false });
    expect(target(inputs, 'issue17.peer.clip.classify8').met).toBe(true);
    expect(target(inputs, 'issue17.peer.parity').met).toBe(false);
  });

  it('cold start: half of the run before issue 17, and a cached reload under 0.5 s', () => {
    const before = [{ runtime: 'browser-wasm' as const, dtype: 'q8' as const, threads: 1, metrics: metrics({ 'create.clip.cold': 4000 }) }];
    const now = (cold: number, reload: number) => [browserRun('q8', 1, { 'create.clip.cold': cold, 'load.clip.cached': reload })];
    expect(target({ browser: now(1900, 400), onnxruntimeNode: [], before }, 'issue17.cold-start.first').met).toBe(true);
    expect(target({ browser: now(2100, 400), onnxruntimeNode: [], before }, 'issue17.cold-start.first').met).toBe(false);
    expect(target({ browser: now(2100, 400), onnxruntimeNode: [] }, 'issue17.cold-start.first').met).toBeNull();
    expect(target({ browser: now(2100, 600), onnxruntimeNode: [], before }, 'issue17.cold-start.reload').met).toBe(false);
  });

  it('GPU rows: a software adapter is no GPU; a real one is reported beside the CUDA anchor', () => {
    const software = browserRun('fp32', 2, { 'clip.image': 900 }, { runtime: 'browser-webgpu', software: true });
    expect(target({ browser: [software], onnxruntimeNode: [] }, 'issue17.gpu.clip.image').value).toBe('not measured: no GPU');
    const real = browserRun('fp32', 2, { 'clip.image': 9 }, { runtime: 'browser-webgpu', software: false, adapter: 'nvidia · h200' });
    expect(target({ browser: [real], onnxruntimeNode: [] }, 'issue17.gpu.clip.image')).toMatchObject({
      value: '9.0 ms on nvidia · h200 (2.00× the anchor)',
      met: true,
    });
  });

  it('the report renders the table, "not measured" for the rows without data', () => {
    const result = {
      meta: {
        finishedAt: '2026-11-29T00:00:00Z',
        command: 'npm run bench',
        mode: 'full',
        durationS: 60,
        machine: { cpu: 'cpu', cores: 2, memoryBytes: 1e9, os: 'linux', loadAverage: [0, 0, 0], loadAverageAtEnd: [0, 0, 0] },
        browser: { name: 'Chromium', version: '1', executable: 'chromium' },
        versions: {},
        settings: { runs: 5, warmup: 1 },
        webgpu: { skipped: 'no adapter' },
      },
      browser: [],
      onnxruntimeNode: [],
      pytorch: [],
      ratios: [],
      targets: [],
      issue17Targets: issue17Targets({ browser: [], onnxruntimeNode: [] }),
    } as unknown as BenchResult;
    const markdown = renderMarkdown(result);
    expect(markdown).toContain('### Targets (issue 17)');
    expect(markdown).toMatch(/\| 8\. WebGPU on a real GPU .* \| not measured: no GPU \| not measured \|/);
  });
});
