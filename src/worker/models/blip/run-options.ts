/** Generation options for one BLIP run, resolved the way HF's BLIP `generate` does. */
import { AppError } from '../../../shared/errors';
import type { BlipModelConfig } from './blip-config';
import { resolveGenerationOptions, type GenerationConfigJson, type GenerationOptions } from './generation';

/**
 * generation_config.json < the request's options; the stop and pad ids are always BLIP's
 * (`eos_token_id=sep_token_id, pad_token_id=pad_token_id` are hard-wired in HF's BLIP generate).
 */
export function runOptions(
  generationConfig: GenerationConfigJson | undefined,
  requested: Partial<GenerationOptions> | undefined,
  promptLength: number,
  config: BlipModelConfig,
): GenerationOptions {
  const maxPositions = config.text.maxPositions;
  let options: GenerationOptions;
  try {
    options = resolveGenerationOptions(
      generationConfig,
      { ...requested, eosTokenId: config.ids.sep, padTokenId: config.ids.pad },
      { promptLength, ...(maxPositions === undefined ? {} : { maxPositionEmbeddings: maxPositions }) },
    );
  } catch (error) {
    throw badOptions(error instanceof Error ? error.message : String(error));
  }
  if (maxPositions !== undefined && promptLength + options.maxNewTokens > maxPositions) {
    throw badOptions(
      `the prompt has ${promptLength} tokens and ${options.maxNewTokens} new tokens were asked for, ` +
        `but the decoder has only ${maxPositions} positions`,
      `Ask for at most ${Math.max(0, maxPositions - promptLength)} new tokens, or shorten the prompt.`,
    );
  }
  return options;
}

function badOptions(reason: string, action = 'Change the generation settings and try again.'): AppError {
  return new AppError({ code: 'bad-request', message: `These generation settings cannot be used: ${reason}.`, action });
}
