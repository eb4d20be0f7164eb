/**
 * Node-side access to the tiny fixture models and PyTorch golden outputs
 * (written by `python -m tools.fixtures`), for engine tests that run ONNX
 * Runtime Web's WASM backend in Node.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DEMO_MODELS, type Dtype, type ModelSpec, type ModelTask } from '../../../shared/model-registry';
import type { FetchedFile } from '../../delivery/types';
import type { OrtBuild } from '../../runtime/ort-build';
import { setupOrt, type Ort } from '../../runtime/ort-env';
import type { EngineContext } from '../engine';
import type { RgbaImage } from '../image-preprocess';
import { decodePng } from './png';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
export const FIXTURES_DIR = join(ROOT, 'e2e/fixtures');

/** ORT on one thread with the WebGPU (asyncify) build, or the WASM-only build (ort-build.ts); the first call in a test file decides. */
export function nodeOrt(build: OrtBuild = 'webgpu'): Ort {
  const dist = join(ROOT, 'node_modules/onnxruntime-web/dist');
  if (build === 'webgpu')
    return setupOrt({ threads: 1, build, wasmBinary: new Uint8Array(readFileSync(join(dist, 'ort-wasm-simd-threaded.asyncify.wasm'))) });
  const wasmBinary = new Uint8Array(readFileSync(join(dist, 'ort-wasm-simd-threaded.wasm')));
  return setupOrt({ threads: 1, build, wasmBinary, wasmPaths: { mjs: pathToFileURL(join(dist, 'ort-wasm-simd-threaded.mjs')).href } });
}

export function readGolden<T = Record<string, unknown>>(): T {
  return JSON.parse(readFileSync(join(FIXTURES_DIR, 'golden.json'), 'utf8')) as T;
}

export function fixtureImage(name: string): RgbaImage & { key: string } {
  return { key: name, ...decodePng(new Uint8Array(readFileSync(join(FIXTURES_DIR, 'images', name)))) };
}

/**
 * An engine context over a fixture folder, as the model manager would build it after downloading.
 * `spec` (default: the task's demo model) names the folder, `e2e/fixtures/models/<repo>`.
 */
export function fixtureContext(
  task: ModelTask,
  dtype: Dtype = 'fp32',
  spec: ModelSpec | undefined = DEMO_MODELS.find((model) => model.task === task),
): EngineContext {
  if (!spec) throw new Error(`No demo model for ${task}.`);
  const folder = join(FIXTURES_DIR, 'models', spec.repo);
  const files = new Map<string, FetchedFile>();
  for (const path of listFiles(folder)) {
    files.set(path, { path, url: `fixture://${spec.repo}/${path}`, bytes: new Uint8Array(readFileSync(join(folder, path))), fromCache: false });
  }
  return { ort: nodeOrt(), backend: 'wasm', spec, dtype, files };
}

function listFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const full = join(folder, name);
    return statSync(full).isDirectory() ? listFiles(full).map((path) => `${name}/${path}`) : [relative(folder, full)];
  });
}
