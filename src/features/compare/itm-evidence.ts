/**
 * BLIP retrieval evidence for the "Applications" and "Cross-modal alignment" rows (issue 15): on the active
 * image and the same labels, does CLIP's top-1 agree with BLIP ITC's and BLIP ITM's, and what does each cost
 * per label. Pure, like evidence.ts, so the screen and the exports say the same.
 */
import { formatMs } from '../../shared/format';
import type { ClipLabelScore, ItmScoreResult } from '../../shared/protocol';

export interface ItmEvidence {
  scores?: ItmScoreResult;
}

const argmaxLabel = <T>(items: readonly T[], value: (item: T) => number, label: (item: T) => string) =>
  items.length ? label(items.reduce((best, item) => (value(item) > value(best) ? item : best))) : undefined;

export function itmCells(itm: ItmEvidence | undefined, clipScores: readonly ClipLabelScore[] | undefined, clipMs: number | undefined) {
  const scores = itm?.scores;
  if (!scores) return { applications: undefined, alignment: undefined };
  const itc = argmaxLabel(
    scores.scores,
    (s) => s.itcProbability,
    (s) => s.label,
  );
  const match = argmaxLabel(
    scores.scores,
    (s) => s.itmProbability,
    (s) => s.label,
  );
  const clip = clipScores
    ? argmaxLabel(
        clipScores,
        (s) => s.probability,
        (s) => s.label,
      )
    : undefined;
  const n = scores.scores.length;
  const agree = (a: string | undefined, b: string | undefined) => (a === undefined || b === undefined ? 'n/a' : a === b ? 'agree' : 'disagree');
  const applications =
    `BLIP as a retriever on the same ${n} labels: top-1 CLIP “${clip ?? 'not run'}”, BLIP-ITC “${itc}”, BLIP-ITM “${match}” ` +
    `(CLIP/ITC ${agree(clip, itc)}, CLIP/ITM ${agree(clip, match)}, ITC/ITM ${agree(itc, match)})`;
  const alignment =
    `cost per label: ${clipMs !== undefined && clipScores?.length ? `CLIP ${formatMs(clipMs / clipScores.length)}, ` : ''}` +
    `BLIP-ITC ${formatMs(scores.timings.itcMs / n)} (embedding similarity, temperature ${scores.logitScale.toFixed(2)}), ` +
    `BLIP-ITM ${formatMs(scores.timings.itmMs / n)} (one cross-attention pass over the image per label)`;
  return { applications, alignment };
}
