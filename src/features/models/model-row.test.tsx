// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import type { LoadedModelInfo } from '../../shared/protocol';
import { initStore } from '../../store/store';
import { abortable, createFakeApi, installFakeStore } from '../../store/testing/fake-api';
import { ModelRow } from './model-row';
import { press } from '../../components/ui/testing/press';

afterEach(cleanup);

describe('ModelRow', () => {
  it('loads the chosen model and says where it runs', async () => {
    const { callsOf } = installFakeStore();
    render(<ModelRow task="clip" />);
    press(screen.getByRole('button', { name: 'Load CLIP' }));
    const status = await screen.findByRole('status', { name: 'CLIP status' });
    expect(status.textContent).toContain('Loaded on WASM (1 threads)');
    expect(callsOf('load')).toHaveLength(1);
    // The name starts with the visible word, so "click Reload" works for speech control users.
    expect(screen.getByRole('button', { name: 'Reload CLIP' }).textContent).toBe('Reload');
  });

  it('stops showing a load as ready once the precision changes (it is another model)', async () => {
    const { store } = installFakeStore();
    const spec = store.getState().modelRef('clip')!.spec;
    store.getState().addCustomModel({ ...spec, id: 'multi-dtype', dtypes: ['fp32', 'q8'], defaultDtype: 'fp32' });
    render(<ModelRow task="clip" />);
    press(screen.getByRole('button', { name: 'Load CLIP' }));
    await screen.findByRole('status', { name: 'CLIP status' });
    fireEvent.change(screen.getByRole('combobox', { name: 'CLIP precision' }), { target: { value: 'q8' } });
    expect(screen.queryByRole('status', { name: 'CLIP status' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Load CLIP' }).textContent).toBe('Load');
  });

  it('offers Cancel while loading and Retry with the reason after a failure', async () => {
    let fail = false;
    installFakeStore({
      load: (model, options) =>
        fail
          ? Promise.reject(new AppError({ code: 'not-found', message: 'config.json does not exist.', action: 'Check the repository.' }))
          : abortable(options?.signal, new Promise<LoadedModelInfo>(() => undefined)),
    });
    render(<ModelRow task="caption" />);
    press(screen.getByRole('button', { name: /^Load BLIP/ }));
    const cancel = await screen.findByRole('button', { name: /^Cancel loading BLIP/ });
    press(cancel);
    await waitFor(() => expect(screen.getByRole('button', { name: /^Load BLIP/ })).toBeTruthy());
    fail = true;
    press(screen.getByRole('button', { name: /^Load BLIP/ }));
    const retry = await screen.findByRole('button', { name: /^Retry loading BLIP/ });
    expect(retry.textContent).toBe('Retry');
    expect(screen.getByText(/config.json does not exist/)).toBeTruthy();
  });

  it('tells a visitor what they can do when no model is published for a task, with the pipeline details behind Why', () => {
    initStore({ api: createFakeApi().api, baseUrl: 'http://app.test/' });
    render(<ModelRow task="vqa" />);
    const row = screen.getByRole('article', { name: 'BLIP VQA' });
    expect(row.textContent).toContain('No BLIP VQA model can be downloaded from this site yet.');
    expect(row.textContent).toContain('Settings → Add a model');
    const why = screen.getByText('Why').closest('details')!;
    expect(why.open).toBe(false);
    const outsideWhy = row.textContent!.replace(why.textContent!, '');
    expect(outsideWhy).not.toMatch(/pipeline|README|tools/);
  });
});
