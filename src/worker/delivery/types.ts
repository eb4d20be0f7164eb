/** What the delivery layer knows about one file before and after fetching it. */
export interface FileRequest {
  /** Path inside the model folder, e.g. `onnx/vision_model_quantized.onnx`. */
  path: string;
  url: string;
  /** Expected size in bytes, when the host told us. */
  size?: number;
  /** Content SHA-256 (hex), when the host gives one (Hub LFS files). */
  sha256?: string;
  /** Git blob id (SHA-1 of "blob <len>\0" + content), for small files on the Hub. */
  gitOid?: string;
}

export interface FetchedFile {
  path: string;
  url: string;
  bytes: Uint8Array;
  fromCache: boolean;
  /**
   * Downloaded but not yet proven (no hash from the host, and only its
   * consumer can tell): stored by `storeProvenFiles` once the model loads.
   */
  pending?: boolean;
}

export interface CacheLabels {
  modelId: string;
  repo: string;
  revision: string;
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;
export type SleepLike = (ms: number, signal?: AbortSignal) => Promise<void>;
