// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ModelStatus } from './model-status';

afterEach(cleanup);

const actions = () => ({ onLoad: vi.fn(), onCancel: vi.fn() });

describe('ModelStatus', () => {
  it('shows download progress with a cancel button while loading', () => {
    const { onLoad, onCancel } = actions();
    const file = { file: 'onnx/model.onnx', loaded: 512 * 1024, total: 1024 * 1024, done: false };
    const progress = { phase: 'Downloading', files: [file], overall: { loaded: 512 * 1024, total: 1024 * 1024 } };
    render(<ModelStatus label="CLIP" tone="clip" load={{ status: 'loading', progress }} onLoad={onLoad} onCancel={onCancel} />);
    expect(screen.getByText(/50/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel loading CLIP' }));
    expect(onCancel).toHaveBeenCalledOnce();
  });

  it('shows no byte counts in a phase that moves no bytes (session creation reports a placeholder 1 of 1)', () => {
    const progress = { phase: 'Creating sessions', files: [], overall: { loaded: 1, total: 1 } };
    render(<ModelStatus label="CLIP" tone="clip" load={{ status: 'loading', progress }} {...actions()} />);
    const bar = screen.getByRole('progressbar', { name: 'Loading CLIP: Creating sessions' });
    expect(bar.getAttribute('aria-valuenow')).toBeNull();
    expect(document.body.textContent).not.toMatch(/1 B|100%/);
  });

  it('offers Load now when idle and Retry with the reason after an error', () => {
    const { onLoad, onCancel } = actions();
    const { rerender } = render(<ModelStatus label="BLIP VQA" tone="blip" load={{ status: 'idle' }} onLoad={onLoad} onCancel={onCancel} />);
    fireEvent.click(screen.getByRole('button', { name: 'Load BLIP VQA now' }));
    const error = { code: 'not-found' as const, message: 'config.json does not exist.', action: 'Check the repository.' };
    rerender(<ModelStatus label="BLIP VQA" tone="blip" load={{ status: 'error', error }} onLoad={onLoad} onCancel={onCancel} />);
    expect(screen.getByText(/config.json does not exist/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Retry loading BLIP VQA' }));
    expect(onLoad).toHaveBeenCalledTimes(2);
  });
});
