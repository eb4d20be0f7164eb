/** Creates ONNX Runtime sessions on the chosen backend and names the file when one fails. */
import type { Backend } from '../../shared/protocol';
import { runExclusive } from './exclusive';
import type { Ort, OrtSession } from './ort-env';

export class SessionCreateError extends Error {
  constructor(
    readonly path: string,
    readonly backend: Backend,
    override readonly cause: unknown,
  ) {
    super(`${path} could not be loaded on ${backend}: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'SessionCreateError';
  }
}

export interface SessionExtras {
  /** Output names that stay on the GPU (WebGPU only), e.g. KV caches. */
  gpuOutputs?: readonly string[];
  /** ONNX external data files, by the location the model records (relative to the model file). */
  externalData?: readonly { path: string; data: Uint8Array }[];
}

export function createSession(ort: Ort, bytes: Uint8Array, path: string, backend: Backend, extras: SessionExtras = {}): Promise<OrtSession> {
  const options: Parameters<Ort['InferenceSession']['create']>[1] = {
    executionProviders: [backend],
    graphOptimizationLevel: 'all',
  };
  if (extras.externalData?.length) options.externalData = [...extras.externalData];
  if (backend === 'webgpu' && extras.gpuOutputs?.length) {
    options.preferredOutputLocation = Object.fromEntries(extras.gpuOutputs.map((name) => [name, 'gpu-buffer' as const]));
  }
  // Session creation initialises the runtime on first use; doing it inside the
  // inference queue keeps two initialisations from racing.
  return runExclusive(async () => {
    try {
      return await ort.InferenceSession.create(bytes, options);
    } catch (error) {
      throw new SessionCreateError(path, backend, error);
    }
  });
}
