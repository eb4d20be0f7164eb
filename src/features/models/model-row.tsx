import { useEffect, useMemo } from 'react';
import { Button } from '../../components/ui/button';
import { CauseNotice } from '../../components/ui/cause-notice';
import { ErrorMessage } from '../../components/ui/error-message';
import { Message } from '../../components/ui/message';
import { modelKey } from '../../shared/model-key';
import { availableModels, chosenDtype, isConfigured, offeredDtypes, selectedModel } from '../../store/models/model-refs';
import { formatBytes, formatMs } from '../../shared/format';
import { DTYPE_LABELS, type Dtype, type ModelTask } from '../../shared/model-registry';
import { useErrorView } from '../../store/error-views';
import { useAppStore } from '../../store/store';
import { DownloadProgress } from './download-progress';
import { loadedOn, ortBuildLabel } from './loaded-on';
import { SizeSummary } from './size-summary';
import { SourceAlternatives } from './source-alternatives';
import { TASK_LABELS } from './task-labels';
import { actCapture } from '../../components/ui/act-capture';

export function ModelRow({ task }: { task: ModelTask }) {
  const label = TASK_LABELS[task];
  const settings = useAppStore((state) => state.settings);
  const capabilities = useAppStore((state) => state.capabilities);
  const demoAvailable = useAppStore((state) => state.demoAvailable);
  const load = useAppStore((state) => state.currentLoad(task));
  const inspections = useAppStore((state) => state.inspections);
  const errorView = useErrorView('models', task);
  const { selectModel, setDtype, inspectModel, loadModel, cancelLoad, modelRef, deleteCached, setActionPlace } = useAppStore.getState();

  const spec = selectedModel(task, settings, demoAvailable);
  // modelRef reads settings, capabilities and demoAvailable from the store; they are listed so the ref follows them.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const ref = useMemo(() => modelRef(task), [task, settings, capabilities, demoAvailable, modelRef]);
  const key = ref ? modelKey(ref) : undefined;
  const inspection = key ? inspections[key] : undefined;

  const hostOfferPending = useAppStore((state) => state.hostOfferPending);
  useEffect(() => {
    if (key && capabilities && !hostOfferPending) void inspectModel(task);
  }, [key, capabilities, task, inspectModel, hostOfferPending]);

  const dtype = chosenDtype(spec, settings, capabilities);
  const loading = load?.status === 'loading';
  const headingId = `model-${task}-heading`;

  return (
    // A load started here reports here: the row is where the user is.
    <article
      aria-labelledby={headingId}
      {...actCapture(() => setActionPlace('models'))}
      className="min-w-0 space-y-2 rounded-md border border-slate-200 p-3"
    >
      <h3 id={headingId} className="font-semibold">
        {label}
      </h3>
      <div className="flex flex-wrap gap-2">
        <select
          aria-label={`${label} model`}
          value={spec.id}
          disabled={loading}
          onChange={(event) => selectModel(task, event.target.value)}
          className="min-w-0 max-w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
        >
          {availableModels(task, settings, demoAvailable).map((model) => (
            <option key={model.id} value={model.id}>
              {model.displayName}
            </option>
          ))}
        </select>
        <select
          aria-label={`${label} precision`}
          value={dtype}
          disabled={loading || !isConfigured(spec)}
          onChange={(event) => setDtype(spec.id, event.target.value as Dtype)}
          className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
        >
          {offeredDtypes(spec, capabilities).map((option) => (
            <option key={option} value={option}>
              {DTYPE_LABELS[option]}
            </option>
          ))}
        </select>
      </div>
      {spec.demo ? (
        <p className="rounded bg-amber-100 px-2 py-1 text-xs font-medium text-amber-900">
          Offline demo model: tiny and random — its outputs are meaningless and only exercise the interface.
        </p>
      ) : null}
      {isConfigured(spec) ? (
        <>
          <p className="text-xs text-slate-500">
            {spec.repo} @ {spec.revision.slice(0, 12)} · {spec.license}
          </p>
          {spec.unverified ? <Message tone="info">Third-party export: {spec.unverified}</Message> : null}
          <SizeSummary inspection={inspection} />
        </>
      ) : (
        <Message tone="info">
          {/* Written for someone trying the site: what they can do now. How models get published is behind "Why". */}
          <p>No {label} model can be downloaded from this site yet.</p>
          <p className="mt-1">
            Choose another source in the list above if there is one, or add a model you host under Settings → Add a model.
            {demoAvailable ? ' To see how the interface works, use the offline demo models (Settings).' : ''}
          </p>
          {spec.note ? (
            <details className="mt-1 text-xs">
              <summary className="cursor-pointer">Why</summary>
              {spec.note}
            </details>
          ) : null}
        </Message>
      )}
      <div className="flex flex-wrap items-center gap-2">
        {loading ? (
          <Button onClick={() => cancelLoad(task)} aria-label={`Cancel loading ${label}`}>
            Cancel
          </Button>
        ) : errorView ? null : (
          <Button
            variant="primary"
            disabled={!ref}
            onClick={() => void loadModel(task).catch(() => undefined)}
            aria-label={`${load?.status === 'error' ? 'Retry loading' : load?.status === 'ready' ? 'Reload' : 'Load'} ${label}`}
          >
            {load?.status === 'error' ? 'Retry' : load?.status === 'ready' ? 'Reload' : 'Load'}
          </Button>
        )}
        {load?.status === 'ready' ? (
          <p role="status" aria-label={`${label} status`} title={ortBuildLabel(load.info)} className="text-sm text-emerald-800">
            {loadedOn(load.info)} · {formatBytes(load.info.bytes.total)} in {formatMs(load.info.timings.totalMs)}
            {load.info.bytes.fromCache === load.info.bytes.total ? ' (from cache)' : ''}
          </p>
        ) : null}
      </div>
      {load?.status === 'ready' && load.info.notes.length > 0 ? (
        <ul className="space-y-1">
          {load.info.notes.map((note) => (
            <li key={note}>
              <Message tone="warning">{note}</Message>
            </li>
          ))}
        </ul>
      ) : null}
      {loading ? <DownloadProgress progress={load.progress} label={label} /> : null}
      {/* The cause's message carries the one Retry; a row the same cause reached points to it. */}
      {load?.status === 'error' && errorView ? <CauseNotice view={errorView} /> : null}
      {load?.status === 'error' && !errorView ? <ErrorMessage error={load.error} title={`${label} could not be loaded.`} /> : null}
      {load?.status === 'error' ? <SourceAlternatives task={task} spec={spec} error={load.error} /> : null}
      {load?.status === 'error' && load.error.code === 'model-load-failed' && isConfigured(spec) ? (
        <Button size="sm" variant="danger" onClick={() => void deleteCached(spec.repo, spec.revision).catch(() => undefined)}>
          Delete the stored files of {spec.repo}
        </Button>
      ) : null}
    </article>
  );
}
