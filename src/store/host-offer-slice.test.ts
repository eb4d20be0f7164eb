import { describe, expect, it } from 'vitest';
import { DEFAULT_HOST } from '../shared/model-source';
import { createAppStore } from './create-store';
import { createFakeApi } from './testing/fake-api';

function storeFor(search: string) {
  const saved: string[] = [];
  const storage = { getItem: () => null, setItem: (_: string, value: string) => void saved.push(value) };
  const store = createAppStore({ api: createFakeApi().api, storage, search, baseUrl: 'http://app.test/' });
  return { store, saved };
}

describe('host offer slice', () => {
  it('keeps the current host while a link proposes another, and stores nothing when declined', () => {
    const { store, saved } = storeFor('?hub=https://models.example/');
    expect(store.getState().hostOfferPending).toBe(true);
    expect(store.getState().settings.host).toBe(DEFAULT_HOST);
    const writes = saved.length;
    store.getState().answerHostOffer(false);
    expect(store.getState().hostOfferPending).toBe(false);
    expect(store.getState().settings.host).toBe(DEFAULT_HOST);
    expect(saved).toHaveLength(writes);
  });

  it('switches host and template only when the user agrees', () => {
    const { store } = storeFor('?hub=https://models.example/&hubTemplate={repo}/{file}');
    store.getState().answerHostOffer(true);
    expect(store.getState().settings).toMatchObject({ host: 'https://models.example/', pathTemplate: '{repo}/{file}' });
    expect(store.getState().hostOfferPending).toBe(false);
  });

  it('never offers a host that is not http(s)', () => {
    const { store } = storeFor('?hub=javascript:alert(1)');
    expect(store.getState().hostOfferPending).toBe(false);
    expect(store.getState().linkedHost).toMatchObject({ kind: 'refused' });
    store.getState().answerHostOffer(true);
    expect(store.getState().settings.host).toBe(DEFAULT_HOST);
  });
});
