// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ModelStatus } from './model-status';

afterEach(cleanup);

const actions = () => ({ onLoad: vi.fn(), onCancel: vi.fn() });

describe('ModelStatus', () => {
  it('shows download progress with a cancel button while loading', () => {
    const { onLoad, onCancel } = actions();
    const progress = { phase: 'Downloading', files: [], overall: { loaded: 512 * 1024, total: 1024 * 1024 } };
    render(<ModelStatus label="CLIP" tone="clip" load={{ status: 'loading', progress }} onLoad={onLoad} onCancel={onCancel} />);
    expect(screen.getByText(/50/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel loading CLIP' }));
    expect(onCancel).toHaveBeenCalledOnce();
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
