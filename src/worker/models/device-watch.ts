/**
 * Watches the WebGPU device ORT uses. After a device loss every later load
 * goes to WASM (the policy remembers), and the owner drops its WebGPU models.
 */
import type { BackendPolicy } from '../runtime/backend-policy';
import type { Ort } from '../runtime/ort-env';

interface LostInfo {
  message?: string;
  reason?: string;
}

export interface DeviceWatchDeps {
  policy: BackendPolicy;
  /** The WebGPU device ORT uses (tests substitute one whose loss they control). */
  webgpuDevice?: (ort: Ort) => Promise<unknown>;
  /** Called once, with the browser's reason, when the device is lost. */
  onLost(reason: string): Promise<void>;
}

function ortWebgpuDevice(ort: Ort): Promise<unknown> {
  try {
    return Promise.resolve(ort.env.webgpu.device);
  } catch (error) {
    return Promise.reject(error);
  }
}

export class DeviceWatch {
  /** Settles once a WebGPU device loss has been handled. */
  private deviceLoss: Promise<void> | undefined;

  constructor(private readonly deps: DeviceWatchDeps) {}

  watch(ort: Ort): void {
    if (this.deviceLoss) return;
    this.deviceLoss = (this.deps.webgpuDevice ?? ortWebgpuDevice)(ort)
      .then((device) => (device as { lost?: Promise<LostInfo> } | undefined)?.lost)
      .then(async (lost) => {
        if (!lost) return new Promise<void>(() => undefined);
        const reason = lost.message || lost.reason || 'the GPU device was lost';
        this.deps.policy.markWebgpuFailed(reason);
        await this.deps.onLost(reason);
      });
  }

  /** Whether WebGPU is (or, within a short grace period, turns out to be) lost. */
  async lost(graceMs: number): Promise<boolean> {
    if (this.deps.policy.webgpuFailed) return true;
    if (!this.deviceLoss) return false;
    const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), graceMs));
    return Promise.race([
      this.deviceLoss.then(
        () => true,
        () => false,
      ),
      timeout,
    ]);
  }
}
