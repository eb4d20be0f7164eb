/** Turns settings into concrete model references the worker can load. */
import { defaultDtypeFor, runnableDtypes, type DtypeTarget } from '../../shared/dtype-defaults';
import { DEFAULT_MODELS, DEMO_MODELS, type Dtype, type ModelSpec, type ModelTask } from '../../shared/model-registry';
import type { ModelSource } from '../../shared/model-source';
import type { Capabilities, ModelRef } from '../../shared/protocol';
import { THIRD_PARTY_MODELS } from '../../shared/third-party-models';
import type { Settings } from '../settings-slice';

export function availableModels(task: ModelTask, settings: Settings, demoAvailable: boolean): ModelSpec[] {
  return [
    ...DEFAULT_MODELS.filter((spec) => spec.task === task),
    ...THIRD_PARTY_MODELS.filter((spec) => spec.task === task),
    ...settings.customModels.filter((spec) => spec.task === task),
    ...(demoAvailable ? DEMO_MODELS.filter((spec) => spec.task === task) : []),
  ];
}

export function selectedModel(task: ModelTask, settings: Settings, demoAvailable: boolean): ModelSpec {
  const models = availableModels(task, settings, demoAvailable);
  const chosen = models.find((spec) => spec.id === settings.selected[task]);
  return chosen ?? (models[0] as ModelSpec);
}

/** fp16 and q4f16 need WebGPU's shader-f16 to be worth it; they are not offered without. */
export function offeredDtypes(spec: ModelSpec, capabilities: Capabilities | undefined): Dtype[] {
  return runnableDtypes(spec, capabilities?.webgpu.shaderF16 === true);
}

/** Where a load will run, as the worker's backend policy decides it (before any WebGPU failure). */
function dtypeTarget(settings: Settings, capabilities: Capabilities | undefined): DtypeTarget {
  const webgpu =
    capabilities?.webgpu.available === true &&
    (settings.device === 'webgpu' || (settings.device === 'auto' && capabilities.preferredBackend === 'webgpu'));
  return { backend: webgpu ? 'webgpu' : 'wasm', shaderF16: webgpu && capabilities.webgpu.shaderF16 };
}

function usersPick(spec: ModelSpec, settings: Settings, capabilities: Capabilities | undefined): Dtype | undefined {
  const wanted = settings.dtypes[spec.id];
  return wanted && offeredDtypes(spec, capabilities).includes(wanted) ? wanted : undefined;
}

/** The user's pick when this device offers it, else the backend's default (shared/dtype-defaults.ts). */
export function chosenDtype(spec: ModelSpec, settings: Settings, capabilities: Capabilities | undefined): Dtype {
  return usersPick(spec, settings, capabilities) ?? defaultDtypeFor(spec, dtypeTarget(settings, capabilities));
}

/** Resolves a possibly relative host (`./models/`) against the page, so the worker gets an absolute URL. */
export function resolveSource(host: string, pathTemplate: string, baseUrl: string): ModelSource {
  return { host: new URL(host, baseUrl).href, pathTemplate };
}

export function isConfigured(spec: ModelSpec): boolean {
  return spec.repo.trim().length > 0;
}

export function buildModelRef(
  task: ModelTask,
  settings: Settings,
  capabilities: Capabilities | undefined,
  demoAvailable: boolean,
  baseUrl: string,
): ModelRef | undefined {
  const spec = selectedModel(task, settings, demoAvailable);
  if (!isConfigured(spec)) return undefined;
  const source = spec.fixedSource
    ? resolveSource(spec.fixedSource.host, spec.fixedSource.pathTemplate, baseUrl)
    : resolveSource(settings.host, settings.pathTemplate, baseUrl);
  const dtype = chosenDtype(spec, settings, capabilities);
  const ref: ModelRef = { spec, dtype, source, device: settings.device };
  // A model meant for WebGPU that ends up on WASM: the user's pick stays, a WebGPU default does not.
  const wasmDtype = usersPick(spec, settings, capabilities) ?? defaultDtypeFor(spec, { backend: 'wasm', shaderF16: false });
  return wasmDtype === dtype ? ref : { ...ref, wasmDtype };
}
