/** The bench page ↔ peer worker messages (peer-worker.ts): plain data, one reply per call. */
export interface PeerLoad {
  hubUrl: string;
  repo: string;
  dtype: 'fp32' | 'q8';
  threads: number;
}

/** One timed call: its time in ms (the worker's clock) and the unit embeddings it made. */
export interface PeerTimed {
  ms: number;
  embeddings: number[][];
}

export type PeerMethod = 'load' | 'embedImage' | 'embedTexts' | 'classify';

export interface PeerCall {
  id: number;
  method: PeerMethod;
  args: unknown[];
}

export type PeerReply = { id: number; result: unknown } | { id: number; error: string };
