import { describe, expect, it } from 'vitest';
import { applyMapsDelta } from './maps-delta';
import type { MapsDelta } from './protocol';

const step = (value: number) => [[value, 1 - value]];
const delta = (from: number, words: string[], values: number[], extra: Partial<MapsDelta> = {}): MapsDelta => ({
  from,
  layers: 1,
  keyLength: 2,
  words,
  steps: values.map(step),
  ...extra,
});

describe('applyMapsDelta', () => {
  it('appends a word per step and replaces from the first word a new best beam changed', () => {
    let maps = applyMapsDelta(undefined, delta(0, ['a'], [0.1], { question: [[[0.5, 0.5]]] }));
    maps = applyMapsDelta(maps, delta(1, ['cat'], [0.2]));
    expect(maps).toEqual({ layers: 1, keyLength: 2, words: ['a', 'cat'], steps: [step(0.1), step(0.2)], question: [[[0.5, 0.5]]] });
    maps = applyMapsDelta(maps, delta(1, ['dog', 'runs'], [0.3, 0.4]));
    expect(maps.words).toEqual(['a', 'dog', 'runs']);
    expect(maps.steps).toEqual([step(0.1), step(0.3), step(0.4)]);
    expect(maps.question).toEqual([[[0.5, 0.5]]]);
  });

  it('starts over when the shape changes (a retried run on another model)', () => {
    const maps = applyMapsDelta(applyMapsDelta(undefined, delta(0, ['a', 'b'], [0.1, 0.2])), { ...delta(1, ['c'], [0.3]), keyLength: 3 });
    expect(maps.words).toEqual(['c']);
  });
});
