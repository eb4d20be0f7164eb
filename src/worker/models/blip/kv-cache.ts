/**
 * The decoder's key/value cache between steps. Self-attention K/V grow by one position per step and
 * are replaced by each step's presents; cross-attention K/V (the image or question states projected
 * by every layer) come from the first step only and are fed back unchanged on every later step.
 *
 * Ownership: every tensor held here is disposed exactly once, when it is replaced, reordered away or
 * when the cache is disposed. On WebGPU these are GPU buffers, so a leak would grow per generation.
 */
import { PAST_KINDS } from './decoder-layout';

export interface CacheTensor {
  readonly dims: readonly number[];
  dispose(): void;
}

/** Copies rows along axis 0: output i, row r = input i, row indices[r]. Inputs stay untouched. */
export interface RowGatherer<T> {
  gather(tensors: readonly T[], indices: readonly number[]): Promise<T[]>;
}

type Kind = (typeof PAST_KINDS)[number];

export function pastName(layer: number, kind: Kind): string {
  return `past_key_values.${layer}.${kind}`;
}

export function presentName(layer: number, kind: Kind): string {
  return `present.${layer}.${kind}`;
}

export function selfPresentNames(layers: number): string[] {
  return range(layers).flatMap((layer) => [presentName(layer, 'decoder.key'), presentName(layer, 'decoder.value')]);
}

export function crossPresentNames(layers: number): string[] {
  return range(layers).flatMap((layer) => [presentName(layer, 'encoder.key'), presentName(layer, 'encoder.value')]);
}

export class KvCache<T extends CacheTensor> {
  /** Keyed by the past input name the tensor is fed as. */
  private readonly selfKv = new Map<string, T>();
  private readonly crossKv = new Map<string, T>();
  private disposed = false;

  constructor(
    readonly layers: number,
    private readonly gatherer: RowGatherer<T>,
  ) {}

  /** Positions already in the self-attention cache. */
  get pastLength(): number {
    return this.selfKv.get(pastName(0, 'decoder.key'))?.dims[2] ?? 0;
  }

  /** Encoder positions in the cross-attention cache (0 before the first step). */
  get crossLength(): number {
    return this.crossKv.get(pastName(0, 'encoder.key'))?.dims[2] ?? 0;
  }

  get hasCross(): boolean {
    return this.crossKv.size > 0;
  }

  /**
   * Takes one step's presents. Self-attention K/V replace (and dispose) the previous ones; the
   * cross-attention K/V are taken from the first step only — later copies are disposed unused.
   */
  accept(outputs: Readonly<Record<string, T | undefined>>): void {
    this.assertOpen();
    const firstStep = !this.hasCross;
    for (let layer = 0; layer < this.layers; layer++) {
      for (const kind of PAST_KINDS) {
        const tensor = outputs[presentName(layer, kind)];
        const cross = kind.startsWith('encoder');
        if (cross && !firstStep) {
          tensor?.dispose();
          continue;
        }
        if (!tensor) throw new Error(`The decoder step did not return ${presentName(layer, kind)}.`);
        this.store(cross ? this.crossKv : this.selfKv, pastName(layer, kind), tensor);
      }
    }
  }

  /** The past_key_values.* inputs for the next step. */
  feeds(): Record<string, T> {
    this.assertOpen();
    return Object.fromEntries([...this.selfKv, ...this.crossKv]);
  }

  /**
   * Beam search: row i continues old row indices[i]. Only self-attention K/V are gathered: every row's
   * cross-attention K/V are projections of the same encoder states (one image, expanded to the rows),
   * so any reordering of them is the identity.
   */
  async reorder(indices: readonly number[]): Promise<void> {
    this.assertOpen();
    if (indices.every((source, row) => source === row) || this.selfKv.size === 0) return;
    const names = [...this.selfKv.keys()];
    const old = names.map((name) => this.selfKv.get(name) as T);
    const gathered = await this.gatherer.gather(old, indices);
    names.forEach((name, index) => this.store(this.selfKv, name, gathered[index] as T));
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const tensor of [...this.selfKv.values(), ...this.crossKv.values()]) tensor.dispose();
    this.selfKv.clear();
    this.crossKv.clear();
  }

  private store(map: Map<string, T>, name: string, tensor: T): void {
    const previous = map.get(name);
    if (previous && previous !== tensor) previous.dispose();
    map.set(name, tensor);
  }

  private assertOpen(): void {
    if (this.disposed) throw new Error('The KV cache was used after it was disposed.');
  }
}

function range(count: number): number[] {
  return Array.from({ length: count }, (_, index) => index);
}
