import { Panel } from '../../components/ui/panel';
import { CacheList } from './cache-list';
import { ModelRow } from './model-row';
import { TASKS } from './task-labels';

export function ModelsPanel() {
  return (
    <Panel id="models" title="Models" subtitle="Downloaded once, verified, and kept in this browser. Sizes are shown before anything downloads.">
      <div className="space-y-3">
        <div className="grid gap-3 md:grid-cols-3">
          {TASKS.map((task) => (
            <ModelRow key={task} task={task} />
          ))}
        </div>
        <CacheList />
      </div>
    </Panel>
  );
}
