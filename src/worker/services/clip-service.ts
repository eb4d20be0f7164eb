/** CLIP requests: resolve the model (loading it if needed) and the images, then run the task. */
import type { ClipClassifyResult, ClipSearchResult, ModelRef, RequestMap } from '../../shared/protocol';
import type { ClipEngine, ClipImage } from '../models/clip/clip-engine';
import { classify, search } from '../models/clip/clip-tasks';
import type { LoadHooks } from '../models/model-manager';
import type { TaskModelManager } from './model-service';
import { getImage } from './image-store';

async function runClip<T>(
  manager: TaskModelManager,
  payload: { model: ModelRef; imageKeys: string[] },
  hooks: LoadHooks,
  task: (engine: ClipEngine, images: ClipImage[]) => Promise<T>,
): Promise<T> {
  const images = payload.imageKeys.map(getImage);
  return manager.run('clip', payload.model, hooks, (engine) => task(engine, images));
}

export function classifyImages(manager: TaskModelManager, payload: RequestMap['clip:classify']['payload'], hooks: LoadHooks): Promise<ClipClassifyResult> {
  return runClip(manager, payload, hooks, (engine, images) => classify(engine, images, payload.labels, payload.template, hooks.signal));
}

export function patchMap(
  manager: TaskModelManager,
  payload: RequestMap['clip:patch-map']['payload'],
  hooks: LoadHooks,
): Promise<{ cosines: number[] | null }> {
  const image = getImage(payload.imageKey);
  return manager.run('clip', payload.model, hooks, async (engine) => ({ cosines: await engine.patchCosines(image, payload.text) }));
}

export function searchImages(manager: TaskModelManager, payload: RequestMap['clip:search']['payload'], hooks: LoadHooks): Promise<ClipSearchResult> {
  return runClip(manager, payload, hooks, (engine, images) => search(engine, images, payload.query, hooks.signal));
}
