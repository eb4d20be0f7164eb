import { describe, expect, it } from 'vitest';
import { answerPromptIds, captionPromptIds } from './prompts';

const ids = { decoderStart: 275, sep: 5, pad: 0, bos: 275 };

describe('BLIP decoder prompts (HF transformers v5)', () => {
  it('captioning without a prompt starts from BOS alone', () => {
    expect(captionPromptIds(null, ids)).toEqual([275]);
  });

  it('a caption prompt gets BOS instead of [CLS] and loses its last token', () => {
    expect(captionPromptIds([4, 25, 106, 65, 5], ids)).toEqual([275, 25, 106, 65]);
    // An empty prompt tokenizes to [CLS] [SEP], which HF turns into [BOS].
    expect(captionPromptIds([4, 5], ids)).toEqual([275]);
  });

  it('VQA answers start from decoder_start_token_id', () => {
    expect(answerPromptIds({ ...ids, decoderStart: 30522 })).toEqual([30522]);
  });
});
