/**
 * Where BLIP's generated words looked (issue 14): cross-attention probabilities, heads averaged, from
 * exports made with `python -m tools.export --attention-maps` (outputs `cross_attentions.{layer}`).
 */
export interface BlipAttentionMaps {
  /** Text layers with a map. */
  layers: number;
  /** Memory tokens each map covers: CLS + image patches (caption), or the question tokens (VQA). */
  keyLength: number;
  /** Each generated token decoded on its own (subword pieces keep their "##"), for labelling its map. */
  words: string[];
  /** [generated token][layer] → attention over the memory tokens; the returned beam's rows for beam search. */
  steps: number[][][];
  /** VQA: [layer][question token] → that token's attention over CLS + image patches. */
  question?: number[][][];
}
