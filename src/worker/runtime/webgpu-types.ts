/** The slice of the WebGPU API the probe uses (TypeScript's lib has no WebGPU types). */
export interface GpuAdapterInfoLike {
  vendor?: string;
  architecture?: string;
  description?: string;
  device?: string;
  /** Newer Chromium reports it here rather than on the adapter. */
  isFallbackAdapter?: boolean;
}

export interface GpuAdapterLike {
  features: { has(name: string): boolean };
  info?: GpuAdapterInfoLike;
  isFallbackAdapter?: boolean;
}

export interface GpuLike {
  requestAdapter(options?: { powerPreference?: 'high-performance' | 'low-power' }): Promise<GpuAdapterLike | null>;
}

export function gpuOf(nav: unknown): GpuLike | undefined {
  if (typeof nav !== 'object' || nav === null || !('gpu' in nav)) return undefined;
  return (nav as { gpu?: GpuLike }).gpu;
}
