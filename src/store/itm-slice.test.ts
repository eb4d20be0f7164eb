import { describe, expect, it } from 'vitest';
import { fakeStore } from './testing/fake-api';
import type { GalleryImage } from './images-slice';

const image = (id: string) => ({ id, name: `${id}.png`, previewUrl: '', width: 1, height: 1 }) as unknown as GalleryImage;

describe('BLIP retrieval slice', () => {
  it('scores the CLIP labels with the BLIP retrieval model and keeps them per image', async () => {
    const { store, callsOf } = fakeStore();
    store.getState().setClipLabels(['cat', 'dog']);
    await store.getState().scoreWithBlip(image('a'));
    const [request] = callsOf('itmScore')[0] as [{ model: { spec: { task: string } }; labels: string[] }];
    expect(request.model.spec.task).toBe('itm');
    expect(request.labels).toEqual(['cat', 'dog']);
    expect(store.getState().itmScores.a?.scores.map((s) => s.itmProbability)).toEqual([0.9, 0.1]);
    expect(store.getState().itmScores.a?.labels).toEqual(['cat', 'dog']);
  });

  it('re-ranks CLIP’s ranking for the same query, and says what to do when there is none', async () => {
    const { store, callsOf } = fakeStore();
    store.setState({ images: [image('a'), image('b')] });
    await store.getState().rerankWithBlip('a cat', 'clip', 10);
    expect(callsOf('itmSearch')).toHaveLength(0);
    expect(store.getState().itmError?.message).toMatch(/CLIP has not searched/);
    await store.getState().searchImages('a cat');
    await store.getState().rerankWithBlip('a cat', 'clip', 1);
    const [request] = callsOf('itmSearch')[0] as [{ firstStage?: string[]; topK: number }];
    expect(request.firstStage).toEqual(['a', 'b']);
    expect(store.getState().itmRerank?.firstStage).toBe('given');
    expect(store.getState().itmError).toBeUndefined();
  });

  it('re-ranks BLIP’s own ITC ranking without a first stage', async () => {
    const { store, callsOf } = fakeStore();
    store.setState({ images: [image('a')] });
    await store.getState().rerankWithBlip('a cat', 'itc', 10);
    const [request] = callsOf('itmSearch')[0] as [{ firstStage?: string[] }];
    expect(request.firstStage).toBeUndefined();
    expect(store.getState().itmRerank?.firstStage).toBe('itc');
  });
});
