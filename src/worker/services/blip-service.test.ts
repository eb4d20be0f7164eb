import { describe, expect, it } from 'vitest';
import type { DecodingSettings } from '../../shared/protocol';
import { generationOptions } from './blip-service';

const SETTINGS: DecodingSettings = {
  strategy: 'greedy',
  maxNewTokens: 30,
  minNewTokens: 2,
  numBeams: 3,
  lengthPenalty: 1.5,
  earlyStopping: true,
  temperature: 0.7,
  topK: 40,
  topP: 0.9,
  repetitionPenalty: 1.2,
  seed: 7,
};

describe('generationOptions', () => {
  it('passes only what each strategy uses', () => {
    expect(generationOptions(SETTINGS)).toEqual({ maxNewTokens: 30, minNewTokens: 2, repetitionPenalty: 1.2, numBeams: 1, doSample: false });
    expect(generationOptions({ ...SETTINGS, strategy: 'beam' })).toMatchObject({ numBeams: 3, lengthPenalty: 1.5, earlyStopping: true, doSample: false });
    expect(generationOptions({ ...SETTINGS, strategy: 'sample' })).toMatchObject({
      doSample: true,
      temperature: 0.7,
      topK: 40,
      topP: 0.9,
      seed: 7,
      numBeams: 1,
    });
    expect(generationOptions({ ...SETTINGS, strategy: 'sample' })).not.toHaveProperty('lengthPenalty');
  });
});
