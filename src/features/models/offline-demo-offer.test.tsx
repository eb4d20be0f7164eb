// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { installFakeStore, loadedInfo } from '../../store/testing/fake-api';
import { OfflineDemoOffer } from './offline-demo-offer';

afterEach(cleanup);

describe('OfflineDemoOffer', () => {
  it('offers the demo models when a download failed, and goes once they are chosen', async () => {
    const { store } = installFakeStore({
      load: async (model) => {
        if (model.spec.demo) return loadedInfo(model);
        throw new AppError({ code: 'download-failed', message: 'Downloading config.json from huggingface.co failed 4 times.' });
      },
    });
    const demo = store.getState().modelRef('clip')!.spec;
    store.getState().addCustomModel({ ...demo, id: 'far-away', demo: false, fixedSource: undefined });
    render(<OfflineDemoOffer />);
    expect(screen.queryByRole('button', { name: 'Use offline demo models' })).toBeNull();

    await act(() =>
      store
        .getState()
        .loadModel('clip')
        .catch(() => undefined),
    );
    expect(screen.getByText('CLIP could not be loaded.')).toBeTruthy();
    expect(screen.getByText(/Tried: .*, from /)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Use offline demo models' }));
    expect(store.getState().modelRef('clip')!.spec.demo).toBe(true);
    expect(screen.queryByRole('button', { name: 'Use offline demo models' })).toBeNull();
  });
});
