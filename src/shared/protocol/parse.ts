/**
 * Checks what arrives at the worker before a handler sees it. Each request
 * type has its own payload check in a table keyed by `RequestType`, so the
 * compiler flags a request added to the map but not here. The checks cover
 * shape, not meaning: handlers still refuse payloads that are well-formed
 * but wrong (a model of another task, an unknown image).
 */
import { AppError } from '../errors';
import type { RequestId, UiToWorker, WorkerRequest } from './envelope';
import { isRequestType, type RequestType } from './request-map';

/** Why a payload is malformed, or undefined when it is fine. */
type PayloadCheck = (payload: Record<string, unknown>) => string | undefined;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isStringArray = (value: unknown) => Array.isArray(value) && value.every((item) => typeof item === 'string');

function field(payload: Record<string, unknown>, name: string, ok: (value: unknown) => boolean, what: string): string | undefined {
  return ok(payload[name]) ? undefined : `${name} must be ${what}`;
}

function first(...reasons: (string | undefined)[]): string | undefined {
  return reasons.find((reason) => reason !== undefined);
}

function modelRefProblem(value: unknown): string | undefined {
  if (!isRecord(value)) return 'model must be an object';
  const { spec, source } = value;
  if (!isRecord(spec) || typeof spec.id !== 'string' || typeof spec.task !== 'string' || typeof spec.repo !== 'string') {
    return 'model.spec must name id, task and repo';
  }
  if (!isRecord(source) || typeof source.host !== 'string' || typeof source.pathTemplate !== 'string') {
    return 'model.source must name host and pathTemplate';
  }
  return first(
    field(value, 'dtype', (dtype) => typeof dtype === 'string', 'a string'),
    field(value, 'device', (device) => device === 'auto' || device === 'webgpu' || device === 'wasm', 'auto, webgpu or wasm'),
    value.wasmDtype === undefined ? undefined : field(value, 'wasmDtype', (dtype) => typeof dtype === 'string', 'a string'),
  );
}

const decodingProblem = (value: unknown) =>
  isRecord(value) && (value.strategy === 'greedy' || value.strategy === 'beam' || value.strategy === 'sample') && typeof value.maxNewTokens === 'number'
    ? undefined
    : 'decoding must name a strategy and maxNewTokens';

const none: PayloadCheck = () => undefined;
const string =
  (name: string): PayloadCheck =>
  (payload) =>
    field(payload, name, (value) => typeof value === 'string', 'a string');
const strings =
  (name: string): PayloadCheck =>
  (payload) =>
    field(payload, name, isStringArray, 'an array of strings');
const number =
  (name: string): PayloadCheck =>
  (payload) =>
    field(payload, name, (value) => typeof value === 'number', 'a number');
const optional =
  (name: string, check: PayloadCheck): PayloadCheck =>
  (payload) =>
    payload[name] === undefined ? undefined : check(payload);
const all =
  (...checks: PayloadCheck[]): PayloadCheck =>
  (payload) =>
    first(...checks.map((check) => check(payload)));
const model: PayloadCheck = (payload) => modelRefProblem(payload.model);
const decoding: PayloadCheck = (payload) => decodingProblem(payload.decoding);

const PAYLOAD_CHECKS: { [K in RequestType]: PayloadCheck } = {
  ping: all(
    string('message'),
    optional('delayMs', (payload) => field(payload, 'delayMs', (value) => typeof value === 'number', 'a number')),
  ),
  probe: none,
  'runtime:build': (payload) => field(payload, 'build', (build) => build === 'webgpu' || build === 'wasm-only', 'webgpu or wasm-only'),
  'models:inspect': model,
  'models:load': model,
  'models:unload': string('task'),
  'cache:list': none,
  'cache:delete': all(optional('repo', string('repo')), optional('revision', string('revision'))),
  'images:put': (payload) =>
    Array.isArray(payload.images) &&
    payload.images.every((image) => isRecord(image) && typeof image.key === 'string' && image.data instanceof Uint8ClampedArray)
      ? undefined
      : 'images must be an array of { key, width, height, data }',
  'images:drop': strings('keys'),
  'clip:classify': all(model, strings('imageKeys'), strings('labels'), string('template')),
  'clip:search': all(model, strings('imageKeys'), string('query')),
  'clip:patch-map': all(model, string('imageKey'), string('text')),
  'blip:caption': all(model, string('imageKey'), optional('prompt', string('prompt')), decoding),
  'blip:answer': all(model, string('imageKey'), string('question'), decoding),
  'blip:encode': all(model, strings('imageKeys')),
  'itm:score': all(model, string('imageKey'), strings('labels'), string('template')),
  'itm:search': all(model, strings('imageKeys'), string('query'), number('topK'), optional('firstStage', strings('firstStage'))),
};

export function messageId(message: unknown): RequestId | undefined {
  if (!isRecord(message)) return undefined;
  return typeof message.id === 'number' ? message.id : undefined;
}

/** A message from the UI, or a bad-request error that says what is wrong with it. */
export function parseUiMessage(message: unknown): UiToWorker | AppError {
  const bad = (why: string) => new AppError({ code: 'bad-request', message: `The worker received a malformed message: ${why}.` });
  if (!isRecord(message)) return bad('not an object');
  const id = messageId(message);
  if (id === undefined) return bad('missing numeric id');
  if (message.kind === 'cancel') return { kind: 'cancel', id };
  if (message.kind !== 'request') return bad(`unknown kind ${JSON.stringify(message.kind)}`);
  const { type, payload } = message;
  if (!isRequestType(type)) return bad(`unknown request type ${JSON.stringify(type)}`);
  if (!isRecord(payload)) return bad('missing payload');
  const problem = PAYLOAD_CHECKS[type](payload);
  if (problem) return bad(`${type}: ${problem}`);
  return message as WorkerRequest;
}
