import { useState } from 'react';
import { Button } from '../../components/ui/button';
import { CauseNotice } from '../../components/ui/cause-notice';
import { Message } from '../../components/ui/message';
import { Panel } from '../../components/ui/panel';
import { downloadText } from '../../lib/csv';
import { formatMs } from '../../shared/format';
import type { ErrorView } from '../../shared/error-view';
import { checkTemplate } from '../../shared/prompt-template';
import { errorViewAt } from '../../store/error-views';
import { useAppStore } from '../../store/store';
import { shareUrl } from '../../store/share-state';
import { AlignmentMaps } from './alignment-maps';
import { ComparisonTable } from './comparison-table';
import { comparisonMarkdown, resultsCsv, resultsJson } from './exports';
import { useEvidence } from './use-evidence';

/** One notice per cause among the three tasks "Run both" runs: its message when the user acted here, else a pointer to it. */
function causeNotices(views: (ErrorView | undefined)[]): ErrorView[] {
  const seen = new Set<string>();
  return views.filter((view): view is ErrorView => {
    const id = view === undefined ? undefined : view.mode === 'message' ? view.id : view.targetId;
    if (id === undefined || seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

export function ComparePanel() {
  const evidence = useEvidence();
  const state = useAppStore();
  const notices = causeNotices((['clip', 'caption', 'vqa'] as const).map((task) => errorViewAt(state, 'compare', task)));
  const failed = evidence.failed ?? {};
  const images = useAppStore((state) => state.images);
  const activeId = useAppStore((state) => state.activeImageId);
  const clipBusy = useAppStore((state) => state.clipBusy);
  const caption = useAppStore((state) => (activeId ? state.captions[activeId] : undefined));
  const lastQa = useAppStore((state) => (activeId ? state.qaHistory[activeId]?.at(-1) : undefined));
  const labels = useAppStore((state) => state.clipLabels);
  const template = useAppStore((state) => state.clipTemplate);
  const vqaConfigured = useAppStore((state) => state.modelRef('vqa') !== undefined);
  const [feedback, setFeedback] = useState<string>();
  const active = images.find((image) => image.id === activeId);
  const blockers = [
    ...(active ? [] : ['Add or select an image.']),
    ...(labels.length === 0 ? ['Add at least one CLIP label.'] : []),
    ...(checkTemplate(template).ok ? [] : ['Fix the CLIP prompt template (it needs {}).']),
  ];
  const running = clipBusy !== undefined || caption?.status === 'running' || lastQa?.status === 'running';

  async function runBoth() {
    if (!active) return;
    const { classifyImages, captionImage, askQuestion, vqaQuestion } = useAppStore.getState();
    const runs: Promise<unknown>[] = [classifyImages([active]), captionImage(active)];
    if (vqaConfigured && vqaQuestion.trim()) runs.push(askQuestion(active, vqaQuestion));
    await Promise.all(runs);
  }

  async function copy(text: string, done: string) {
    await navigator.clipboard.writeText(text);
    setFeedback(done);
  }

  const results = () => resultsJson(useAppStore.getState());
  const actions = (
    <Button variant="primary" disabled={blockers.length > 0 || running} onClick={() => void runBoth()}>
      {running ? 'Running…' : 'Run both'}
    </Button>
  );

  return (
    <Panel
      id="compare"
      onAct={() => state.setActionPlace('compare')}
      title="CLIP vs BLIP, live"
      subtitle="The written comparison's table, checked against what the models just did on your image."
      actions={actions}
    >
      <div className="space-y-3">
        {blockers.length > 0 ? <Message tone="info">{blockers.join(' ')}</Message> : null}
        <ul aria-label="Run status" className="flex flex-wrap gap-x-6 gap-y-1 text-sm text-slate-700">
          <li>
            CLIP:{' '}
            {clipBusy
              ? 'classifying…'
              : evidence.clip.totalMs !== undefined
                ? `classified in ${formatMs(evidence.clip.totalMs)}`
                : failed.clip
                  ? `failed: ${failed.clip}`
                  : 'not run on this image'}
          </li>
          <li>
            BLIP caption:{' '}
            {caption?.status === 'running'
              ? `generating (${caption.tokens} tokens)…`
              : caption?.result
                ? `done in ${formatMs(caption.result.timings.totalMs)}`
                : failed.caption
                  ? `failed: ${failed.caption}`
                  : 'not run on this image'}
          </li>
          <li>
            BLIP VQA:{' '}
            {!vqaConfigured
              ? 'no model configured'
              : lastQa?.status === 'running'
                ? 'answering…'
                : lastQa?.result
                  ? `answered in ${formatMs(lastQa.result.timings.totalMs)}`
                  : failed.vqa
                    ? `failed: ${failed.vqa}`
                    : 'not run on this image'}
          </li>
        </ul>
        {notices.map((view) => (
          <CauseNotice key={view.mode === 'message' ? view.id : view.targetId} view={view} />
        ))}
        <ComparisonTable evidence={evidence} />
        <AlignmentMaps />
        <div className="flex flex-wrap items-center gap-2">
          <Button size="sm" onClick={() => void copy(comparisonMarkdown(evidence), 'Table copied as Markdown.')}>
            Copy table as Markdown
          </Button>
          <Button size="sm" onClick={() => downloadText('multimodal-results.json', `${JSON.stringify(results(), null, 2)}\n`, 'application/json')}>
            Download results (JSON)
          </Button>
          <Button size="sm" onClick={() => downloadText('multimodal-results.csv', resultsCsv(results()))}>
            Download results (CSV)
          </Button>
          <Button
            size="sm"
            onClick={() =>
              void copy(
                shareUrl(useAppStore.getState(), window.location),
                'Link copied: it restores labels, template, question and settings (never images).',
              )
            }
          >
            Copy share link
          </Button>
          {feedback ? (
            <span role="status" className="text-xs text-slate-600">
              {feedback}
            </span>
          ) : null}
        </div>
      </div>
    </Panel>
  );
}
