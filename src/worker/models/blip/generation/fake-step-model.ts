/**
 * Test double of the BLIP runtime: a StepModel whose logits are a pure function of each row's prefix.
 * It keeps every row's prefix the way a real runtime keeps its KV cache (growing with each forward,
 * permuted by `reorder`), so a wrong reorder gives wrong logits, and it enforces the forward contract.
 */
import type { StepModel } from './types';

export type LogitsFn = (prefix: readonly number[]) => ArrayLike<number>;

export class FakeStepModel implements StepModel {
  /** Each row's tokens so far: the "cache". */
  rows: number[][] = [];
  readonly forwardCalls: number[][][] = [];
  readonly reorderCalls: number[][] = [];
  /** Runs before each forward returns (tests use it to abort mid-generation). */
  onForward: ((call: number) => void) | undefined;

  constructor(
    readonly vocabSize: number,
    private readonly logitsFor: LogitsFn,
  ) {}

  async forward(tokens: number[][]): Promise<Float32Array> {
    this.forwardCalls.push(tokens.map((t) => [...t]));
    if (this.forwardCalls.length === 1) {
      if (tokens.some((t) => t.join() !== tokens[0]!.join())) throw new Error('first forward: rows differ');
      this.rows = tokens.map((t) => [...t]);
    } else {
      if (tokens.length !== this.rows.length) throw new Error('row count changed');
      if (tokens.some((t) => t.length !== 1)) throw new Error('later forwards take one token per row');
      tokens.forEach((t, r) => this.rows[r]!.push(t[0]!));
    }
    const out = new Float32Array(tokens.length * this.vocabSize);
    this.rows.forEach((prefix, r) => out.set(this.logitsFor(prefix), r * this.vocabSize));
    this.onForward?.(this.forwardCalls.length);
    await Promise.resolve();
    return out;
  }

  reorder(indices: number[]): void {
    if (indices.length !== this.rows.length) throw new Error('reorder: wrong length');
    this.reorderCalls.push([...indices]);
    this.rows = indices.map((i) => [...this.rows[i]!]);
  }
}

/** Logits from a table of preferences: `next[lastToken]` lists [token, logit] pairs; others get `floor`. */
export function bigramLogits(vocab: number, next: Record<number, [number, number][]>, floor = -10): LogitsFn {
  return (prefix) => {
    const row = new Array<number>(vocab).fill(floor);
    for (const [token, logit] of next[prefix[prefix.length - 1]!] ?? []) row[token] = logit;
    return row;
  };
}

/** Logits from a log-probability tree keyed by the generated part (prompt excluded), joined by ','. */
export function treeLogits(vocab: number, promptLength: number, tree: Record<string, Record<number, number>>): LogitsFn {
  return (prefix) => {
    const row = new Array<number>(vocab).fill(-30);
    const probs = tree[prefix.slice(promptLength).join(',')] ?? {};
    for (const [token, p] of Object.entries(probs)) row[Number(token)] = Math.log(p);
    return row;
  };
}

/**
 * The model of tools/generation_vectors.py: table[hash(salt, prefix) % rows], plus eosBoost[n] on each
 * EOS column after n generated tokens, in float32.
 */
export function hfTableLogits(
  table: readonly (readonly number[])[],
  salt: number,
  promptLength: number,
  eosIds: readonly number[],
  eosBoost: readonly number[],
): LogitsFn {
  const rows = table.map((r) => Float32Array.from(r));
  return (prefix) => {
    const row = rows[prefixRow(salt, prefix) % rows.length]!.slice();
    const boost = eosBoost[prefix.length - promptLength]!;
    for (const e of eosIds) row[e] = row[e]! + boost;
    return row;
  };
}

/** FNV-1a over the ids, then murmur3's fmix32 (same as the Python script). */
export function prefixRow(salt: number, tokens: readonly number[]): number {
  let h = (2166136261 ^ salt) >>> 0;
  for (const t of tokens) h = Math.imul(h ^ t, 16777619) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}
