// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { installFakeStore } from '../store/testing/fake-api';
import { ModelsSection } from './models-section';

afterEach(cleanup);

describe('ModelsSection', () => {
  it('folds once a model is ready, says where it runs, and opens again on Show', async () => {
    const { store } = installFakeStore();
    render(<ModelsSection />);
    expect(screen.getByRole('region', { name: 'Models' })).toBeTruthy();
    act(() => store.getState().setActionPlace('clip'));
    await act(() => store.getState().loadModel('clip'));
    expect(screen.queryByRole('region', { name: 'Models' })).toBeNull();
    expect(screen.getByRole('status', { name: 'CLIP status' }).textContent).toContain('Loaded on WASM');
    fireEvent.click(screen.getByRole('button', { name: 'Show models' }));
    expect(screen.getByRole('region', { name: 'Models' })).toBeTruthy();
    expect(store.getState().modelsPanelChoice).toBe('shown');
    fireEvent.click(screen.getByRole('button', { name: 'Hide models' }));
    expect(screen.queryByRole('region', { name: 'Models' })).toBeNull();
  });
});
