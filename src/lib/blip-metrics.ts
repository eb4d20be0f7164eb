/** Numbers the UI derives from a BLIP run: the column's metrics line and the comparison table show the same ones. */
import type { BlipRun } from '../shared/protocol';

/** Tokens the run generated (the output without its prompt). */
export function generatedTokens(result: Pick<BlipRun, 'sequence' | 'promptIds'>): number {
  return result.sequence.length - result.promptIds.length;
}

/**
 * Steady decoding speed. The first step also processes the whole prompt (and,
 * for captions, waits for the image encoder), so it is left out.
 */
export function tokensPerSecond(result: Pick<BlipRun, 'timings'> | undefined): number | undefined {
  const later = result?.timings.stepMs.slice(1) ?? [];
  const ms = later.reduce((sum, step) => sum + step, 0);
  return later.length > 0 && ms > 0 ? (later.length / ms) * 1000 : undefined;
}
