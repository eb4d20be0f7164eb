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

/**
 * Maps streamed with the tokens (TokenData.maps): the streamed hypothesis's maps from word `from` on.
 * Greedy adds one word per token; beam search streams its current best beam and replaces the maps from
 * the first word that differs when another beam takes the lead.
 */
export interface MapsDelta {
  from: number;
  layers: number;
  keyLength: number;
  words: string[];
  steps: number[][][];
  /** VQA, on the run's first delta: as BlipAttentionMaps.question. */
  question?: number[][][];
}
