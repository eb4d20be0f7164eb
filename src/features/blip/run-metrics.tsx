import { generatedTokens, tokensPerSecond } from '../../lib/blip-metrics';
import { formatMs } from '../../shared/format';
import type { BlipResult } from '../../shared/protocol';

/** Time to first token, steady speed and total, from the worker's own step timings. */
export function RunMetrics({ result, label }: { result: BlipResult; label: string }) {
  const { timings } = result;
  const generated = generatedTokens(result);
  const speed = tokensPerSecond(result);
  const finish = result.finishReason === 'eos' ? 'ended at [SEP]' : result.finishReason === 'length' ? 'hit the token limit' : 'stopped';
  return (
    <p role="status" aria-label={`${label} metrics`} className="text-xs text-slate-600">
      {generated} tokens ({finish}) · first token {formatMs(timings.firstTokenMs)}
      {speed !== undefined ? ` · ${speed.toFixed(1)} tokens/s` : ''} · total {formatMs(timings.totalMs)} · image{' '}
      {timings.visionCached ? 'encoder states from cache' : `encoded in ${formatMs(timings.visionMs)}`}
      {timings.questionMs !== undefined ? ` · question encoded in ${formatMs(timings.questionMs)}` : ''}
    </p>
  );
}
