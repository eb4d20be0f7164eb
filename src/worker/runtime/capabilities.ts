/**
 * What this device can run: probed inside the worker, because that is where
 * sessions live (WebGPU in a worker can differ from the page).
 */
import type { Backend, Capabilities } from '../../shared/protocol';
import { gpuOf, type GpuAdapterInfoLike, type GpuAdapterLike } from './webgpu-types';

export interface ProbeEnvironment {
  navigator: unknown;
  crossOriginIsolated: boolean;
}

const MAX_WASM_THREADS = 4;

export async function probeCapabilities(env: ProbeEnvironment): Promise<Capabilities> {
  const cores = hardwareConcurrencyOf(env.navigator);
  const webgpu = await probeWebGpu(env.navigator);
  const wasmThreads = env.crossOriginIsolated ? Math.max(1, Math.min(MAX_WASM_THREADS, cores)) : 1;
  const preferredBackend: Backend = webgpu.available && !webgpu.software ? 'webgpu' : 'wasm';
  return {
    webgpu,
    crossOriginIsolated: env.crossOriginIsolated,
    hardwareConcurrency: cores,
    wasmThreads,
    preferredBackend,
    ...(webgpu.software ? { preferredReason: softwareReason(webgpu.adapter) } : {}),
  };
}

function hardwareConcurrencyOf(nav: unknown): number {
  const value = (nav as { hardwareConcurrency?: unknown } | null)?.hardwareConcurrency;
  return typeof value === 'number' && value > 0 ? value : 1;
}

async function probeWebGpu(nav: unknown): Promise<Capabilities['webgpu']> {
  const gpu = gpuOf(nav);
  if (!gpu) return { available: false, shaderF16: false, reason: 'This browser has no WebGPU.' };
  try {
    const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    if (!adapter) {
      return { available: false, shaderF16: false, reason: 'WebGPU is present but no GPU adapter is available.' };
    }
    return {
      available: true,
      adapter: describeAdapter(adapter.info),
      shaderF16: adapter.features.has('shader-f16'),
      ...(isSoftwareAdapter(adapter) ? { software: true } : {}),
    };
  } catch (error) {
    return {
      available: false,
      shaderF16: false,
      reason: `Requesting a WebGPU adapter failed: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

function describeAdapter(info: GpuAdapterInfoLike | undefined): string {
  if (!info) return 'unknown GPU';
  const parts = [info.vendor, info.architecture, info.description || info.device].filter(
    (part): part is string => typeof part === 'string' && part.length > 0,
  );
  return parts.length > 0 ? parts.join(' · ') : 'unknown GPU';
}

/** Renderers that run WebGPU on the CPU; browsers hand them out when the GPU is blocklisted or absent. */
const SOFTWARE_RENDERERS = /swiftshader|llvmpipe|lavapipe|softpipe|microsoft basic render/i;

function isSoftwareAdapter(adapter: GpuAdapterLike): boolean {
  if (adapter.isFallbackAdapter === true || adapter.info?.isFallbackAdapter === true) return true;
  const info = adapter.info;
  if (!info) return false;
  return [info.vendor, info.architecture, info.description, info.device].some((part) => typeof part === 'string' && SOFTWARE_RENDERERS.test(part));
}

// On the demo models a caption took 43.7 s on SwiftShader vs 0.72 s on WASM (measured for issue 17).
function softwareReason(adapter: string | undefined): string {
  return `Auto uses WASM: the only WebGPU adapter (${adapter ?? 'unknown'}) runs on the CPU in software, many times slower than WASM. Choose WebGPU under Settings → Device to use it anyway.`;
}
