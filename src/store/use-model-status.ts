/**
 * A feature column's model line, from the store's load state for one task.
 * The shape is the store's own (components/ui/model-status accepts it as
 * props): the store must not depend on UI components.
 */
import type { AppErrorData } from '../shared/errors';
import { formatBytes, formatMs, formatPercent } from '../shared/format';
import type { ModelTask } from '../shared/model-registry';
import { useAppStore } from './store';

export interface ModelStatusView {
  label: string;
  status: 'idle' | 'loading' | 'ready' | 'error';
  summary?: string;
  progress?: { phase: string; loaded: number; total: number };
  progressText?: string;
  error?: AppErrorData;
  tone: 'clip' | 'blip';
  onLoad(): void;
  onCancel(): void;
}

export function useModelStatus(task: ModelTask, label: string, tone: 'clip' | 'blip'): ModelStatusView {
  const load = useAppStore((state) => state.currentLoad(task));
  const { loadModel, cancelLoad } = useAppStore.getState();
  const base = { label, tone, onLoad: () => void loadModel(task).catch(() => undefined), onCancel: () => cancelLoad(task) };
  if (load.status === 'idle') return { ...base, status: 'idle' };
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
