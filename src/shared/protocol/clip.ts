/** CLIP results and the facts that explain them. */
export interface ClipFacts {
  logitScale: number;
  /** Where the temperature came from: the export's config, the registry, or the untrained init value. */
  logitScaleSource: 'config' | 'registry' | 'init-value';
  projectionDim: number;
  textLayers: number;
  visionLayers: number;
  imageSize: number;
  patchSize: number;
  /** Patches plus the class token. */
  imageTokens: number;
}

export interface ClipCacheStats {
  imagesEncoded: number;
  imagesCached: number;
  textsEncoded: number;
  textsCached: number;
}

export interface ClipTimings {
  imageMs: number;
  textMs: number;
  totalMs: number;
  imageBatches: number;
  textBatches: number;
}

/** A text longer than the model's limit, encoded as [BOS] + its first limit-2 tokens + [EOS]. */
export interface TextCut {
  tokens: number;
  limit: number;
}

export interface ClipLabelScore {
  label: string;
  /** The prompt actually encoded (template applied). */
  text: string;
  /** Set when the prompt was cut to the model's token limit. */
  cut?: TextCut;
  cosine: number;
  /** logit_scale · cosine, as CLIP's logits_per_image. */
  logit: number;
  probability: number;
}

export interface ClipClassifyResult {
  results: { imageKey: string; scores: ClipLabelScore[] }[];
  facts: ClipFacts;
  cache: ClipCacheStats;
  timings: ClipTimings;
}

export interface ClipSearchResult {
  query: string;
  /** Set when the query was cut to the model's token limit. */
  queryCut?: TextCut;
  ranking: { imageKey: string; cosine: number }[];
  facts: ClipFacts;
  cache: ClipCacheStats;
  timings: ClipTimings;
}
