/**
 * The deploy's existence check (scripts/check-model-urls.mjs) against the fake hub:
 * the URL list comes from the same functions the build uses (manifest → defaults →
 * model URLs), with the fixture models standing in for the published ones.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkModelUrls, describeMissing } from '../scripts/check-model-urls.mjs';
import { defaultModels, type ModelsManifest } from '../src/shared/default-models';
import { MODEL_TASKS } from '../src/shared/model-registry';
import { THIRD_PARTY_MODELS } from '../src/shared/third-party-models';
import { modelUrls } from '../src/shared/model-urls';
import { startFakeHub, type FakeHub } from './servers/fake-hub';
import { FIXTURE_REPOS, fixtureEntry as entry } from './support/manifest';
import { FIXTURE_MODELS as ROOT } from './support/test';

const HUB_TEMPLATE = '{repo}/resolve/{revision}/{file}';

let hub: FakeHub;
beforeAll(async () => {
  hub = await startFakeHub(ROOT);
});
afterAll(async () => hub.close());

describe('the deploy existence check', () => {
  const manifest: ModelsManifest = { schema: 1, models: MODEL_TASKS.map((task) => entry(task)) };
  const urls = () => modelUrls(defaultModels(manifest, MODEL_TASKS), { host: hub.url, pathTemplate: HUB_TEMPLATE });

  it('passes when every default file exists at its revision', async () => {
    hub.clearFaults();
    const list = urls();
    expect(list.length).toBe(manifest.models.reduce((sum, model) => sum + model.files.length, 0));
    expect(await checkModelUrls(list)).toEqual([]);
    expect(hub.requests.filter((request) => request.method === 'HEAD')).toHaveLength(list.length);
  });

  it('fails naming the one file that is missing', async () => {
    hub.clearFaults();
    hub.fault(/^onnx\/text_encoder_model_quantized\.onnx$/, { kind: 'status', status: 404 });
    const missing = await checkModelUrls(urls());
    expect(missing.map((item) => [item.modelId, item.file, item.reason])).toEqual([
      ['blip-vqa-base', 'onnx/text_encoder_model_quantized.onnx', 'HTTP 404'],
    ]);
    expect(describeMissing(missing)).toContain('blip-vqa-base: onnx/text_encoder_model_quantized.onnx (HTTP 404)');
    hub.clearFaults();
  });

  it('checks every dtype of a third-party choice by the registry layout', async () => {
    const choice = { ...THIRD_PARTY_MODELS.find((spec) => spec.task === 'clip')!, repo: FIXTURE_REPOS.clip, dtypes: ['fp32', 'q8', 'fp16'] as const };
    const missing = await checkModelUrls(modelUrls([choice], { host: hub.url, pathTemplate: HUB_TEMPLATE }));
    expect(missing.map((item) => item.file).sort()).toEqual(['onnx/text_model_fp16.onnx', 'onnx/vision_model_fp16.onnx']);
  });

  it('looks up folders deployed beside the site in the built site', async () => {
    const beside: ModelsManifest = { schema: 1, models: [entry('clip', { host: 'models/', pathTemplate: '{repo}/{file}' })] };
    const list = modelUrls(defaultModels(beside, MODEL_TASKS));
    expect(list[0]?.url).toBe('models/fixtures/tiny-clip/config.json');
    expect(await checkModelUrls(list, { siteRoot: 'e2e/fixtures' })).toEqual([]);
    const gone = await checkModelUrls(list, { siteRoot: 'e2e' });
    expect(gone).toHaveLength(list.length);
  });
});
