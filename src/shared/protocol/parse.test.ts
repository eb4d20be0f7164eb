import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { DEMO_MODELS } from '../model-registry';
import { parseUiMessage } from './parse';

const model = { spec: DEMO_MODELS[0], dtype: 'fp32', source: { host: 'https://hub.test/', pathTemplate: '{repo}/{file}' }, device: 'auto' };

function problem(message: unknown): string | undefined {
  const parsed = parseUiMessage(message);
  return parsed instanceof AppError ? parsed.message : undefined;
}

describe('parseUiMessage', () => {
  it('accepts well-formed requests and cancels', () => {
    expect(problem({ kind: 'request', id: 1, type: 'clip:search', payload: { model, imageKeys: ['a'], query: 'cat' } })).toBeUndefined();
    expect(problem({ kind: 'request', id: 2, type: 'probe', payload: {} })).toBeUndefined();
    expect(problem({ kind: 'cancel', id: 3 })).toBeUndefined();
  });

  it('checks each request type’s own payload, naming the field that is wrong', () => {
    expect(problem({ kind: 'request', id: 1, type: 'clip:classify', payload: { model, imageKeys: ['a'], template: '{}' } })).toContain(
      'clip:classify: labels',
    );
    expect(problem({ kind: 'request', id: 1, type: 'clip:search', payload: { model: { ...model, device: 'gpu' }, imageKeys: [], query: 'x' } })).toContain(
      'device',
    );
    expect(problem({ kind: 'request', id: 1, type: 'blip:caption', payload: { model, imageKey: 'a', decoding: { strategy: 'fast' } } })).toContain(
      'decoding',
    );
    expect(problem({ kind: 'request', id: 1, type: 'images:put', payload: { images: [{ key: 'a', data: [1, 2] }] } })).toContain('images');
  });

  it('refuses envelopes without an id, kind or known type', () => {
    expect(problem('hello')).toContain('not an object');
    expect(problem({ kind: 'request', type: 'ping', payload: {} })).toContain('id');
    expect(problem({ kind: 'request', id: 1, type: 'nope', payload: {} })).toContain('unknown request type');
  });
});
