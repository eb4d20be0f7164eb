import { describe, expect, it } from 'vitest';
import { crossPresentNames, KvCache, selfPresentNames, type CacheTensor, type RowGatherer } from './kv-cache';

/** A fake tensor: rows are labels, so a reorder is visible; dispose is counted. */
class Fake implements CacheTensor {
  static live = new Set<Fake>();
  disposed = 0;
  constructor(
    readonly name: string,
    readonly rows: string[],
    readonly length: number,
  ) {
    Fake.live.add(this);
  }
  get dims(): number[] {
    return [this.rows.length, 2, this.length, 4];
  }
  dispose(): void {
    this.disposed++;
    Fake.live.delete(this);
  }
}

const gatherer: RowGatherer<Fake> & { calls: number } = {
  calls: 0,
  async gather(tensors, indices) {
    this.calls++;
    return tensors.map(
      (t) =>
        new Fake(
          `${t.name}'`,
          indices.map((i) => t.rows[i] as string),
          t.length,
        ),
    );
  },
};

function step(layers: number, length: number, rows: string[], withCross: boolean): Record<string, Fake> {
  const names = [...selfPresentNames(layers), ...(withCross ? crossPresentNames(layers) : [])];
  return Object.fromEntries(names.map((name) => [name, new Fake(name, rows, name.includes('encoder') ? 145 : length)]));
}

describe('KvCache', () => {
  it('keeps the first step cross-attention K/V and replaces self-attention K/V every step', () => {
    Fake.live.clear();
    const cache = new KvCache<Fake>(2, gatherer);
    const first = step(2, 3, ['a', 'b'], true);
    cache.accept(first);
    expect(cache.pastLength).toBe(3);
    expect(cache.crossLength).toBe(145);
    const cross = crossPresentNames(2).map((name) => first[name]);

    const second = step(2, 4, ['a', 'b'], false);
    cache.accept(second);
    const feeds = cache.feeds();
    expect(Object.keys(feeds).sort()).toEqual(
      [0, 1].flatMap((i) => ['decoder.key', 'decoder.value', 'encoder.key', 'encoder.value'].map((k) => `past_key_values.${i}.${k}`)).sort(),
    );
    expect(feeds['past_key_values.1.encoder.value']).toBe(first['present.1.encoder.value']);
    expect(feeds['past_key_values.0.decoder.key']).toBe(second['present.0.decoder.key']);
    expect(cache.pastLength).toBe(4);
    // The first step's self-attention K/V were disposed when replaced; the cross K/V live on.
    expect(selfPresentNames(2).every((name) => first[name]?.disposed === 1)).toBe(true);
    expect(cross.every((tensor) => tensor?.disposed === 0)).toBe(true);
  });

  it('disposes cross-attention K/V that a later step returns again, and keeps the first ones', () => {
    const cache = new KvCache<Fake>(1, gatherer);
    const first = step(1, 1, ['a'], true);
    cache.accept(first);
    const again = step(1, 2, ['a'], true);
    cache.accept(again);
    expect(again['present.0.encoder.key']?.disposed).toBe(1);
    expect(cache.feeds()['past_key_values.0.encoder.key']).toBe(first['present.0.encoder.key']);
  });

  it('reorders self-attention rows for beam search, disposes the old rows, and skips the identity', async () => {
    Fake.live.clear();
    gatherer.calls = 0;
    const cache = new KvCache<Fake>(2, gatherer);
    cache.accept(step(2, 1, ['b0', 'b1', 'b2'], true));
    await cache.reorder([0, 1, 2]);
    expect(gatherer.calls).toBe(0);

    const before = cache.feeds();
    await cache.reorder([2, 2, 0]);
    expect(gatherer.calls).toBe(1);
    const after = cache.feeds();
    expect((after['past_key_values.0.decoder.key'] as Fake).rows).toEqual(['b2', 'b2', 'b0']);
    expect((after['past_key_values.1.decoder.value'] as Fake).rows).toEqual(['b2', 'b2', 'b0']);
    expect(before['past_key_values.0.decoder.key']?.disposed).toBe(1);
    // Cross-attention rows are copies of one image's projections: reordering them is the identity.
    expect(after['past_key_values.0.encoder.key']).toBe(before['past_key_values.0.encoder.key']);
    expect(Fake.live.size).toBe(8);
  });

  it('holds a constant number of tensors over many steps and releases all of them on dispose', async () => {
    Fake.live.clear();
    const cache = new KvCache<Fake>(3, gatherer);
    cache.accept(step(3, 1, ['x', 'y'], true));
    for (let length = 2; length <= 50; length++) {
      cache.accept(step(3, length, ['x', 'y'], false));
      await cache.reorder([1, 0]);
      expect(Fake.live.size).toBe(12);
    }
    cache.dispose();
    expect(Fake.live.size).toBe(0);
    cache.dispose();
    expect(() => cache.feeds()).toThrow(/disposed/);
  });

  it('names the present output a step failed to return', () => {
    const cache = new KvCache<Fake>(1, gatherer);
    const partial = step(1, 1, ['a'], true);
    delete partial['present.0.encoder.value'];
    expect(() => cache.accept(partial)).toThrow('present.0.encoder.value');
  });
});
