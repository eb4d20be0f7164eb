// @vitest-environment jsdom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { BlipPanel } from '../features/blip/blip-panel';
import { ClipPanel } from '../features/clip/clip-panel';
import { ComparePanel } from '../features/compare/compare-panel';
import { ModelsPanel } from '../features/models/models-panel';
import { OfflineDemoOffer } from '../features/models/offline-demo-offer';
import { AppError } from '../shared/errors';
import { MODEL_TASKS } from '../shared/model-registry';
import { fakeImage, installFakeStore, loadedInfo } from '../store/testing/fake-api';
import { press } from '../components/ui/testing/press';

afterEach(cleanup);

/** Every model on a host that cannot be reached (the demo models still load), and a gallery of one image. */
function unreachableHost() {
  const fake = installFakeStore({
    load: async (model) => {
      if (model.spec.demo) return loadedInfo(model);
      throw new AppError({
        code: 'download-failed',
        message: 'Downloading config.json from far.example failed 4 times.',
        detail: 'GET https://far.example/…',
      });
    },
  });
  for (const task of MODEL_TASKS) {
    const demo = fake.store.getState().modelRef(task)!;
    fake.store.getState().addCustomModel({ ...demo.spec, id: `far-${task}`, demo: false, fixedSource: undefined });
  }
  const image = fakeImage('a');
  act(() => fake.store.setState({ images: [image], activeImageId: 'a' }));
  return fake;
}

function renderEverywhere() {
  render(
    <>
      <OfflineDemoOffer />
      <ClipPanel />
      <BlipPanel />
      <ComparePanel />
      <ModelsPanel />
    </>,
  );
}

describe('one message per cause', () => {
  it('"Run both" on an unreachable host shows one error, with one Retry and one demo offer, and the other panels point to it', async () => {
    const { store } = unreachableHost();
    renderEverywhere();
    await act(async () => {
      press(screen.getByRole('button', { name: 'Run both' }));
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    for (const task of ['clip', 'caption', 'vqa'] as const) expect(store.getState().currentLoad(task).status).toBe('error');

    const alerts = screen.getAllByRole('alert');
    expect(alerts).toHaveLength(1);
    const compare = screen.getByRole('region', { name: 'CLIP vs BLIP, live' });
    expect(within(compare).getByRole('alert').textContent).toContain('CLIP, BLIP captioning and BLIP VQA could not be loaded.');
    expect(within(compare).getByRole('alert').textContent).toContain('from far.example failed 4 times');
    expect(within(compare).getByRole('alert').textContent).toMatch(/Tried: .*, from /);
    expect(screen.getAllByRole('button', { name: /^Retry/ })).toHaveLength(1);
    expect(screen.getAllByRole('button', { name: 'Use offline demo models' })).toHaveLength(1);
    // The CLIP and BLIP panels and the Models rows say why in one line and link to the message.
    const links = screen.getAllByRole('link', { name: 'See the message under “CLIP vs BLIP, live”' });
    expect(links.length).toBeGreaterThanOrEqual(5);
    // The comparison says why its cells are empty instead of "not run".
    expect(within(compare).getByRole('list', { name: 'Run status' }).textContent).toContain('CLIP: failed: the model could not be loaded from');
    expect(within(compare).getByRole('table', { name: 'CLIP versus BLIP' }).textContent).not.toContain('not run yet');

    await act(async () => {
      press(within(compare).getByRole('button', { name: 'Retry loading CLIP, BLIP captioning and BLIP VQA' }));
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(screen.getAllByRole('alert')).toHaveLength(1);
  });

  it('shows the message where the user acted: a Classify that fails keeps it in the CLIP panel', async () => {
    unreachableHost();
    renderEverywhere();
    const clip = screen.getByRole('region', { name: 'CLIP' });
    await act(async () => {
      press(within(clip).getByRole('button', { name: 'Classify' }));
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(within(clip).getByRole('alert').textContent).toContain('CLIP could not be loaded.');
    expect(screen.getAllByRole('alert')).toHaveLength(1);
    expect(screen.getAllByRole('link', { name: 'See the message in the CLIP panel' }).length).toBeGreaterThan(0);

    // The offer goes once taken; focus stays in the panel rather than falling to the top of the page.
    const offer = within(clip).getByRole('button', { name: 'Use offline demo models' });
    offer.focus();
    await act(async () => {
      press(offer);
      await new Promise((resolve) => setTimeout(resolve, 10));
    });
    expect(screen.queryAllByRole('alert')).toHaveLength(0);
    expect(within(clip).getByRole('button', { name: 'Load CLIP now' })).toBe(document.activeElement);
  });
});
