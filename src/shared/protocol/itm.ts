/** BLIP retrieval (task `itm`): ITC and ITM scores beside CLIP's, and ITM re-ranking of a first-stage search. */

export interface ItmTimings {
  /** Vision tower (zero-ish when every image came from the cache). */
  visionMs: number;
  /** ITC: text tower and cosine. */
  itcMs: number;
  /** ITM: text with cross-attention to the image, one pass per (image, text). */
  itmMs: number;
  cachedImages: number;
}

export interface ItmLabelScore {
  label: string;
  /** The prompt actually encoded (template applied). */
  text: string;
  itcCosine: number;
  /** softmax over the labels of logitScale · cosine, with BLIP's own temperature. */
  itcProbability: number;
  /** P(match) from the ITM head: a yes/no per label, not a distribution over the labels. */
  itmProbability: number;
}

export interface ItmScoreResult {
  imageKey: string;
  scores: ItmLabelScore[];
  logitScale: number;
  timings: ItmTimings;
}

export interface ItmSearchResult {
  query: string;
  /** Which ranking was re-ranked: BLIP's ITC, or the one the caller gave (CLIP's). */
  firstStage: 'itc' | 'given';
  topK: number;
  /** Every image by ITC cosine, in the first stage's order. */
  ranking: { imageKey: string; itcCosine: number }[];
  /** The first stage's top-k, best ITM match first. */
  reranked: { imageKey: string; itmProbability: number }[];
  timings: ItmTimings;
}
