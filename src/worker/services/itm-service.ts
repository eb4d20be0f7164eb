/** BLIP retrieval requests: resolve the model (loading it if needed) and the images, then score or re-rank. */
import { AppError } from '../../shared/errors';
import { applyTemplate, checkTemplate } from '../../shared/prompt-template';
import type { ItmScoreResult, ItmSearchResult, RequestMap } from '../../shared/protocol';
import type { LoadHooks } from '../models/model-manager';
import { getImage } from './image-store';
import type { TaskModelManager } from './model-service';

export function scoreWithItm(manager: TaskModelManager, payload: RequestMap['itm:score']['payload'], hooks: LoadHooks): Promise<ItmScoreResult> {
  if (payload.labels.length === 0) {
    throw new AppError({ code: 'bad-request', message: 'There are no labels for BLIP to score.', action: 'Add at least one label.' });
  }
  const check = checkTemplate(payload.template);
  if (!check.ok) throw new AppError({ code: 'bad-request', message: check.reason, action: 'Fix the prompt template.' });
  const image = getImage(payload.imageKey);
  const texts = payload.labels.map((label) => applyTemplate(payload.template, label));
  return manager.run('itm', payload.model, hooks, async (engine) => {
    const scores = await engine.scoreLabels(image, texts);
    return {
      imageKey: payload.imageKey,
      logitScale: engine.logitScale,
      timings: scores.timings,
      scores: payload.labels.map((label, i) => ({
        label,
        text: texts[i]!,
        itcCosine: scores.itcCosine[i]!,
        itcProbability: scores.itcProbs[i]!,
        itmProbability: scores.itmProb[i]!,
      })),
    };
  });
}

export function rerankWithItm(manager: TaskModelManager, payload: RequestMap['itm:search']['payload'], hooks: LoadHooks): Promise<ItmSearchResult> {
  const images = payload.imageKeys.map(getImage);
  const given = payload.firstStage?.map((key) => payload.imageKeys.indexOf(key));
  if (given?.some((index) => index < 0)) {
    throw new AppError({
      code: 'bad-request',
      message: 'The first-stage ranking names an image that is not in the search.',
      action: 'Run the CLIP search again, then re-rank.',
    });
  }
  return manager.run('itm', payload.model, hooks, async (engine) => {
    const result = await engine.search(images, payload.query, payload.topK, given);
    return {
      query: payload.query,
      firstStage: given ? 'given' : 'itc',
      topK: payload.topK,
      ranking: result.firstStage.map((i) => ({ imageKey: payload.imageKeys[i]!, itcCosine: result.itcCosine[i]! })),
      reranked: result.reranked.map((i) => ({ imageKey: payload.imageKeys[i]!, itmProbability: result.itmProb[i]! })),
      timings: result.timings,
    };
  });
}
