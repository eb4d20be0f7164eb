/** Decoder prompts exactly as HF's BLIP `generate` methods build them (transformers v5). */
import type { BlipSpecialIds } from './types';

/**
 * BlipForConditionalGeneration.generate: the processor's ids ([CLS] prompt [SEP]) get the BOS id in
 * place of their first token, and the last token (the [SEP]) is dropped. Without a prompt HF starts
 * from [bos, eos] and drops the eos, leaving [bos].
 */
export function captionPromptIds(encodedPrompt: readonly number[] | null, ids: BlipSpecialIds): number[] {
  const start = ids.bos ?? ids.decoderStart;
  if (!encodedPrompt || encodedPrompt.length < 2) return [start];
  return [start, ...encodedPrompt.slice(1, -1)];
}

/** BlipForQuestionAnswering.generate: the answer decoder starts from decoder_start_token_id alone. */
export function answerPromptIds(ids: BlipSpecialIds): number[] {
  return [ids.decoderStart];
}
