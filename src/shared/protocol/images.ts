/** Pixels the UI hands the worker once, then names by key. */
/** Decoded, downscaled pixels (RGBA, alpha composited), named by content hash. */
export interface WorkerImage {
  key: string;
  width: number;
  height: number;
  data: Uint8ClampedArray;
}
