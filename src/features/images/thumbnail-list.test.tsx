// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeImage, installFakeStore } from '../../store/testing/fake-api';
import { ThumbnailList } from './thumbnail-list';

afterEach(cleanup);

describe('ThumbnailList', () => {
  it('shows a 1×1 image whole and unsmoothed over a checkerboard, not as a blank cropped box', () => {
    const { store } = installFakeStore();
    const big = { ...fakeImage('big'), originalWidth: 640, originalHeight: 480 };
    act(() => store.setState({ images: [fakeImage('dot'), big], activeImageId: 'dot' }));
    render(<ThumbnailList />);
    const dot = screen.getByRole('img', { name: 'dot.png' });
    expect(dot.style.imageRendering).toBe('pixelated');
    expect(dot.style.backgroundImage).toContain('conic-gradient');
    expect(dot.className).toContain('object-contain');
    expect(dot.className).toContain('border');
    const photo = screen.getByRole('img', { name: 'big.png' });
    expect(photo.style.imageRendering).toBe('');
    expect(photo.className).toContain('object-cover');
  });

  it('gives the name its own lines: the active mark no longer takes its width', () => {
    const { store } = installFakeStore();
    const image = { ...fakeImage('a'), name: 'holiday-photo-from-the-beach.jpg' };
    act(() => store.setState({ images: [image], activeImageId: 'a' }));
    render(<ThumbnailList />);
    const name = screen.getByText('holiday-photo-from-the-beach.jpg');
    expect(name.textContent).toBe('holiday-photo-from-the-beach.jpg');
    expect(name.className).not.toContain('truncate');
  });
});
