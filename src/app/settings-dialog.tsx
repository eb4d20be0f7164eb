import { useEffect, useRef, useState } from 'react';
import { Button } from '../components/ui/button';
import { ModelSettings } from '../features/models/model-settings';
import { inferenceApi } from '../lib/inference-worker';
import { AppError } from '../shared/errors';
import { useAppStore } from '../store/store';
import { PrivacySettings } from './privacy-settings';

export interface SettingsDialogProps {
  open: boolean;
  onClose(): void;
}

export function SettingsDialog({ open, onClose }: SettingsDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby="settings-title"
      onClose={onClose}
      className="m-auto w-[min(40rem,calc(100vw-2rem))] rounded-lg p-0 shadow-xl backdrop:bg-slate-900/50"
    >
      <div className="space-y-5 p-5">
        <header className="flex items-center justify-between">
          <h2 id="settings-title" className="text-lg font-semibold">
            Settings
          </h2>
          <Button variant="ghost" aria-label="Close settings" onClick={onClose}>
            ✕
          </Button>
        </header>
        <ModelSettings />
        <DeviceDetails />
        <PrivacySettings />
        <WorkerCheck />
      </div>
    </dialog>
  );
}

function DeviceDetails() {
  const capabilities = useAppStore((state) => state.capabilities);
  const restarts = useAppStore((state) => state.workerRestarts);
  if (!capabilities) return <p className="text-sm text-slate-600">Checking this device…</p>;
  const rows: [string, string][] = [
    ['WebGPU', capabilities.webgpu.available ? `yes — ${capabilities.webgpu.adapter ?? 'unknown adapter'}` : `no — ${capabilities.webgpu.reason ?? ''}`],
    ['fp16 shaders (shader-f16)', capabilities.webgpu.shaderF16 ? 'yes' : 'no'],
    ['Cross-origin isolated', capabilities.crossOriginIsolated ? 'yes (multithreaded WASM possible)' : 'no (WASM runs on one thread)'],
    ['CPU cores reported', String(capabilities.hardwareConcurrency)],
    ['WASM threads', String(capabilities.wasmThreads)],
    ['Worker restarts', String(restarts)],
  ];
  return (
    <section aria-labelledby="device-heading">
      <h3 id="device-heading" className="mb-2 font-medium">
        This device
      </h3>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        {rows.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="text-slate-600">{term}</dt>
            <dd className="break-words">{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function WorkerCheck() {
  const [status, setStatus] = useState<string>();
  async function check() {
    setStatus('Waiting for the worker…');
    const started = performance.now();
    try {
      await inferenceApi.ping();
      setStatus(`Worker answered in ${(performance.now() - started).toFixed(1)} ms.`);
    } catch (error) {
      setStatus(error instanceof AppError ? `${error.message} ${error.action ?? ''}` : String(error));
    }
  }
  return (
    <section aria-labelledby="diagnostics-heading" className="space-y-2">
      <h3 id="diagnostics-heading" className="font-medium">
        Diagnostics
      </h3>
      <div className="flex flex-wrap items-center gap-3">
        <Button onClick={() => void check()}>Check worker</Button>
        <p role="status" className="text-sm text-slate-700">
          {status}
        </p>
      </div>
    </section>
  );
}
