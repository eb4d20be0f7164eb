/**
 * DESIGN §6: after a worker crash or hang the request is retried once on WASM,
 * because the usual cause (a GPU driver fault, device loss, a shader that never
 * returns) would strike again on WebGPU.
 */
import type { DeviceSetting, ModelRef, PayloadOf, RequestType } from '../shared/protocol';

function hasModel(payload: unknown): payload is { model: ModelRef } {
  if (typeof payload !== 'object' || payload === null || !('model' in payload)) return false;
  const model: unknown = payload.model;
  return typeof model === 'object' && model !== null && 'device' in model;
}

/** The same payload with its model (if it names one) pinned to WASM. */
export function onWasm<K extends RequestType>(payload: PayloadOf<K>): PayloadOf<K> {
  if (!hasModel(payload) || payload.model.device === 'wasm') return payload;
  const device: DeviceSetting = 'wasm';
  return { ...payload, model: { ...payload.model, device } };
}
