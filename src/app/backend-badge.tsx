import { useAppStore } from '../store/store';

export function BackendBadge() {
  const capabilities = useAppStore((state) => state.capabilities);
  const error = useAppStore((state) => state.capabilityError);
  if (error) {
    return (
      <span role="status" aria-label="Backend: unavailable" className="rounded-full bg-red-100 px-3 py-1 text-xs font-medium text-red-800">
        Worker unavailable
      </span>
    );
  }
  if (!capabilities) {
    return (
      <span role="status" aria-label="Backend: checking" className="rounded-full bg-slate-200 px-3 py-1 text-xs text-slate-700">
        Checking device…
      </span>
    );
  }
  const webgpu = capabilities.preferredBackend === 'webgpu';
  const threads = `${capabilities.wasmThreads} ${capabilities.wasmThreads === 1 ? 'thread' : 'threads'}`;
  const skippedSoftware = !webgpu && capabilities.webgpu.software === true;
  const label = webgpu ? `WebGPU · WASM fallback ${threads}` : `WASM · ${threads}${skippedSoftware ? ' · software GPU skipped' : ''}`;
  const title = webgpu
    ? `WebGPU adapter: ${capabilities.webgpu.adapter ?? 'unknown'}${capabilities.webgpu.shaderF16 ? ' (fp16 shaders)' : ''}`
    : (capabilities.preferredReason ?? capabilities.webgpu.reason ?? 'WebGPU unavailable');
  return (
    <span
      role="status"
      aria-label={`Backend: ${label}`}
      title={title}
      className={`rounded-full px-3 py-1 text-xs font-medium ${webgpu ? 'bg-emerald-100 text-emerald-900' : 'bg-amber-100 text-amber-900'}`}
    >
      {label}
    </span>
  );
}
