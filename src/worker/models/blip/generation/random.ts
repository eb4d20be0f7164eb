/**
 * Deterministic sampling. We cannot reproduce torch's RNG, so sampling is reproducible per seed and
 * correct in distribution; tools/generation_vectors.py drives HF with this same generator and draw order.
 */

/** mulberry32: tiny, fast, good enough statistically for choosing tokens. */
export class Mulberry32 {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1) with 32 random bits. */
  nextFloat(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}

/** A seed for callers that did not pick one. */
export function randomSeed(): number {
  return Math.floor(Math.random() * 4294967296);
}

/** Inverse-CDF draw of one index proportional to the non-negative `weights`; -1 when all are zero. */
export function sampleIndex(weights: ArrayLike<number>, rng: Mulberry32): number {
  let total = 0;
  for (let i = 0; i < weights.length; i++) if (weights[i]! > 0) total += weights[i]!;
  const target = rng.nextFloat() * total;
  let acc = 0;
  let last = -1;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]!;
    if (!(w > 0)) continue;
    acc += w;
    last = i;
    if (acc > target) return i;
  }
  return last;
}

/**
 * `count` distinct indices, each drawn proportionally to the weights left (torch.multinomial without
 * replacement). When fewer than `count` weights are positive, torch raises; we fill the rest with the
 * highest `fallback` values not taken yet, so beam sampling on a tiny support still proceeds.
 */
export function sampleWithoutReplacement(weights: ArrayLike<number>, count: number, rng: Mulberry32, fallback: ArrayLike<number>): number[] {
  const left = Float64Array.from(weights);
  const picks: number[] = [];
  while (picks.length < count) {
    const i = sampleIndex(left, rng);
    if (i < 0) break;
    picks.push(i);
    left[i] = 0;
  }
  const taken = new Set(picks);
  const rest = Array.from({ length: fallback.length }, (_, i) => i)
    .filter((i) => !taken.has(i))
    .sort((a, b) => fallback[b]! - fallback[a]! || a - b);
  return picks.concat(rest.slice(0, count - picks.length));
}
