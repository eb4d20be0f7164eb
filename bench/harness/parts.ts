/** The parts of one benchmark run, one JSON file each under PARTS_DIR, merged by the report. */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { PARTS_DIR } from './settings';

/** 'runtime-floor': onnxruntime-web's WASM build outside the app (bench/native/ort-runtime.mjs, issue 17 §4). */
export type PartName = 'browser-wasm' | 'browser-webgpu' | 'onnxruntime-node' | 'runtime-floor' | 'pytorch' | 'meta' | 'peer';

export function partPath(name: PartName): string {
  return join(PARTS_DIR, `${name}.json`);
}

export function writePart(name: PartName, data: unknown): void {
  mkdirSync(PARTS_DIR, { recursive: true });
  writeFileSync(partPath(name), `${JSON.stringify(data, null, 2)}\n`);
}

export function readPart<T>(name: PartName): T | undefined {
  const path = partPath(name);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as T) : undefined;
}
