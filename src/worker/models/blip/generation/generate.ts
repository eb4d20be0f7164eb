/**
 * Entry point: HF-compatible `generate` over a StepModel. Dispatches like HF's generation modes:
 * numBeams > 1 → beam search (beam sampling with doSample), otherwise greedy or sampling.
 */
import { beamSearch } from './beam-search';
import { greedyOrSample } from './greedy-or-sample';
import { withDefaults } from './options';
import { Stepper } from './stepper';
import type { GenerationHooks, GenerationOptions, GenerationResult, StepModel } from './types';

/**
 * Generates a continuation of `prompt`. Unset options take HF's global defaults (see
 * `resolveGenerationOptions` to start from a model's generation_config.json). An aborted signal ends
 * generation within one step and resolves with finishReason 'aborted' and what was generated so far.
 */
export async function generate(
  model: StepModel,
  prompt: readonly number[],
  options: Partial<GenerationOptions>,
  hooks: GenerationHooks = {},
): Promise<GenerationResult> {
  const resolved = withDefaults(options);
  if (prompt.length === 0) throw new RangeError('generate needs a non-empty prompt (BLIP starts from its BOS id)');
  const start = performance.now();
  const stepper = new Stepper(model, hooks.signal);
  const input = { stepper, prompt, options: resolved, ...(hooks.onStep ? { onStep: hooks.onStep } : {}) };
  const outcome = resolved.numBeams > 1 ? await beamSearch(input) : await greedyOrSample(input);
  return {
    ...outcome,
    steps: stepper.steps,
    timings: { forwardMs: stepper.forwardMs, totalMs: performance.now() - start },
  };
}
