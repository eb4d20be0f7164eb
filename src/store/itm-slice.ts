/**
 * BLIP retrieval beside CLIP (issue 15): the "Compare with BLIP" switch, BLIP's ITC/ITM scores per image for
 * the CLIP labels, and the ITM re-ranking of a search's top-k (arXiv 2201.12086 §4's two-stage retrieval).
 */
import type { InferenceApi } from '../lib/inference-api';
import { AppError, toErrorData, type AppErrorData } from '../shared/errors';
import { checkTemplate } from '../shared/prompt-template';
import type { ItmScoreResult, ItmSearchResult } from '../shared/protocol';
import type { SliceCreator } from './app-state';
import type { GalleryImage } from './images-slice';

export const DEFAULT_RERANK_TOP_K = 10;

export interface ItmScores extends ItmScoreResult {
  labels: string[];
  template: string;
}

type ItmBusy = 'score' | 'rerank' | undefined;

export interface ItmSlice {
  compareWithBlip: boolean;
  /** Latest BLIP scores per image key. */
  itmScores: Record<string, ItmScores>;
  itmRerank: ItmSearchResult | undefined;
  itmBusy: ItmBusy;
  itmError: AppErrorData | undefined;
  setCompareWithBlip(on: boolean): void;
  scoreWithBlip(image: GalleryImage): Promise<void>;
  /** Re-ranks the top-k of CLIP's last search (`clip`) or of BLIP's own ITC ranking (`itc`) by ITM. */
  rerankWithBlip(query: string, firstStage: 'clip' | 'itc', topK: number): Promise<void>;
}

export interface ItmDeps {
  api: Pick<InferenceApi, 'itmScore' | 'itmSearch'>;
}

export const createItmSlice =
  ({ api }: ItmDeps): SliceCreator<ItmSlice> =>
  (set, get) => {
    let controller: AbortController | undefined;

    async function run(busy: ItmBusy, task: (signal: AbortSignal) => Promise<void>): Promise<void> {
      controller?.abort();
      const current = new AbortController();
      controller = current;
      set({ itmBusy: busy, itmError: undefined });
      try {
        await get().ensureModel('itm');
        await task(current.signal);
      } catch (error) {
        const data = toErrorData(error);
        if (data.code !== 'cancelled' && controller === current) set({ itmError: data });
      } finally {
        if (controller === current) {
          controller = undefined;
          set({ itmBusy: undefined });
        }
      }
    }

    const model = () => {
      const ref = get().modelRef('itm');
      if (!ref) throw new Error('No BLIP retrieval model is configured.');
      return ref;
    };

    return {
      compareWithBlip: false,
      itmScores: {},
      itmRerank: undefined,
      itmBusy: undefined,
      itmError: undefined,
      setCompareWithBlip: (on) => set({ compareWithBlip: on }),
      async scoreWithBlip(image) {
        const { clipLabels: labels, clipTemplate: template } = get();
        if (labels.length === 0 || !checkTemplate(template).ok) return;
        await run('score', async (signal) => {
          const result = await api.itmScore({ model: model(), image, labels, template }, { signal });
          set({ itmScores: { ...get().itmScores, [image.id]: { ...result, labels, template } } });
        });
      },
      async rerankWithBlip(query, firstStage, topK) {
        const images = get().images;
        if (!query.trim() || images.length === 0) return;
        const clipOrder = get().search?.query === query ? get().search?.ranking.map((entry) => entry.imageKey) : undefined;
        if (firstStage === 'clip' && !clipOrder) {
          const error = new AppError({
            code: 'bad-request',
            message: `CLIP has not searched for “${query}” yet, so there is no CLIP ranking for BLIP to re-rank.`,
            action: 'Run the CLIP search first, or re-rank BLIP’s own ITC ranking instead.',
          });
          set({ itmError: toErrorData(error) });
          return;
        }
        await run('rerank', async (signal) => {
          const request = { model: model(), images, query, topK, ...(firstStage === 'clip' && clipOrder ? { firstStage: clipOrder } : {}) };
          set({ itmRerank: await api.itmSearch(request, { signal }) });
        });
      },
    };
  };
