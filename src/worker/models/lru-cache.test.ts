import { describe, expect, it } from 'vitest';
import { LruCache } from './lru-cache';

describe('LruCache', () => {
  it('evicts the least recently used entry and reports it', () => {
    const evicted: string[] = [];
    const cache = new LruCache<string, number>(2, (_, key) => evicted.push(key));
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect(evicted).toEqual(['b']);
    expect(cache.has('a') && cache.has('c')).toBe(true);
    cache.clear();
    expect(evicted).toEqual(['b', 'a', 'c']);
    expect(cache.size).toBe(0);
  });
});
