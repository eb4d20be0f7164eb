/**
 * Exactness against Hugging Face transformers v5: tools/generation_vectors.py ran HF `generate` on a
 * fake model; we rebuild the same model from the recorded table and must produce the same sequences
 * (and beam scores within 1e-5). Sampling cases replaced torch.multinomial with our PRNG's draw.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FakeStepModel, hfTableLogits } from './fake-step-model';
import { generate } from './generate';
import { resolveGenerationOptions } from './options';

interface VectorCase {
  name: string;
  salt: number;
  prompt: number[];
  eosBoost: number[];
  config: Record<string, unknown>;
  seed?: number;
  sequences: number[][];
  sequencesScores?: number[];
}

interface VectorFile {
  transformers: string;
  vocabSize: number;
  table: number[][];
  cases: VectorCase[];
}

// Read rather than imported: the composite tsconfig projects do not list JSON files.
const vectors = JSON.parse(readFileSync(new URL('./hf-vectors.json', import.meta.url), 'utf8')) as VectorFile;
const cases = vectors.cases;

function eosIds(config: Record<string, unknown>): number[] {
  const eos = config['eos_token_id'];
  return typeof eos === 'number' ? [eos] : Array.isArray(eos) ? (eos as number[]) : [];
}

describe(`HF transformers ${vectors.transformers} generate vectors`, () => {
  it('has a meaningful number of cases', () => {
    expect(cases.length).toBeGreaterThan(60);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const logits = hfTableLogits(vectors.table, c.salt, c.prompt.length, eosIds(c.config), c.eosBoost);
    const model = new FakeStepModel(vectors.vocabSize, logits);
    const options = resolveGenerationOptions(c.config, { seed: c.seed ?? 0 }, { promptLength: c.prompt.length });
    const result = await generate(model, c.prompt, options);
    expect(result.sequences).toEqual(c.sequences);
    if (c.sequencesScores) {
      expect(result.sequencesScores).toHaveLength(c.sequencesScores.length);
      result.sequencesScores!.forEach((s, i) => expect(s).toBeCloseTo(c.sequencesScores![i]!, 5));
    } else {
      expect(result.sequencesScores).toBeUndefined();
    }
  });
});
