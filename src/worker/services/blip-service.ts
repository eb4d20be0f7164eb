/** BLIP requests: resolve the model (loading it if needed) and the image, map the decoding settings, stream tokens. */
import { AppError } from '../../shared/errors';
import type { BlipEncodeResult, BlipResult, BlipRun, DecodingSettings, ModelRef, RequestMap } from '../../shared/protocol';
import type { HandlerContext } from '../dispatcher';
import type { BlipEngine, BlipImage, GenerationOptions, RunHooks } from '../models/blip';
import type { TaskModelManager } from './model-service';
import { getImage } from './image-store';

/** The UI's decoding controls as HF generation options (only the ones the chosen strategy uses). */
export function generationOptions(settings: DecodingSettings): Partial<GenerationOptions> {
  const common = {
    maxNewTokens: settings.maxNewTokens,
    minNewTokens: settings.minNewTokens,
    repetitionPenalty: settings.repetitionPenalty,
  };
  switch (settings.strategy) {
    case 'greedy':
      return { ...common, numBeams: 1, doSample: false };
    case 'beam':
      return { ...common, numBeams: settings.numBeams, lengthPenalty: settings.lengthPenalty, earlyStopping: settings.earlyStopping, doSample: false };
    case 'sample':
      return { ...common, numBeams: 1, doSample: true, temperature: settings.temperature, topK: settings.topK, topP: settings.topP, seed: settings.seed };
  }
}

function streamTo(context: HandlerContext): RunHooks {
  return {
    signal: context.signal,
    onText: (delta, count, maps) => context.token({ rewind: delta.rewind, delta: delta.text, count, ...(maps ? { maps } : {}) }),
  };
}

/** Resolves the image and the engine (loading it if needed), runs the task, and attaches the model's facts. */
async function runBlip(
  manager: TaskModelManager,
  task: 'caption' | 'vqa',
  payload: { model: ModelRef; imageKey: string },
  context: HandlerContext,
  work: (engine: BlipEngine, image: BlipImage, hooks: RunHooks) => Promise<BlipRun>,
): Promise<BlipResult> {
  const image = getImage(payload.imageKey);
  const hooks = { signal: context.signal, progress: context.progress };
  let attempts = 0;
  return manager.run(task, payload.model, hooks, async (engine) => {
    // A retry (after a WebGPU loss) streams from the start: clear what the first attempt streamed.
    if (attempts++ > 0) context.token({ rewind: 0, delta: '', count: 0, reset: true });
    return { ...(await work(engine, image, streamTo(context))), facts: engine.facts };
  });
}

export function captionImage(manager: TaskModelManager, payload: RequestMap['blip:caption']['payload'], context: HandlerContext): Promise<BlipResult> {
  const request = {
    generation: generationOptions(payload.decoding),
    ...(payload.prompt?.trim() ? { prompt: payload.prompt } : {}),
    attentionMaps: payload.attentionMaps === true,
  };
  return runBlip(manager, 'caption', payload, context, (engine, image, hooks) => engine.caption(image, request, hooks));
}

export function answerQuestion(manager: TaskModelManager, payload: RequestMap['blip:answer']['payload'], context: HandlerContext): Promise<BlipResult> {
  const request = { question: payload.question, generation: generationOptions(payload.decoding), attentionMaps: payload.attentionMaps === true };
  return runBlip(manager, 'vqa', payload, context, (engine, image, hooks) => engine.answer(image, request, hooks));
}

/** Caption all: the images' vision states, in batches, into the engine's cache before their captions run. */
export function encodeImages(
  manager: TaskModelManager,
  payload: RequestMap['blip:encode']['payload'],
  context: HandlerContext,
): Promise<BlipEncodeResult> {
  const task = payload.model.spec.task;
  if (task !== 'caption' && task !== 'vqa') {
    throw new AppError({
      code: 'bad-request',
      message: `Encoding images for BLIP needs a BLIP captioning or VQA model, not a ${task} model.`,
      action: 'Pick a BLIP model for this task.',
    });
  }
  const images = payload.imageKeys.map(getImage);
  return manager.run(task, payload.model, { signal: context.signal, progress: context.progress }, (engine) => engine.encodeImages(images, context.signal));
}
