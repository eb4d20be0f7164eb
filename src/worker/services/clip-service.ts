/** CLIP requests: resolve the model (loading it if needed) and the images, then run the task. */
import type { ClipClassifyResult, ClipSearchResult, ModelRef, RequestMap } from '../../shared/protocol';
import type { ClipEngine } from '../models/clip/clip-engine';
import { classify, search } from '../models/clip/clip-tasks';
import type { LoadHooks, ModelManager } from '../models/model-manager';
import { getImage } from './image-store';

async function clipEngine(manager: ModelManager, model: ModelRef, hooks: LoadHooks): Promise<ClipEngine> {
  return manager.engineFor<ClipEngine>(model, hooks);
}

export async function classifyImages(
  manager: ModelManager,
  payload: RequestMap['clip:classify']['payload'],
  hooks: LoadHooks,
): Promise<ClipClassifyResult> {
  const images = payload.imageKeys.map((key) => ({ ...getImage(key) }));
  const engine = await clipEngine(manager, payload.model, hooks);
  return classify(engine, images, payload.labels, payload.template, hooks.signal);
}

export async function searchImages(
  manager: ModelManager,
  payload: RequestMap['clip:search']['payload'],
  hooks: LoadHooks,
): Promise<ClipSearchResult> {
  const images = payload.imageKeys.map((key) => ({ ...getImage(key) }));
  const engine = await clipEngine(manager, payload.model, hooks);
  return search(engine, images, payload.query, hooks.signal);
}
