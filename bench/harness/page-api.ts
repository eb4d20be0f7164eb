/**
 * How the harness calls the bench page (src/bench/). The result shapes come from
 * src/bench/api-types.ts; the page's own modules are compiled with the app and not imported here.
 * Every value that comes back is checked at run time by the suites, so a drift fails loudly
 * instead of producing wrong numbers.
 */
import type { Page } from '@playwright/test';
import type { PeerLoad, PeerTimed } from '../../src/bench/peer-types';
import type { BlipEncodeRun, BlipRunSummary, ClipRun, ItmRun, LoadSummary, LongTaskSummary } from '../../src/bench/api-types';

export type { BlipEncodeRun, BlipRunSummary, ClipRun, ItmRun, LoadSummary, LongTaskSummary };

export type Task = 'clip' | 'caption' | 'vqa' | 'itm';
export type Dtype = 'fp32' | 'q8';

export interface BenchModels {
  hubUrl: string;
  repos: Record<Task, string>;
  dtype: Dtype;
  device: 'wasm' | 'webgpu';
}

export interface Capabilities {
  webgpu: { available: boolean; adapter?: string; shaderF16: boolean; reason?: string; software?: boolean };
  crossOriginIsolated: boolean;
  hardwareConcurrency: number;
  wasmThreads: number;
  /** The backend Auto resolves to (never a software adapter, issue 17 §1). */
  preferredBackend: 'webgpu' | 'wasm';
}

export interface PageBench {
  configure(models: BenchModels): void;
  probe(): Promise<Capabilities>;
  load(task: Task): Promise<LoadSummary>;
  unload(task: Task): Promise<boolean>;
  classify(seed: number, count: number, size: number, labels: string[]): Promise<ClipRun>;
  search(seed: number, count: number, size: number, query: string): Promise<ClipRun>;
  clipBatchDelta(seed: number, count: number, size: number, query: string): Promise<number>;
  clipScores(seed: number, size: number, labels: string[]): Promise<{ text: string; cosine: number }[]>;
  peerLoad(setup: PeerLoad): Promise<{ createMs: number }>;
  peerImage(seed: number, size: number): Promise<PeerTimed>;
  peerTexts(texts: string[]): Promise<PeerTimed>;
  peerClassify(seed: number, size: number, texts: string[]): Promise<PeerTimed & { probabilities: number[] }>;
  caption(seed: number, size: number, strategy: 'greedy' | 'beam', tokens: number, beams: number, attentionMaps?: boolean): Promise<BlipRunSummary>;
  blipEncode(seed: number, count: number, size: number): Promise<BlipEncodeRun>;
  answer(seed: number, size: number, question: string, tokens: number): Promise<BlipRunSummary>;
  itmScore(seed: number, size: number, labels: string[]): Promise<ItmRun>;
  itmSearch(seed: number, count: number, size: number, query: string, topK: number): Promise<ItmRun>;
  startLongTasks(): void;
  longTasks(): LongTaskSummary;
}

export type Method = keyof PageBench;

/** Calls `window.bench[method](...args)` in the page. */
export async function callPage<M extends Method>(page: Page, method: M, ...args: Parameters<PageBench[M]>): Promise<Awaited<ReturnType<PageBench[M]>>> {
  return page.evaluate(
    ([name, values]) => {
      const bench = (window as unknown as { bench?: Record<string, (...input: unknown[]) => unknown> }).bench;
      if (!bench) throw new Error('The bench page did not start (window.bench is missing).');
      const fn = bench[name];
      if (!fn) throw new Error(`The bench page has no ${name}().`);
      return fn(...values);
    },
    [method, args] as const,
  ) as Promise<Awaited<ReturnType<PageBench[M]>>>;
}
