/**
 * What the bench page returns to the Playwright harness (bench/harness/page-api.ts imports these
 * types too). Plain data only, no imports: both the app's and the harness's TypeScript projects
 * compile this file, so the two sides cannot drift apart.
 */
export interface LoadSummary {
  backend: string;
  threads: number;
  downloadMs: number;
  createMs: number;
  totalMs: number;
  bytes: number;
  notes: string[];
}

export interface ClipRun {
  imageMs: number;
  textMs: number;
  totalMs: number;
  imagesEncoded: number;
  textsEncoded: number;
}

export interface BlipRunSummary {
  preprocessMs: number;
  visionMs: number;
  visionCached: boolean;
  questionMs: number | undefined;
  stepMs: number[];
  totalMs: number;
  /** Whether the run returned attention maps (asked for, on an export with cross_attentions.* outputs). */
  attentionMaps: boolean;
  newTokens: number;
  finishReason: string;
}

/** `blip:encode` (Caption all's batched vision encoding): the worker's timings and counts. */
export interface BlipEncodeRun {
  visionMs: number;
  preprocessMs: number;
  encoded: number;
  batches: number;
}

/** One BLIP retrieval request: the worker's ItmTimings and how many images came from its cache. */
export interface ItmRun {
  visionMs: number;
  itcMs: number;
  itmMs: number;
  cachedImages: number;
  /** Labels scored (`itm:score`) or images re-ranked by ITM (`itm:search`). */
  itmPairs: number;
}

/** Main-thread long tasks counted by the page (the Long Tasks API reports every task over 50 ms). */
export interface LongTaskSummary {
  /** False where the browser has no Long Tasks API: then the count means nothing. */
  supported: boolean;
  count: number;
  maxMs: number;
  totalMs: number;
  /** The first few long tasks: start (ms since counting started) and duration. */
  entries: { startMs: number; durationMs: number }[];
}
