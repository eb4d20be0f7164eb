/** Pixels the UI hands the worker once, then names by key. */
/** Error detail the worker uses when a request names an image it does not hold (the client re-sends it). */
export const MISSING_IMAGE_DETAIL = 'image-not-in-worker';

/** Decoded, downscaled pixels (RGBA, alpha composited), named by content hash. */
export interface WorkerImage {
  key: string;
  width: number;
  height: number;
  data: Uint8ClampedArray;
}
