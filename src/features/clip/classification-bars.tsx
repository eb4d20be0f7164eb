import type { ClipLabelScore } from '../../shared/protocol';
import { TextCutNote } from './text-cut-note';

/** Labels sorted by probability, with bars; the raw cosine is the secondary text. */
export function ClassificationBars({ scores, imageName }: { scores: ClipLabelScore[]; imageName: string }) {
  const sorted = [...scores].sort((a, b) => b.probability - a.probability);
  return (
    <ol aria-label={`CLIP labels for ${imageName}`} className="space-y-1.5">
      {sorted.map((score, index) => (
        <li
          key={score.label}
          title={`“${score.text}” · cosine ${score.cosine.toFixed(4)} · logit ${score.logit.toFixed(3)}`}
          data-label={score.label}
          data-probability={score.probability}
          data-cosine={score.cosine}
        >
          <div className="flex items-baseline justify-between gap-2 text-sm">
            <span className={index === 0 ? 'font-semibold' : ''}>
              {score.label}
              <TextCutNote cut={score.cut} what={`Label ${score.label}`} />
            </span>
            <span className="tabular-nums">
              <span data-testid="probability">{(score.probability * 100).toFixed(1)}%</span>
              <span className="ml-2 text-xs text-slate-500">cos {score.cosine.toFixed(4)}</span>
            </span>
          </div>
          <div className="h-2 rounded bg-slate-100" aria-hidden="true">
            <div className="h-full rounded bg-[var(--color-clip)]" style={{ width: `${Math.max(0.5, score.probability * 100)}%` }} />
          </div>
        </li>
      ))}
    </ol>
  );
}
