import { Button } from '../components/ui/button';
import { loadedOn } from '../features/models/loaded-on';
import { ModelsPanel } from '../features/models/models-panel';
import { TASK_LABELS, TASKS } from '../features/models/task-labels';
import { modelsPanelOpen } from '../store/layout-slice';
import { useAppStore } from '../store/store';
import { actCapture } from '../components/ui/act-capture';

const WORDS = { idle: 'not loaded', loading: 'loading…', ready: 'ready', error: 'failed' } as const;

/**
 * The Models panel is tall (three rows, sizes, the cache) and is needed
 * rarely once models work; it sits below the working area and folds to a
 * one-line status once the models are ready (a failed load opens it again).
 * The user's own Show/Hide wins and is remembered.
 */
export function ModelsSection() {
  // The line follows every load and settings change, so it reads the whole state.
  const state = useAppStore();
  const open = modelsPanelOpen(state);
  const { setModelsPanelChoice, setActionPlace } = state;
  return (
    <section aria-label="Models section" className="space-y-2">
      <div className="flex flex-wrap items-center justify-between gap-2 rounded-md bg-slate-100 px-3 py-2 text-sm">
        <p className="text-slate-700">
          {TASKS.map((task, index) => {
            const load = state.currentLoad(task);
            // Folded, the line stands in for the rows' status, under the same name; open, the rows carry it.
            const ready = load.status === 'ready' && !open;
            return (
              <span key={task} {...(ready ? { role: 'status', 'aria-label': `${TASK_LABELS[task]} status` } : {})}>
                {index > 0 ? ' · ' : ''}
                {TASK_LABELS[task]}: {load.status === 'ready' && !open ? loadedOn(load.info) : WORDS[load.status]}
              </span>
            );
          })}
        </p>
        <Button size="sm" aria-expanded={open} aria-controls="models" onClick={() => setModelsPanelChoice(open ? 'hidden' : 'shown')}>
          {open ? 'Hide models' : 'Show models'}
        </Button>
      </div>
      {/* Only actions in the panel say the user works there: Show/Hide must not, or the fold it decides would change under the click. */}
      {open ? (
        <div {...actCapture(() => setActionPlace('models'))}>
          <ModelsPanel />
        </div>
      ) : null}
    </section>
  );
}
