import { Button } from '../../components/ui/button';
import type { AppErrorData } from '../../shared/errors';
import type { ModelSpec, ModelTask } from '../../shared/model-registry';
import { alternativeSources } from '../../shared/third-party-models';
import { useAppStore } from '../../store/store';
import { TASK_LABELS } from './task-labels';

/**
 * When a model's repository or file is gone (401/404), the registry's other sources for the task,
 * one click each: the click selects that source and loads it.
 */
export function SourceAlternatives({ task, spec, error }: { task: ModelTask; spec: ModelSpec; error: AppErrorData }) {
  if (error.code !== 'source-unavailable') return null;
  const { selectModel, loadModel } = useAppStore.getState();
  const alternatives = alternativeSources(spec);
  const label = TASK_LABELS[task];
  if (alternatives.length === 0) {
    return <p className="text-sm text-slate-700">No other source is known for {label}; enter an exported repository in Settings.</p>;
  }
  return (
    <div role="group" aria-label={`Other sources for ${label}`} className="space-y-1">
      <p className="text-sm text-slate-700">Other sources for {label}:</p>
      <ul className="space-y-1">
        {alternatives.map((other) => (
          <li key={other.id} className="flex flex-wrap items-center gap-2">
            <Button
              size="sm"
              variant="primary"
              onClick={() => {
                selectModel(task, other.id);
                void loadModel(task).catch(() => undefined);
              }}
            >
              Use {other.displayName}
            </Button>
            <span className="text-xs text-slate-600">
              {other.repo}
              {other.unverified ? ' · third-party, names not verified' : ''}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
