/**
 * The worker's model manager and backend policy, created on first use. This
 * module pulls in ONNX Runtime, so it is only ever imported dynamically.
 */
import type { ModelTask } from '../../shared/model-registry';
import type { Capabilities } from '../../shared/protocol';
import { withDeadlines } from '../delivery/timed-fetch';
import { BackendPolicy } from '../runtime/backend-policy';
import { ORT_WASM_URL } from '../runtime/ort-wasm-url';
import { createBlipEngine } from '../models/blip';
import { createClipEngine } from '../models/clip/clip-engine';
import type { EngineFactory } from '../models/engine';
import { ModelManager } from '../models/model-manager';
import { sleep } from '../sleep';
import { modelCache } from './cache-service';

export interface ServiceEnvironment {
  capabilities(): Promise<Capabilities>;
  notify(level: 'info' | 'warning', message: string): void;
}

const ENGINES: Record<ModelTask, EngineFactory> = {
  clip: createClipEngine,
  caption: createBlipEngine,
  vqa: createBlipEngine,
};

let manager: ModelManager | undefined;

export function modelManager(env: ServiceEnvironment): ModelManager {
  manager ??= new ModelManager({
    fetch: withDeadlines((input, init) => fetch(input, init)),
    sleep,
    cache: modelCache(),
    policy: new BackendPolicy(env.capabilities),
    capabilities: env.capabilities,
    wasmUrl: new URL(ORT_WASM_URL, self.location.href).href,
    engines: ENGINES,
    notify: env.notify,
  });
  return manager;
}
