import { Button } from '../../components/ui/button';
import { Message } from '../../components/ui/message';
import { applyTemplate, checkTemplate } from '../../shared/prompt-template';
import { isCurrent } from '../../store/clip-slice';
import { useAppStore } from '../../store/store';
import { BlipCompareSwitch, BlipLabelScores } from './blip-compare';
import { ClassificationBars } from './classification-bars';
import { ClassifyAllTable } from './classify-all-table';
import { LabelEditor } from './label-editor';
import { PatchMapView } from './patch-map-view';
import { RunSummary } from './run-summary';

export function ClassifyView() {
  const labels = useAppStore((state) => state.clipLabels);
  const template = useAppStore((state) => state.clipTemplate);
  const setTemplate = useAppStore((state) => state.setClipTemplate);
  const images = useAppStore((state) => state.images);
  const activeId = useAppStore((state) => state.activeImageId);
  const classifications = useAppStore((state) => state.classifications);
  const busy = useAppStore((state) => state.clipBusy);
  const classifyImages = useAppStore((state) => state.classifyImages);

  const active = images.find((image) => image.id === activeId);
  const templateCheck = checkTemplate(template);
  const problems = [
    ...(labels.length === 0 ? ['Add at least one label.'] : []),
    ...(templateCheck.ok ? [] : [templateCheck.reason]),
    ...(images.length === 0 ? ['Add an image first.'] : []),
  ];
  const result = active ? classifications[active.id] : undefined;
  const stale = result && !isCurrent(result, labels, template);

  return (
    <div className="space-y-3">
      <LabelEditor />
      <label className="block space-y-1 text-sm">
        <span className="font-medium">Prompt template</span>
        <input
          value={template}
          onChange={(event) => setTemplate(event.target.value)}
          aria-invalid={!templateCheck.ok}
          className="w-full rounded-md border border-slate-300 px-2 py-1.5"
        />
        <span className="block text-xs text-slate-500">
          CLIP learned from captions, not bare words, so each label is wrapped in a sentence; {'{}'} marks the label. The CLIP paper (§3.1.4) reports that
          “A photo of a {'{label}'}.” alone raises ImageNet zero-shot accuracy by 1.3 points.
        </span>
      </label>
      {problems.length > 0 ? (
        <ul aria-label="Why CLIP cannot run yet" className="space-y-1">
          {problems.map((problem) => (
            <li key={problem}>
              <Message tone="warning">{problem}</Message>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button
          variant="primary"
          disabled={problems.length > 0 || !active}
          busy={busy !== undefined}
          onClick={() => active && void classifyImages([active])}
        >
          {busy === 'classify' ? 'Classifying…' : 'Classify'}
        </Button>
        <Button disabled={problems.length > 0} busy={busy !== undefined} onClick={() => void classifyImages(images, 'classify-all')}>
          {busy === 'classify-all' ? 'Classifying all…' : 'Classify all'}
        </Button>
        <BlipCompareSwitch />
      </div>
      <BlipLabelScores />
      {active && result ? (
        <div className="space-y-2">
          {stale ? <Message tone="info">These scores are for earlier labels or template; classify again to update them.</Message> : null}
          <ClassificationBars scores={result.scores} imageName={active.name} />
          {/* The run that scored this image, not the latest one: after "Classify all" and a single Classify they differ. */}
          <RunSummary meta={result.run} labels={result.labels.length} />
          <PatchMapView
            image={active}
            texts={[...result.scores]
              .sort((a, b) => b.probability - a.probability)
              .map((score) => ({ label: score.label, text: applyTemplate(template, score.label) }))}
          />
        </div>
      ) : null}
      <ClassifyAllTable />
    </div>
  );
}
