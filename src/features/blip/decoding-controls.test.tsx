// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { installFakeStore } from '../../store/testing/fake-api';
import { DecodingControls } from './decoding-controls';

afterEach(cleanup);

describe('DecodingControls', () => {
  it('shows only the controls of the chosen strategy and writes them to that task’s settings', () => {
    const { store } = installFakeStore();
    render(<DecodingControls task="vqa" label="Answer decoding" />);
    expect(screen.queryByRole('spinbutton', { name: 'Beams' })).toBeNull();
    expect(screen.queryByRole('spinbutton', { name: 'Temperature' })).toBeNull();

    fireEvent.click(screen.getByRole('radio', { name: /Beam search/ }));
    fireEvent.change(screen.getByRole('spinbutton', { name: 'Beams' }), { target: { value: '5' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Early stopping' }));
    expect(store.getState().vqaDecoding).toMatchObject({ strategy: 'beam', numBeams: 5, earlyStopping: true });
    expect(store.getState().captionDecoding.strategy).toBe('greedy');

    fireEvent.click(screen.getByRole('radio', { name: /Sampling/ }));
    expect(screen.queryByRole('spinbutton', { name: 'Beams' })).toBeNull();
    fireEvent.change(screen.getByRole('spinbutton', { name: 'Seed' }), { target: { value: '7' } });
    expect(store.getState().vqaDecoding).toMatchObject({ strategy: 'sample', seed: 7 });
  });

  it('clamps numbers to their range and ignores what is not a number', () => {
    const { store } = installFakeStore();
    render(<DecodingControls task="caption" label="Caption decoding" />);
    const max = screen.getByRole('spinbutton', { name: 'Max new tokens' });
    fireEvent.change(max, { target: { value: '500' } });
    expect(store.getState().captionDecoding.maxNewTokens).toBe(60);
    fireEvent.change(max, { target: { value: '0' } });
    expect(store.getState().captionDecoding.maxNewTokens).toBe(1);
    fireEvent.change(max, { target: { value: '' } });
    expect(store.getState().captionDecoding.maxNewTokens).toBe(1);
    expect(screen.getByText(/Caption decoding: Greedy, up to 1 tokens/)).toBeTruthy();
  });
});
