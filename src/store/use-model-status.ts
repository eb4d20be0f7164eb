/** Props for a feature column's ModelStatus line, from the store's load state for one task. */
import { formatBytes, formatMs, formatPercent } from '../shared/format';
import type { ModelTask } from '../shared/model-registry';
import type { ModelStatusProps } from '../components/ui/model-status';
import { useAppStore } from './store';

export function useModelStatus(task: ModelTask, label: string, tone: 'clip' | 'blip'): ModelStatusProps {
  const load = useAppStore((state) => state.loads[task]);
  const { loadModel, cancelLoad } = useAppStore.getState();
  const base = { label, tone, onLoad: () => void loadModel(task).catch(() => undefined), onCancel: () => cancelLoad(task) };
  if (!load || load.status === 'idle') return { ...base, status: 'idle' };
  if (load.status === 'error') return { ...base, status: 'error', error: load.error };
  if (load.status === 'loading') {
    const overall = load.progress?.overall;
    return {
      ...base,
      status: 'loading',
      ...(load.progress ? { progress: { phase: load.progress.phase, loaded: overall?.loaded ?? 0, total: overall?.total ?? 0 } } : {}),
      ...(overall && overall.total > 0
        ? { progressText: `${formatBytes(overall.loaded)} of ${formatBytes(overall.total)} · ${formatPercent(overall.loaded / overall.total)}` }
        : {}),
    };
  }
  const { info } = load;
  const backend = info.backend === 'webgpu' ? 'WebGPU' : `WASM ${info.threads}×`;
  return {
    ...base,
    status: 'ready',
    summary: `${info.displayName} · ${backend} · ${info.dtype} · ${formatBytes(info.bytes.total)} · loaded in ${formatMs(info.timings.totalMs)}`,
  };
}
