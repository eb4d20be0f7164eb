/**
 * Zero-shot classification and text-to-image search on top of the CLIP
 * engine. Probabilities are softmax over logit_scale · cosine across the
 * labels, exactly as CLIPModel computes logits_per_image.
 */
import { AppError } from '../../../shared/errors';
import { dot, softmax } from '../../../shared/math';
import { applyTemplate, checkTemplate } from '../../../shared/prompt-template';
import type { ClipCacheStats, ClipClassifyResult, ClipSearchResult, ClipTimings, TextCut } from '../../../shared/protocol';
import type { ClipEngine, ClipImage, EmbedOutcome } from './clip-engine';

export async function classify(
  engine: ClipEngine,
  images: readonly ClipImage[],
  labels: readonly string[],
  template: string,
  signal?: AbortSignal,
): Promise<ClipClassifyResult> {
  validate(labels, template);
  const started = performance.now();
  const texts = labels.map((label) => applyTemplate(template, label));
  const textOutcome = await engine.embedTexts(texts, signal);
  const imageOutcome = await engine.embedImages(images, signal);
  const scale = engine.facts.logitScale;
  const results = images.map((image, index) => {
    const imageEmbedding = imageOutcome.embeddings[index] as Float32Array;
    const cosines = textOutcome.embeddings.map((textEmbedding) => dot(imageEmbedding, textEmbedding));
    const logits = cosines.map((cosine) => scale * cosine);
    const probabilities = softmax(logits);
    return {
      imageKey: image.key,
      scores: labels.map((label, labelIndex) => ({
        label,
        text: texts[labelIndex] as string,
        ...withCut(textOutcome.cuts[labelIndex]),
        cosine: cosines[labelIndex] as number,
        logit: logits[labelIndex] as number,
        probability: probabilities[labelIndex] as number,
      })),
    };
  });
  return { results, facts: engine.facts, ...stats(imageOutcome, textOutcome, started) };
}

export async function search(engine: ClipEngine, images: readonly ClipImage[], query: string, signal?: AbortSignal): Promise<ClipSearchResult> {
  const text = query.trim();
  if (!text) throw new AppError({ code: 'bad-request', message: 'The search text is empty.', action: 'Type what you are looking for.' });
  const started = performance.now();
  const textOutcome = await engine.embedTexts([text], signal);
  const imageOutcome = await engine.embedImages(images, signal);
  const queryEmbedding = textOutcome.embeddings[0] as Float32Array;
  const ranking = images
    .map((image, index) => ({ imageKey: image.key, cosine: dot(imageOutcome.embeddings[index] as Float32Array, queryEmbedding) }))
    .sort((a, b) => b.cosine - a.cosine);
  const queryCut = textOutcome.cuts[0];
  return { query: text, ...(queryCut ? { queryCut } : {}), ranking, facts: engine.facts, ...stats(imageOutcome, textOutcome, started) };
}

function withCut(cut: TextCut | undefined): { cut?: TextCut } {
  return cut ? { cut } : {};
}

function validate(labels: readonly string[], template: string): void {
  if (labels.length === 0) {
    throw new AppError({ code: 'bad-request', message: 'There are no labels to classify with.', action: 'Add at least one label.' });
  }
  const check = checkTemplate(template);
  if (!check.ok) throw new AppError({ code: 'bad-request', message: check.reason, action: 'Fix the prompt template.' });
}

function stats(images: EmbedOutcome, texts: EmbedOutcome, started: number): { cache: ClipCacheStats; timings: ClipTimings } {
  return {
    cache: { imagesEncoded: images.encoded, imagesCached: images.cached, textsEncoded: texts.encoded, textsCached: texts.cached },
    timings: {
      imageMs: images.ms,
      textMs: texts.ms,
      totalMs: performance.now() - started,
      imageBatches: images.batches,
      textBatches: texts.batches,
    },
  };
}
