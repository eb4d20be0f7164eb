/**
 * "Compare with BLIP" (issue 15): BLIP's retrieval heads beside CLIP on the same labels and queries. ITC is a
 * contrastive dual encoder like CLIP (cosine, softmax with BLIP's own temperature); ITM reads the text with
 * cross-attention to the image and answers match / no match per label (arXiv 2201.12086 §3.2). In search, ITM
 * re-ranks the first stage's top-k, the two-stage retrieval of the paper's §4.
 */
import { useState } from 'react';
import { Button } from '../../components/ui/button';
import { ErrorMessage } from '../../components/ui/error-message';
import { formatMs } from '../../shared/format';
import { DEFAULT_RERANK_TOP_K } from '../../store/itm-slice';
import { useAppStore } from '../../store/store';

export function BlipCompareSwitch() {
  const on = useAppStore((state) => state.compareWithBlip);
  const setOn = useAppStore((state) => state.setCompareWithBlip);
  return (
    <label className="flex items-center gap-2 text-sm">
      <input type="checkbox" role="switch" aria-checked={on} checked={on} onChange={(event) => setOn(event.target.checked)} />
      <span>Compare with BLIP</span>
    </label>
  );
}

function BlipError() {
  const error = useAppStore((state) => state.itmError);
  return error ? <ErrorMessage error={error} title="BLIP retrieval:" /> : null;
}

export function BlipLabelScores() {
  const on = useAppStore((state) => state.compareWithBlip);
  const images = useAppStore((state) => state.images);
  const activeId = useAppStore((state) => state.activeImageId);
  const scores = useAppStore((state) => (activeId ? state.itmScores[activeId] : undefined));
  const busy = useAppStore((state) => state.itmBusy);
  const score = useAppStore((state) => state.scoreWithBlip);
  if (!on) return null;
  const active = images.find((image) => image.id === activeId);
  const perLabel = scores ? (scores.timings.itcMs + scores.timings.itmMs) / scores.scores.length : 0;
  return (
    <section aria-label="BLIP scores" className="space-y-2 rounded-md border border-slate-200 p-2">
      <Button disabled={!active || busy !== undefined} onClick={() => active && void score(active)}>
        {busy === 'score' ? 'Scoring with BLIP…' : 'Score labels with BLIP'}
      </Button>
      <BlipError />
      {scores ? (
        <>
          <table aria-label="BLIP ITC and ITM scores" className="w-full text-sm tabular-nums">
            <thead>
              <tr className="text-left text-xs text-slate-600">
                <th scope="col">Label</th>
                <th scope="col">ITC cosine</th>
                <th scope="col">ITC softmax</th>
                <th scope="col">ITM match</th>
              </tr>
            </thead>
            <tbody>
              {scores.scores.map((entry) => (
                <tr
                  key={entry.label}
                  data-label={entry.label}
                  data-itc-cosine={entry.itcCosine}
                  data-itc-probability={entry.itcProbability}
                  data-itm-probability={entry.itmProbability}
                >
                  <th scope="row" className="font-normal">
                    {entry.label}
                  </th>
                  <td>{entry.itcCosine.toFixed(4)}</td>
                  <td>{(entry.itcProbability * 100).toFixed(1)}%</td>
                  <td>{(entry.itmProbability * 100).toFixed(1)}%</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p role="status" aria-label="BLIP scoring summary" className="text-xs text-slate-600">
            ITC temperature {scores.logitScale.toFixed(2)} (BLIP’s, not CLIP’s) · vision {formatMs(scores.timings.visionMs)}
            {scores.timings.cachedImages ? ' (cached)' : ''} · ITC {formatMs(scores.timings.itcMs)} · ITM {formatMs(scores.timings.itmMs)} ·{' '}
            {formatMs(perLabel)} per label. ITM is a yes/no per label, so its column need not sum to 100%.
          </p>
        </>
      ) : null}
    </section>
  );
}

export function BlipRerank({ query }: { query: string }) {
  const on = useAppStore((state) => state.compareWithBlip);
  const images = useAppStore((state) => state.images);
  const rerank = useAppStore((state) => state.itmRerank);
  const busy = useAppStore((state) => state.itmBusy);
  const run = useAppStore((state) => state.rerankWithBlip);
  const [firstStage, setFirstStage] = useState<'clip' | 'itc'>('clip');
  const [topK, setTopK] = useState(DEFAULT_RERANK_TOP_K);
  if (!on) return null;
  const byId = new Map(images.map((image) => [image.id, image]));
  return (
    <section aria-label="BLIP re-ranking" className="space-y-2 rounded-md border border-slate-200 p-2">
      <div className="flex flex-wrap items-end gap-2 text-sm">
        <label className="space-y-1">
          <span className="block text-xs">First stage</span>
          <select
            value={firstStage}
            onChange={(event) => setFirstStage(event.target.value as 'clip' | 'itc')}
            className="rounded-md border border-slate-300 px-1 py-1"
          >
            <option value="clip">CLIP ranking</option>
            <option value="itc">BLIP ITC ranking</option>
          </select>
        </label>
        <label className="space-y-1">
          <span className="block text-xs">Re-rank top</span>
          <input
            type="number"
            min={1}
            value={topK}
            onChange={(event) => setTopK(Math.max(1, Number(event.target.value) || 1))}
            className="w-16 rounded-md border border-slate-300 px-1 py-1"
          />
        </label>
        <Button disabled={!query.trim() || images.length === 0 || busy !== undefined} onClick={() => void run(query, firstStage, topK)}>
          {busy === 'rerank' ? 'Re-ranking…' : 'Re-rank with BLIP ITM'}
        </Button>
      </div>
      <BlipError />
      {rerank ? (
        <>
          <p role="status" aria-label="BLIP re-ranking summary" className="text-xs text-slate-600">
            “{rerank.query}”: top {rerank.reranked.length} of the {rerank.firstStage === 'given' ? 'CLIP' : 'BLIP ITC'} ranking re-ranked by ITM · vision{' '}
            {formatMs(rerank.timings.visionMs)} · ITC {formatMs(rerank.timings.itcMs)} · ITM {formatMs(rerank.timings.itmMs)}
          </p>
          <ol aria-label="BLIP re-ranked results" className="space-y-1 text-sm">
            {rerank.reranked.map((entry, index) => (
              <li key={entry.imageKey} data-image={byId.get(entry.imageKey)?.name} data-itm-probability={entry.itmProbability} className="flex gap-2">
                <span className="w-5 text-right text-slate-500">{index + 1}</span>
                <span className="flex-1 truncate">{byId.get(entry.imageKey)?.name ?? entry.imageKey}</span>
                <span className="tabular-nums">ITM {(entry.itmProbability * 100).toFixed(1)}%</span>
              </li>
            ))}
          </ol>
          <ol aria-label="BLIP ITC ranking" className="sr-only">
            {rerank.ranking.map((entry) => (
              <li key={entry.imageKey} data-image={byId.get(entry.imageKey)?.name} data-itc-cosine={entry.itcCosine}>
                {byId.get(entry.imageKey)?.name}
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </section>
  );
}
