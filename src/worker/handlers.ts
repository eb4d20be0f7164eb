/**
 * Request handlers: one per request type, checked exhaustively by `Handlers`.
 * Handlers that need ONNX Runtime import it lazily, so starting the worker
 * (and answering the capability probe) downloads none of it.
 */
import type { Capabilities } from '../shared/protocol';
import type { Handlers } from './dispatcher';
import { probeCapabilities } from './runtime/capabilities';
import { pinOrtBuild } from './runtime/ort-build';
import { dropImage, putImages } from './services/image-store';
import type { ServiceEnvironment } from './services/runtime-services';
import { sleep } from './sleep';

export interface WorkerScope {
  navigator: unknown;
  crossOriginIsolated: boolean;
  notify?(level: 'info' | 'warning', message: string): void;
}

export function createHandlers(scope: WorkerScope): Handlers {
  let probed: Promise<Capabilities> | undefined;
  const capabilities = () => (probed ??= probeCapabilities({ navigator: scope.navigator, crossOriginIsolated: scope.crossOriginIsolated }));
  const env: ServiceEnvironment = { capabilities, notify: scope.notify ?? (() => undefined) };
  const runtime = () => import('./services/runtime-services');
  const models = async () => (await runtime()).modelManager(env);
  const cache = () => import('./services/cache-service');

  return {
    async ping(payload, { signal }) {
      if (payload.delayMs) await sleep(payload.delayMs, signal);
      return { message: payload.message, workerTime: performance.now() };
    },
    probe: () => capabilities(),
    async 'runtime:build'({ build }) {
      return { build: pinOrtBuild(build) };
    },
    async 'models:inspect'({ model }, { signal }) {
      return (await cache()).inspect(model, signal);
    },
    async 'models:load'({ model }, { signal, progress }) {
      return (await models()).load(model, { signal, progress });
    },
    async 'models:unload'({ task }) {
      return { unloaded: await (await models()).unload(task) };
    },
    async 'cache:list'() {
      return (await cache()).listCachedModels();
    },
    async 'cache:delete'({ repo, revision }) {
      const store = (await cache()).modelCache();
      return store.remove(repo === undefined ? undefined : { repo, revision: revision ?? 'main' });
    },
    async 'images:put'({ images }) {
      return { stored: putImages(images) };
    },
    async 'images:drop'({ keys }) {
      keys.forEach(dropImage);
      return { stored: putImages([]) };
    },
    async 'clip:classify'(payload, { signal, progress }) {
      return (await runtime()).classifyImages(await models(), payload, { signal, progress });
    },
    async 'clip:search'(payload, { signal, progress }) {
      return (await runtime()).searchImages(await models(), payload, { signal, progress });
    },
    async 'clip:patch-map'(payload, { signal, progress }) {
      return (await runtime()).patchMap(await models(), payload, { signal, progress });
    },
    async 'blip:caption'(payload, context) {
      return (await runtime()).captionImage(await models(), payload, context);
    },
    async 'blip:answer'(payload, context) {
      return (await runtime()).answerQuestion(await models(), payload, context);
    },
    async 'blip:encode'(payload, context) {
      return (await runtime()).encodeImages(await models(), payload, context);
    },
    async 'itm:score'(payload, { signal, progress }) {
      return (await runtime()).scoreWithItm(await models(), payload, { signal, progress });
    },
    async 'itm:search'(payload, { signal, progress }) {
      return (await runtime()).rerankWithItm(await models(), payload, { signal, progress });
    },
  };
}
