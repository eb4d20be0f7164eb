// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeImage, installFakeStore } from '../../store/testing/fake-api';
import { ClassifyView } from './classify-view';

afterEach(cleanup);

describe('ClassifyView', () => {
  it('shows the statistics of the run that scored the active image, not of the latest run', async () => {
    const { store } = installFakeStore();
    const [a, b, c] = [fakeImage('a'), fakeImage('b'), fakeImage('c')];
    act(() => store.setState({ images: [a, b, c], activeImageId: 'b' }));
    render(<ClassifyView />);
    await act(() => store.getState().classifyImages([a, b, c], 'classify-all'));
    await act(() => store.getState().classifyImages([a]));
    const summary = screen.getByRole('status', { name: 'CLIP run summary' });
    expect(summary.textContent).toContain('Scored in a batch of 3 images');
    expect(summary.textContent).toContain('images: 3 encoded');

    act(() => store.getState().setActiveImage('a'));
    const own = screen.getByRole('status', { name: 'CLIP run summary' }).textContent;
    expect(own).not.toContain('batch of');
    expect(own).toContain('images: 1 encoded');
  });
});
