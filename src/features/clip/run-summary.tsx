import { formatMs } from '../../shared/format';
import type { ClipRunMeta } from '../../store/clip-slice';

/** Time taken, and what the embedding caches saved. */
export function RunSummary({ meta, labels }: { meta: ClipRunMeta; labels: number }) {
  const { cache, timings, facts } = meta;
  return (
    <p role="status" aria-label="CLIP run summary" className="text-xs text-slate-600">
      {formatMs(timings.totalMs)} in total · images: {cache.imagesEncoded} encoded, {cache.imagesCached} cached ({formatMs(timings.imageMs)}) · {labels}{' '}
      labels: {cache.textsEncoded} encoded, {cache.textsCached} cached in {timings.textBatches} {timings.textBatches === 1 ? 'batch' : 'batches'} (
      {formatMs(timings.textMs)}) · logit_scale {facts.logitScale.toFixed(2)}
      {facts.logitScaleSource === 'init-value' ? ' (untrained init value: the model did not record its temperature)' : ''}
    </p>
  );
}
