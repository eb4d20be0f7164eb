/**
 * CLIP state shared by the CLIP column and the comparison view: labels,
 * template, classification results per image, the last search, and the
 * actions that run them in the worker.
 */
import type { InferenceApi } from '../lib/inference-api';
import { toErrorData, type AppErrorData } from '../shared/errors';
import { DEFAULT_TEMPLATE, checkTemplate } from '../shared/prompt-template';
import type { ClipCacheStats, ClipClassifyResult, ClipFacts, ClipLabelScore, ClipSearchResult, ClipTimings } from '../shared/protocol';
import type { SliceCreator } from './app-state';
import type { GalleryImage } from './images-slice';

export const DEFAULT_LABELS = ['cat', 'dog', 'coffee cup', 'astronaut', 'rocket', 'coins', 'camera', 'galaxy'];

export interface ClipRunMeta {
  facts: ClipFacts;
  cache: ClipCacheStats;
  timings: ClipTimings;
  images: number;
}

export interface Classification {
  imageKey: string;
  /** Labels and template the scores were computed for. */
  labels: string[];
  template: string;
  scores: ClipLabelScore[];
  /** The run (possibly over several images) that produced these scores. */
  run: ClipRunMeta;
}

/** Whether the scores were computed for exactly these labels and template, i.e. still answer what the screen asks. */
export function isCurrent(classification: Classification | undefined, labels: readonly string[], template: string): classification is Classification {
  return (
    classification !== undefined &&
    classification.template === template &&
    classification.labels.length === labels.length &&
    classification.labels.every((label, index) => label === labels[index])
  );
}

type Busy = 'classify' | 'classify-all' | 'search' | undefined;

export interface ClipSlice {
  clipLabels: string[];
  clipTemplate: string;
  /** Latest classification per image key. */
  classifications: Record<string, Classification>;
  lastClassify: ClipRunMeta | undefined;
  search: (ClipSearchResult & { images: number }) | undefined;
  clipBusy: Busy;
  clipError: AppErrorData | undefined;
  setClipLabels(labels: string[]): void;
  setClipTemplate(template: string): void;
  classifyImages(images: GalleryImage[], busy?: Busy): Promise<ClipClassifyResult | undefined>;
  searchImages(query: string): Promise<void>;
  cancelClip(): void;
}

export interface ClipDeps {
  api: Pick<InferenceApi, 'classify' | 'search'>;
}

export const createClipSlice =
  ({ api }: ClipDeps): SliceCreator<ClipSlice> =>
  (set, get) => {
    /** The running CLIP request; a new one cancels it. */
    let controller: AbortController | undefined;

    async function run<T>(busy: Busy, task: (signal: AbortSignal) => Promise<T>): Promise<T | undefined> {
      controller?.abort();
      const current = new AbortController();
      controller = current;
      set({ clipBusy: busy, clipError: undefined });
      try {
        await get().ensureModel('clip');
        return await task(current.signal);
      } catch (error) {
        const data = toErrorData(error);
        if (data.code !== 'cancelled' && controller === current) set({ clipError: data });
        return undefined;
      } finally {
        if (controller === current) {
          controller = undefined;
          set({ clipBusy: undefined });
        }
      }
    }

    return {
      clipLabels: DEFAULT_LABELS,
      clipTemplate: DEFAULT_TEMPLATE,
      classifications: {},
      lastClassify: undefined,
      search: undefined,
      clipBusy: undefined,
      clipError: undefined,
      setClipLabels: (labels) => set({ clipLabels: labels }),
      setClipTemplate: (template) => set({ clipTemplate: template }),
      async classifyImages(images, busy = 'classify') {
        const { clipLabels: labels, clipTemplate: template } = get();
        if (images.length === 0 || labels.length === 0 || !checkTemplate(template).ok) return undefined;
        return run(busy, async (signal) => {
          const model = get().modelRef('clip');
          if (!model) throw new Error('No CLIP model is configured.');
          const result = await api.classify({ model, images, labels, template }, { signal });
          const run: ClipRunMeta = { facts: result.facts, cache: result.cache, timings: result.timings, images: images.length };
          const classifications = { ...get().classifications };
          for (const entry of result.results) classifications[entry.imageKey] = { ...entry, labels, template, run };
          set({ classifications, lastClassify: run });
          return result;
        });
      },
      async searchImages(query) {
        const images = get().images;
        if (!query.trim() || images.length === 0) return;
        await run('search', async (signal) => {
          const model = get().modelRef('clip');
          if (!model) throw new Error('No CLIP model is configured.');
          const result = await api.search({ model, images, query }, { signal });
          set({ search: { ...result, images: images.length } });
        });
      },
      cancelClip() {
        controller?.abort();
      },
    };
  };
