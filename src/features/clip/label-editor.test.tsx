// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { installFakeStore } from '../../store/testing/fake-api';
import { LabelEditor } from './label-editor';

afterEach(cleanup);

function setup(labels: string[]) {
  const { store } = installFakeStore();
  store.getState().setClipLabels(labels);
  render(<LabelEditor />);
  const shown = () =>
    within(screen.getByRole('list', { name: 'Labels' }))
      .queryAllByRole('listitem')
      .map((item) => item.textContent?.replace('✕', '').trim());
  return { store, shown, input: screen.getByRole('textbox', { name: 'Add labels' }) };
}

describe('LabelEditor', () => {
  it('adds a label on Enter and a pasted list split on commas and lines, without duplicates', () => {
    const { store, shown, input } = setup(['cat']);
    fireEvent.change(input, { target: { value: 'dog' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(shown()).toEqual(['cat', 'dog']);
    expect((input as HTMLInputElement).value).toBe('');
    fireEvent.paste(input, { clipboardData: { getData: () => 'fish, cat\nbird' } });
    expect(store.getState().clipLabels).toEqual(['cat', 'dog', 'fish', 'bird']);
  });

  it('removes a label by its button, the last one by Backspace in an empty box, and all by Clear', () => {
    const { shown, input } = setup(['cat', 'dog', 'fish']);
    fireEvent.click(screen.getByRole('button', { name: 'Remove label dog' }));
    expect(shown()).toEqual(['cat', 'fish']);
    fireEvent.keyDown(input, { key: 'Backspace' });
    expect(shown()).toEqual(['cat']);
    fireEvent.click(screen.getByRole('button', { name: 'Clear labels' }));
    expect(shown()).toEqual([]);
    expect(screen.getByRole('button', { name: 'Clear labels' })).toHaveProperty('disabled', true);
  });

  it('replaces the labels with a preset, and offers Add only for a non-empty draft', () => {
    const { store, input } = setup(['cat']);
    const presets = screen.getByRole('combobox', { name: 'Label presets' });
    const preset = within(presets).getAllByRole('option')[1]!;
    fireEvent.change(presets, { target: { value: preset.textContent } });
    expect(store.getState().clipLabels).not.toEqual(['cat']);
    expect(screen.getByRole('button', { name: 'Add' })).toHaveProperty('disabled', true);
    fireEvent.change(input, { target: { value: '  ' } });
    expect(screen.getByRole('button', { name: 'Add' })).toHaveProperty('disabled', true);
  });

  it('warns while typing that a label is longer than CLIP reads, before anything runs', () => {
    const { input } = setup(['cat']);
    const long = Array.from({ length: 80 }, (_, index) => `word${'abcd'[index % 4]}`).join(' ');
    fireEvent.change(input, { target: { value: 'a short one' } });
    expect(screen.queryByRole('status')).toBeNull();
    fireEvent.change(input, { target: { value: long } });
    const warning = screen.getByRole('status');
    expect(warning.textContent).toMatch(/This label with the template is at least \d+ tokens; CLIP reads only the first 77/);
    expect(input.getAttribute('aria-describedby')).toBe(warning.id);
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(screen.getByRole('note').textContent).toContain('Longer than CLIP reads');
  });
});
