// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { installFakeStore } from '../../store/testing/fake-api';
import { ModelSettings } from './model-settings';

afterEach(cleanup);

describe('ModelSettings', () => {
  it('refuses a host with spaces, says why next to the box, and keeps the old host', () => {
    const { store } = installFakeStore();
    const before = store.getState().settings.host;
    render(<ModelSettings />);
    const box = screen.getByRole('textbox', { name: /^Host URL/ });
    fireEvent.change(box, { target: { value: 'not a url with spaces' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save host' }));
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toMatch(/The host cannot be used: it contains spaces, so it is not a URL/);
    expect(box.getAttribute('aria-invalid')).toBe('true');
    expect(box.getAttribute('aria-describedby')).toBe(alert.id);
    expect(store.getState().settings.host).toBe(before);
  });
});
