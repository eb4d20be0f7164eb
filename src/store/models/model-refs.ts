/** Turns settings into concrete model references the worker can load. */
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

/** fp16 needs WebGPU's shader-f16 to be worth it; it is not offered without. */
export function offeredDtypes(spec: ModelSpec, capabilities: Capabilities | undefined): Dtype[] {
  return spec.dtypes.filter((dtype) => dtype !== 'fp16' || capabilities?.webgpu.shaderF16 === true);
}

export function chosenDtype(spec: ModelSpec, settings: Settings, capabilities: Capabilities | undefined): Dtype {
  const offered = offeredDtypes(spec, capabilities);
  const wanted = settings.dtypes[spec.id];
  if (wanted && offered.includes(wanted)) return wanted;
  return offered.includes(spec.defaultDtype) ? spec.defaultDtype : (offered[0] ?? spec.defaultDtype);
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
  return { spec, dtype: chosenDtype(spec, settings, capabilities), source, device: settings.device };
}
