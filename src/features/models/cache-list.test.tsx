// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { installFakeStore } from '../../store/testing/fake-api';
import { CacheList } from './cache-list';

afterEach(cleanup);

const stored = { models: [{ repo: 'org/clip', revision: 'abc', specIds: ['clip'], files: 6, bytes: 88_000_000 }] };

describe('CacheList', () => {
  it('asks before Clear all deletes the stored models, and Keep (or Escape) deletes nothing', async () => {
    const { callsOf } = installFakeStore({ listCache: async () => stored });
    render(<CacheList />);
    const clear = await screen.findByRole('button', { name: 'Clear all' });
    fireEvent.click(clear);
    expect(callsOf('deleteCached')).toHaveLength(0);
    expect(screen.getByRole('status').textContent).toMatch(/Delete all 1 stored model \(.*\)\? They download again/);
    expect(screen.getByRole('button', { name: 'Keep' })).toBe(document.activeElement);
    fireEvent.keyDown(screen.getByRole('button', { name: 'Keep' }), { key: 'Escape' });
    expect(callsOf('deleteCached')).toHaveLength(0);
    expect(screen.getByRole('button', { name: 'Clear all' })).toBe(document.activeElement);

    fireEvent.click(screen.getByRole('button', { name: 'Clear all' }));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Delete all' })));
    expect(callsOf('deleteCached')).toEqual([[]]);
  });

  it('asks before deleting one model', async () => {
    const { callsOf } = installFakeStore({ listCache: async () => stored });
    render(<CacheList />);
    fireEvent.click(await screen.findByRole('button', { name: 'Delete org/clip from the browser cache' }));
    expect(callsOf('deleteCached')).toHaveLength(0);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Delete' })));
    expect(callsOf('deleteCached')).toEqual([[{ repo: 'org/clip', revision: 'abc' }]]);
  });
});
