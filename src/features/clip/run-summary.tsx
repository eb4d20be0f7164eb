import { formatMs } from '../../shared/format';
import type { ClipRunMeta } from '../../store/clip-slice';

/**
 * Time taken, and what the embedding caches saved, for the run that scored
 * the image shown. A batch ("Classify all") has no per-image timings, so it
 * says it was a batch and what that comes to per image.
 */
export function RunSummary({ meta, labels }: { meta: ClipRunMeta; labels: number }) {
  const { cache, timings, facts } = meta;
  const batch = meta.images > 1;
  return (
    <p role="status" aria-label="CLIP run summary" className="text-xs text-slate-600">
      {batch
        ? `Scored in a batch of ${meta.images} images: ${formatMs(timings.totalMs)} for the batch, about ${formatMs(timings.totalMs / meta.images)} per image`
        : `${formatMs(timings.totalMs)} in total`}{' '}
      · images: {cache.imagesEncoded} encoded, {cache.imagesCached} cached ({formatMs(timings.imageMs)}) · {labels} labels: {cache.textsEncoded} encoded,{' '}
      {cache.textsCached} cached in {timings.textBatches} {timings.textBatches === 1 ? 'batch' : 'batches'} ({formatMs(timings.textMs)}) · logit_scale{' '}
      {facts.logitScale.toFixed(2)}
      {facts.logitScaleSource === 'init-value' ? ' (untrained init value: the model did not record its temperature)' : ''}
    </p>
  );
}
