/** Model references, inspections, loads and the cache listing. */
import type { Dtype, ModelSpec, ModelTask } from '../model-registry';
import type { ModelSource } from '../model-source';
import type { Backend, DeviceSetting, OrtBuild } from './runtime';

/** Which model to load, from where, how. The spec travels whole so custom models work too. */
export interface ModelRef {
  spec: ModelSpec;
  dtype: Dtype;
  source: ModelSource;
  device: DeviceSetting;
  /**
   * The dtype to load when the model ends up on WASM although `dtype` was chosen for WebGPU (a WebGPU
   * session that would not create, a lost device, a crash): the WASM default, unless the user picked the
   * dtype. WebGPU's fp16 runs on WASM at fp32's speed or slower (docs/benchmarks.md).
   */
  wasmDtype?: Dtype;
}

export interface InspectedFile {
  path: string;
  size?: number;
  /** False when the host says the file does not exist; undefined when it could not tell. */
  exists?: boolean;
  cached: boolean;
}

export interface ModelInspection {
  files: InspectedFile[];
  /** Sum of all sizes; undefined while any size is unknown. */
  totalBytes?: number;
  cachedBytes: number;
  missing: string[];
  /** False when no request to the host got any HTTP answer (offline, blocked, wrong host). */
  hostReachable: boolean;
}

export interface SessionInfo {
  name: string;
  file: string;
  bytes: number;
  /** Initializer elements in the graph (weights; quantised graphs also count scales and zero points). */
  parameters: number;
  inputNames: string[];
  outputNames: string[];
}

export interface LoadedModelInfo {
  specId: string;
  task: ModelTask;
  displayName: string;
  repo: string;
  revision: string;
  dtype: Dtype;
  backend: Backend;
  threads: number;
  /** The onnxruntime-web build the worker runs (a worker restarts to change it). */
  ortBuild: OrtBuild;
  timings: { downloadMs: number; createMs: number; totalMs: number };
  bytes: { total: number; downloaded: number; fromCache: number };
  sessions: SessionInfo[];
  /** Things the user should know: fallbacks, files that could not be cached. */
  notes: string[];
}

export interface CachedModelSummary {
  repo: string;
  revision: string;
  specIds: string[];
  files: number;
  bytes: number;
}

export interface CacheListing {
  models: CachedModelSummary[];
  usage?: number;
  quota?: number;
  persisted?: boolean;
}
