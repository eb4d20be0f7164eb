/**
 * Decides which backend a model loads on, and remembers when WebGPU failed
 * (device lost, or a session that would not create) so later loads go
 * straight to WASM instead of failing again.
 */
import type { Backend, Capabilities, DeviceSetting } from '../../shared/protocol';

export interface BackendChoice {
  backend: Backend;
  /** Why the choice differs from what the setting asked for. */
  note?: string;
  /** WASM because WebGPU failed in this worker (not by setting or preference). */
  afterWebgpuFailure?: true;
}

export class BackendPolicy {
  private webgpuFailure: string | undefined;

  constructor(private readonly capabilities: () => Promise<Capabilities>) {}

  async choose(setting: DeviceSetting): Promise<BackendChoice> {
    if (setting === 'wasm') return { backend: 'wasm' };
    const caps = await this.capabilities();
    if (this.webgpuFailure) {
      return { backend: 'wasm', note: `Running on WASM because WebGPU failed earlier: ${this.webgpuFailure}`, afterWebgpuFailure: true };
    }
    if (!caps.webgpu.available) {
      return setting === 'webgpu'
        ? { backend: 'wasm', note: `WebGPU was requested but is not available (${caps.webgpu.reason ?? 'no adapter'}); running on WASM.` }
        : { backend: 'wasm' };
    }
    if (setting === 'auto' && caps.preferredBackend === 'wasm') return { backend: 'wasm' };
    return { backend: 'webgpu' };
  }

  markWebgpuFailed(reason: string): void {
    this.webgpuFailure ??= reason;
  }

  get webgpuFailed(): string | undefined {
    return this.webgpuFailure;
  }
}
