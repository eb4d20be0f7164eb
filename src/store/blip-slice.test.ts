import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/errors';
import type { TokenData } from '../shared/protocol';
import { abortable, blipResult, fakeImage, fakeStore } from './testing/fake-api';

describe('blip slice', () => {
  it('streams a caption into the image’s entry, then keeps the final result', async () => {
    const seen: string[] = [];
    const { store, callsOf } = fakeStore({
      caption: async (_, options) => {
        const tokens: TokenData[] = [
          { rewind: 0, delta: 'a dog', count: 2 },
          // Beam search changed its mind: drop "dog", continue with "cat".
          { rewind: 3, delta: 'cat', count: 2 },
          // The worker lost its GPU and started over on WASM.
          { rewind: 0, delta: '', count: 0, reset: true },
          { rewind: 0, delta: 'a cat', count: 2 },
        ];
        for (const token of tokens) {
          options?.onToken?.(token);
          seen.push(store.getState().captions.a!.text);
        }
        return blipResult('a cat');
      },
    });
    store.getState().setCaptionPrompt('  a picture of  ');
    const result = await store.getState().captionImage(fakeImage('a'));
    expect(seen).toEqual(['a dog', 'a cat', '', 'a cat']);
    expect(result?.text).toBe('a cat');
    expect(store.getState().captions.a).toMatchObject({ prompt: 'a picture of', text: 'a cat', status: 'done', tokens: 2 });
    expect(callsOf('caption')[0]![0]).toMatchObject({ prompt: 'a picture of', image: { id: 'a' } });
    expect(callsOf('load')).toHaveLength(1);
  });

  it('keeps the streamed words’ attention maps on the entry, replacing them when beams reorder, dropping them on a restart', async () => {
    const maps = (from: number, words: string[]) => ({ from, layers: 1, keyLength: 2, words, steps: words.map(() => [[0.5, 0.5]]) });
    const seen: (string[] | undefined)[] = [];
    const { store } = fakeStore({
      ask: async (_, options) => {
        const tokens: TokenData[] = [
          { rewind: 0, delta: 'two', count: 1, maps: maps(0, ['two']) },
          { rewind: 0, delta: ' cats', count: 2, maps: maps(1, ['cats']) },
          { rewind: 8, delta: 'one dog', count: 2, maps: maps(0, ['one', 'dog']) },
          { rewind: 0, delta: '', count: 0, reset: true },
          { rewind: 0, delta: 'one', count: 1, maps: maps(0, ['one']) },
        ];
        for (const token of tokens) {
          options?.onToken?.(token);
          seen.push(store.getState().qaHistory.a![0]!.maps?.words);
        }
        return blipResult('one');
      },
    });
    await store.getState().askQuestion(fakeImage('a'), 'how many?');
    expect(seen).toEqual([['two'], ['two', 'cats'], ['one', 'dog'], undefined, ['one']]);
    // Done: the result's maps are the ones shown, the streamed copy is dropped.
    expect(store.getState().qaHistory.a![0]!.status).toBe('done');
    expect(store.getState().qaHistory.a![0]!.maps).toBeUndefined();
  });

  it('Stop cancels every running request of the task; the entry says stopped, not failed', async () => {
    const { store } = fakeStore({ ask: (_, options) => abortable(options?.signal, new Promise(() => undefined)) });
    const first = store.getState().askQuestion(fakeImage('a'), 'what?');
    const second = store.getState().askQuestion(fakeImage('a'), 'and now?');
    await new Promise((resolve) => setTimeout(resolve, 0));
    store.getState().stopBlip('vqa');
    await Promise.all([first, second]);
    expect(store.getState().qaHistory.a!.map((entry) => [entry.question, entry.status])).toEqual([
      ['what?', 'stopped'],
      ['and now?', 'stopped'],
    ]);
  });

  it('records an error on the entry it belongs to, and ignores empty questions', async () => {
    const { store, callsOf } = fakeStore({
      caption: async () => {
        throw new AppError({ code: 'internal', message: 'The decoder failed.', action: 'Try greedy decoding.' });
      },
    });
    await store.getState().captionImage(fakeImage('a'));
    expect(store.getState().captions.a).toMatchObject({ status: 'error', error: { message: 'The decoder failed.' } });
    await store.getState().askQuestion(fakeImage('a'), '   ');
    expect(callsOf('ask')).toHaveLength(0);
  });

  it('captions several images in order and stops after one was stopped', async () => {
    const order: string[] = [];
    const { store } = fakeStore({
      caption: async ({ image }, options) => {
        order.push(image.id);
        if (image.id === 'b') return abortable(options?.signal, new Promise(() => undefined));
        return blipResult(`caption ${image.id}`);
      },
    });
    const all = store.getState().captionAll([fakeImage('a'), fakeImage('b'), fakeImage('c')]);
    while (order.length < 2) await new Promise((resolve) => setTimeout(resolve, 0));
    store.getState().stopBlip('caption');
    await all;
    expect(order).toEqual(['a', 'b']);
    expect(store.getState().captions.b?.status).toBe('stopped');
  });

  it('Caption all encodes each chunk of images in one batched request, then captions them in order', async () => {
    const { store, calls } = fakeStore();
    const images = ['a', 'b', 'c', 'd', 'e', 'f'].map(fakeImage);
    await store.getState().captionAll(images);
    const steps = calls
      .filter((call) => call.method === 'encodeImages' || call.method === 'caption')
      .map((call) => {
        const request = call.args[0] as { images?: { id: string }[]; image?: { id: string } };
        return call.method === 'encodeImages' ? `encode ${request.images?.map((image) => image.id).join('')}` : request.image?.id;
      });
    expect(steps).toEqual(['encode abcd', 'a', 'b', 'c', 'd', 'encode ef', 'e', 'f']);
    expect(Object.values(store.getState().captions).map((caption) => caption.status)).toEqual(Array(6).fill('done'));
  });

  it('Stop while Caption all encodes a chunk: nothing is captioned and no entry stays running', async () => {
    const { store, callsOf } = fakeStore({ encodeImages: (_, options) => abortable(options?.signal, new Promise(() => undefined)) });
    const all = store.getState().captionAll(['a', 'b', 'c'].map(fakeImage));
    while (callsOf('encodeImages').length === 0) await new Promise((resolve) => setTimeout(resolve, 0));
    expect(store.getState().captions.b?.status).toBe('running');
    store.getState().stopBlip('caption');
    await all;
    expect(callsOf('caption')).toHaveLength(0);
    expect(store.getState().captions).toEqual({});
  });

  it('a failed batch encoding leaves each image to its own caption', async () => {
    const { store, callsOf } = fakeStore({
      encodeImages: async () => {
        throw new AppError({ code: 'internal', message: 'The vision model failed.' });
      },
    });
    await store.getState().captionAll(['a', 'b'].map(fakeImage));
    expect(callsOf('caption')).toHaveLength(2);
    expect(store.getState().captions.b?.status).toBe('done');
  });

  it('asks for attention maps only once the user switched them on', async () => {
    const { store, callsOf } = fakeStore();
    await store.getState().captionImage(fakeImage('a'));
    store.getState().setAttentionMaps(true);
    await store.getState().captionImage(fakeImage('a'));
    await store.getState().askQuestion(fakeImage('a'), 'what is it?');
    expect(callsOf('caption').map((args) => (args[0] as { attentionMaps?: boolean }).attentionMaps)).toEqual([false, true]);
    expect(callsOf('ask')[0]![0]).toMatchObject({ attentionMaps: true });
  });
});
