/**
 * Which dtype a model loads by default on each backend. The choice for our published exports was measured
 * (docs/benchmarks.md, "dtype per backend, by measurement"): on WASM the fastest dtype whose outputs stay
 * within the accuracy thresholds; on WebGPU a dtype none of whose compute nodes onnxruntime assigns to the
 * CPU, half precision only where the adapter has `shader-f16`. A dtype the user picked still wins (store).
 */
import type { Dtype, ModelSpec } from './model-registry';
import type { Backend, ModelRef } from './protocol';

/** Graphs that compute in half precision: offered (and worth it) only on WebGPU with `shader-f16`. */
const SHADER_F16_DTYPES: readonly Dtype[] = ['fp16', 'q4f16'];

/** The measured choice for our own exports; the models pipeline publishes exactly these dtypes (models.yml). */
export const MEASURED_DEFAULTS: { wasm: Dtype; webgpu: readonly Dtype[] } = { wasm: 'q8', webgpu: ['fp16', 'fp32'] };

/** Every dtype the measured defaults need, in the order models.yml's MODEL_DTYPES lists them. */
export const PUBLISHED_DTYPES: readonly Dtype[] = [...new Set([MEASURED_DEFAULTS.wasm, ...MEASURED_DEFAULTS.webgpu])];

export interface DtypeTarget {
  backend: Backend;
  shaderF16: boolean;
}

/** The spec's dtypes this target can run: half-precision graphs only with shader-f16. */
export function runnableDtypes(spec: Pick<ModelSpec, 'dtypes'>, shaderF16: boolean): Dtype[] {
  return spec.dtypes.filter((dtype) => shaderF16 || !SHADER_F16_DTYPES.includes(dtype));
}

export function defaultDtypeFor(spec: Pick<ModelSpec, 'dtypes' | 'defaultDtype' | 'webgpuDtypes'>, target: DtypeTarget): Dtype {
  const runnable = runnableDtypes(spec, target.shaderF16);
  const webgpu = target.backend === 'webgpu' ? spec.webgpuDtypes?.find((dtype) => runnable.includes(dtype)) : undefined;
  if (webgpu) return webgpu;
  return runnable.includes(spec.defaultDtype) ? spec.defaultDtype : (runnable[0] ?? spec.defaultDtype);
}

/** The reference a load that ends on WASM uses: its `wasmDtype` when the store gave one (a WebGPU default). */
export function onWasmDtype(ref: ModelRef): ModelRef {
  return ref.wasmDtype && ref.wasmDtype !== ref.dtype ? { ...ref, dtype: ref.wasmDtype } : ref;
}
