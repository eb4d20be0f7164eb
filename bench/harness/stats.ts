/** Summaries of repeated measurements: median, min, max over the measured runs (warm-up excluded). */
export interface Stat {
  median: number;
  min: number;
  max: number;
  n: number;
  samples: number[];
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function stat(samples: readonly number[]): Stat {
  for (const value of samples) if (!Number.isFinite(value)) throw new Error(`Non-finite measurement in [${samples.join(', ')}].`);
  const rounded = samples.map((value) => Math.round(value * 100) / 100);
  return { median: Math.round(median(rounded) * 100) / 100, min: Math.min(...rounded), max: Math.max(...rounded), n: rounded.length, samples: rounded };
}
