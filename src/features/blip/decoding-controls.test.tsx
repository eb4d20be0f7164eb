// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
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
    fireEvent.blur(screen.getByRole('spinbutton', { name: 'Beams' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Early stopping' }));
    expect(store.getState().vqaDecoding).toMatchObject({ strategy: 'beam', numBeams: 5, earlyStopping: true });
    expect(store.getState().captionDecoding.strategy).toBe('greedy');

    fireEvent.click(screen.getByRole('radio', { name: /Sampling/ }));
    expect(screen.queryByRole('spinbutton', { name: 'Beams' })).toBeNull();
    fireEvent.change(screen.getByRole('spinbutton', { name: 'Seed' }), { target: { value: '7' } });
    fireEvent.keyDown(screen.getByRole('spinbutton', { name: 'Seed' }), { key: 'Enter' });
    expect(store.getState().vqaDecoding).toMatchObject({ strategy: 'sample', seed: 7 });
  });

  it('clamps numbers to their range on blur, says so, and keeps the value when the draft is not a number', () => {
    const { store } = installFakeStore();
    render(<DecodingControls task="caption" label="Caption decoding" />);
    const max = screen.getByRole('spinbutton', { name: 'Max new tokens' });
    fireEvent.change(max, { target: { value: '500' } });
    fireEvent.blur(max);
    expect(store.getState().captionDecoding.maxNewTokens).toBe(60);
    expect(screen.getByRole('status').textContent).toMatch(/from 1 to 60; 500 became 60/);
    fireEvent.change(max, { target: { value: '0' } });
    fireEvent.blur(max);
    expect(store.getState().captionDecoding.maxNewTokens).toBe(1);
    fireEvent.change(max, { target: { value: '' } });
    fireEvent.blur(max);
    expect(store.getState().captionDecoding.maxNewTokens).toBe(1);
    expect(screen.getByRole('status').textContent).toMatch(/needs a number from 1 to 60; kept 1/);
    expect((max as HTMLInputElement).value).toBe('1');
    expect(screen.getByText(/Caption decoding: Greedy, up to 1 tokens/)).toBeTruthy();
  });

  /** Types as a person does: each keystroke appends to what the field shows now. */
  function typeInto(input: HTMLInputElement, text: string) {
    for (const char of text) fireEvent.change(input, { target: { value: input.value + char } });
  }

  it('lets the user clear a field and type a new value without fighting back', () => {
    const { store } = installFakeStore();
    render(<DecodingControls task="caption" label="Caption decoding" />);
    fireEvent.click(screen.getByRole('radio', { name: /Beam search/ }));
    const beams = screen.getByRole('spinbutton', { name: 'Beams' }) as HTMLInputElement;
    fireEvent.change(beams, { target: { value: '' } });
    typeInto(beams, '4');
    expect(beams.value).toBe('4');
    fireEvent.blur(beams);
    expect(store.getState().captionDecoding.numBeams).toBe(4);

    const max = screen.getByRole('spinbutton', { name: 'Max new tokens' }) as HTMLInputElement;
    fireEvent.change(max, { target: { value: '' } });
    typeInto(max, '20');
    fireEvent.keyDown(max, { key: 'Enter' });
    expect(store.getState().captionDecoding.maxNewTokens).toBe(20);
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('stays open while the user changes settings, and when it is shown again (another tab, a reload)', async () => {
    const { store } = installFakeStore();
    const { unmount } = render(<DecodingControls task="caption" label="Decoding" />);
    const details = () => screen.getByText(/^Decoding:/).closest('details')!;
    expect(details().open).toBe(false);
    fireEvent.click(screen.getByText(/^Decoding:/));
    await waitFor(() => expect(store.getState().openSections['decoding-caption']).toBe(true));
    fireEvent.click(screen.getByRole('radio', { name: /Beam search/ }));
    expect(details().open).toBe(true);
    unmount();
    render(<DecodingControls task="caption" label="Decoding" />);
    expect(details().open).toBe(true);
  });
});
