/**
 * The worker's model manager and backend policy, created on first use. This
 * module pulls in ONNX Runtime, so it is only ever imported dynamically.
 */
import type { Capabilities } from '../../shared/protocol';
import { withDeadlines } from '../delivery/timed-fetch';
import { BackendPolicy } from '../runtime/backend-policy';
import { ortWasmUrls } from '../runtime/ort-wasm-url';
import { createBlipEngine, type BlipEngine } from '../models/blip';
import { createItmEngine, type ItmEngine } from '../models/blip-itm/itm-engine';
import { createClipEngine, type ClipEngine } from '../models/clip/clip-engine';
import { ModelManager } from '../models/model-manager';
import { sleep } from '../sleep';
import { modelCache } from './cache-service';

export interface ServiceEnvironment {
  capabilities(): Promise<Capabilities>;
  notify(level: 'info' | 'warning', message: string): void;
}

/** The engine each task runs on; services get these types from `run()` without casting. */
export interface TaskEngines {
  clip: ClipEngine;
  caption: BlipEngine;
  vqa: BlipEngine;
  itm: ItmEngine;
}

export type TaskModelManager = ModelManager<TaskEngines>;

let manager: TaskModelManager | undefined;

export function modelManager(env: ServiceEnvironment): TaskModelManager {
  manager ??= new ModelManager<TaskEngines>({
    fetch: withDeadlines((input, init) => fetch(input, init)),
    sleep,
    cache: modelCache(),
    policy: new BackendPolicy(env.capabilities),
    capabilities: env.capabilities,
    wasmUrls: ortWasmUrls(self.location.href),
    engines: { clip: createClipEngine, caption: createBlipEngine, vqa: createBlipEngine, itm: createItmEngine },
    notify: env.notify,
  });
  return manager;
}
