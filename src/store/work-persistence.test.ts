import { describe, expect, it } from 'vitest';
import { createAppStore } from './create-store';
import { createFakeApi } from './testing/fake-api';

function memoryStorage() {
  const items = new Map<string, string>();
  return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value), items };
}

const build = (storage: ReturnType<typeof memoryStorage>, search = '') =>
  createAppStore({ api: createFakeApi().api, storage, search, baseUrl: 'http://app.test/' });

describe('work persistence', () => {
  it('labels, template, question, prefix and decoding survive a reload', () => {
    const storage = memoryStorage();
    const first = build(storage).getState();
    first.setClipLabels(['a tabby cat', 'a fox']);
    first.setClipTemplate('a photo of {}, outdoors');
    first.setVqaQuestion('How many cats?');
    first.setCaptionPrompt('a picture of');
    first.setDecoding('caption', { strategy: 'beam', numBeams: 4 });
    first.setDecoding('vqa', { maxNewTokens: 7 });

    const reloaded = build(storage).getState();
    expect(reloaded.clipLabels).toEqual(['a tabby cat', 'a fox']);
    expect(reloaded.clipTemplate).toBe('a photo of {}, outdoors');
    expect(reloaded.vqaQuestion).toBe('How many cats?');
    expect(reloaded.captionPrompt).toBe('a picture of');
    expect(reloaded.captionDecoding).toMatchObject({ strategy: 'beam', numBeams: 4 });
    expect(reloaded.vqaDecoding.maxNewTokens).toBe(7);
  });

  it('ignores stored junk, and a shared link wins over stored work', () => {
    const storage = memoryStorage();
    storage.setItem('playground-work-v1', '{not json');
    expect(build(storage).getState().clipLabels.length).toBeGreaterThan(0);

    storage.setItem('playground-work-v1', JSON.stringify({ labels: ['stored'], template: 'no placeholder', selected: { clip: 'evil' } }));
    const restored = build(storage).getState();
    expect(restored.clipLabels).toEqual(['stored']);
    expect(restored.clipTemplate).toContain('{}');
    expect(restored.settings.selected.clip).not.toBe('evil');

    const linked = build(storage, `?share=${encodeURIComponent(JSON.stringify({ labels: ['from the link'] }))}`).getState();
    expect(linked.clipLabels).toEqual(['from the link']);
  });
});
