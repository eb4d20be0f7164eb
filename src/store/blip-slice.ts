/**
 * BLIP state shared by the BLIP column and the comparison view: decoding
 * settings, captions per image (streamed as they are generated), VQA history
 * per image, and the actions that run them in the worker.
 */
import { generatedTokens } from '../lib/blip-metrics';
import type { InferenceApi } from '../lib/inference-api';
import { toErrorData, type AppErrorData } from '../shared/errors';
import { applyEdit } from '../shared/text-delta';
import { BLIP_ENCODE_BATCH } from '../shared/blip-encode-batch';
import { applyMapsDelta } from '../shared/maps-delta';
import type { BlipAttentionMaps, BlipResult, DecodingSettings, TokenData } from '../shared/protocol';
import type { SliceCreator } from './app-state';
import type { GalleryImage } from './images-slice';

export const DEFAULT_CAPTION_DECODING: DecodingSettings = {
  strategy: 'greedy',
  maxNewTokens: 30,
  minNewTokens: 0,
  numBeams: 3,
  lengthPenalty: 1,
  earlyStopping: false,
  temperature: 0.7,
  topK: 50,
  topP: 0.9,
  repetitionPenalty: 1,
  seed: 42,
};

export const DEFAULT_VQA_DECODING: DecodingSettings = { ...DEFAULT_CAPTION_DECODING, maxNewTokens: 10 };

export type RunStatus = 'running' | 'done' | 'stopped' | 'error';

export interface TextRun {
  /** Text streamed so far, then the final text. */
  text: string;
  status: RunStatus;
  result?: BlipResult;
  error?: AppErrorData;
  tokens: number;
  startedAt: number;
  /** The streamed words' attention maps while the run goes on (when asked for); the result then has the final ones. */
  maps?: BlipAttentionMaps;
}

export interface Caption extends TextRun {
  prompt: string;
}

export interface QaEntry extends TextRun {
  id: number;
  question: string;
}

export interface BlipSlice {
  captionDecoding: DecodingSettings;
  vqaDecoding: DecodingSettings;
  captionPrompt: string;
  /** The question the VQA box holds (and "Run both" asks). */
  vqaQuestion: string;
  captions: Record<string, Caption>;
  qaHistory: Record<string, QaEntry[]>;
  /** Ask for BLIP's cross-attention maps with each caption/answer (exports with cross_attentions.*). */
  attentionMaps: boolean;
  setAttentionMaps(on: boolean): void;
  setDecoding(task: 'caption' | 'vqa', patch: Partial<DecodingSettings>): void;
  setCaptionPrompt(prompt: string): void;
  setVqaQuestion(question: string): void;
  captionImage(image: GalleryImage): Promise<BlipResult | undefined>;
  captionAll(images: GalleryImage[]): Promise<void>;
  askQuestion(image: GalleryImage, question: string): Promise<BlipResult | undefined>;
  stopBlip(task: 'caption' | 'vqa'): void;
}

export interface BlipDeps {
  api: Pick<InferenceApi, 'caption' | 'ask' | 'encodeImages'>;
  now: () => number;
}

function applyToken<T extends TextRun>(run: T, token: TokenData): T {
  const text = applyEdit(token.reset ? '' : run.text, { rewind: token.rewind, text: token.delta });
  const kept = token.reset ? undefined : run.maps;
  const maps = token.maps ? applyMapsDelta(kept, token.maps) : kept;
  return { ...run, text, tokens: token.count, maps };
}

export const createBlipSlice =
  ({ api, now }: BlipDeps): SliceCreator<BlipSlice> =>
  (set, get) => {
    /** Running requests per task, so Stop can cancel them all. */
    const controllers = { caption: new Set<AbortController>(), vqa: new Set<AbortController>() };
    let nextQaId = 1;

    /** Runs one BLIP request, streaming into the entry that `update` maintains. */
    async function stream<T extends TextRun>(
      task: 'caption' | 'vqa',
      image: GalleryImage,
      update: (patch: (run: T) => T) => void,
      request: (signal: AbortSignal, onToken: (token: TokenData) => void) => Promise<BlipResult>,
    ): Promise<BlipResult | undefined> {
      const controller = new AbortController();
      controllers[task].add(controller);
      try {
        await get().ensureModel(task);
        const result = await request(controller.signal, (token) => update((run) => applyToken(run, token)));
        // The result carries the returned hypothesis's maps; the streamed ones are dropped.
        update((run) => ({ ...run, text: result.text, result, tokens: generatedTokens(result), status: 'done', maps: undefined }));
        return result;
      } catch (error) {
        const data = toErrorData(error);
        update((run) => (data.code === 'cancelled' ? { ...run, status: 'stopped' } : { ...run, status: 'error', error: data }));
        return undefined;
      } finally {
        controllers[task].delete(controller);
      }
    }

    /**
     * Caption all encodes a chunk of images in one batched request before captioning them one by one;
     * the chunk shows as running meanwhile (so Stop is offered), and a stop puts back what the images
     * not reached yet showed before.
     */
    function queueCaptions(chunk: readonly GalleryImage[]) {
      const waiting = new Map(chunk.map((image) => [image.id, get().captions[image.id]]));
      const prompt = get().captionPrompt.trim();
      const queued = Object.fromEntries(chunk.map((image) => [image.id, { prompt, text: '', status: 'running' as const, tokens: 0, startedAt: now() }]));
      set({ captions: { ...get().captions, ...queued } });
      return {
        started: (id: string) => waiting.delete(id),
        restore() {
          const captions = { ...get().captions };
          for (const [id, previous] of waiting) {
            if (previous) captions[id] = previous;
            else delete captions[id];
          }
          set({ captions });
        },
      };
    }

    /** False when Stop cancelled the encoding; any other failure is left to each caption, which reports it for its image. */
    async function encodeAhead(chunk: readonly GalleryImage[]): Promise<boolean> {
      // One image gains nothing from encoding ahead: its caption encodes it.
      if (chunk.length < 2) return true;
      const controller = new AbortController();
      controllers.caption.add(controller);
      try {
        await get().ensureModel('caption');
        const model = get().modelRef('caption');
        if (model) await api.encodeImages({ model, images: chunk }, { signal: controller.signal });
        return !controller.signal.aborted;
      } catch (error) {
        return toErrorData(error).code !== 'cancelled' && !controller.signal.aborted;
      } finally {
        controllers.caption.delete(controller);
      }
    }

    return {
      captionDecoding: DEFAULT_CAPTION_DECODING,
      vqaDecoding: DEFAULT_VQA_DECODING,
      captionPrompt: '',
      vqaQuestion: 'What is in the picture?',
      captions: {},
      qaHistory: {},
      attentionMaps: false,
      setAttentionMaps: (on) => set({ attentionMaps: on }),
      setDecoding(task, patch) {
        if (task === 'caption') set({ captionDecoding: { ...get().captionDecoding, ...patch } });
        else set({ vqaDecoding: { ...get().vqaDecoding, ...patch } });
      },
      setCaptionPrompt: (prompt) => set({ captionPrompt: prompt }),
      setVqaQuestion: (question) => set({ vqaQuestion: question }),
      async captionImage(image) {
        const prompt = get().captionPrompt.trim();
        const decoding = get().captionDecoding;
        const update = (patch: (run: Caption) => Caption) => {
          const current = get().captions[image.id];
          if (current) set({ captions: { ...get().captions, [image.id]: patch(current) } });
        };
        set({ captions: { ...get().captions, [image.id]: { prompt, text: '', status: 'running', tokens: 0, startedAt: now() } } });
        return stream('caption', image, update, (signal, onToken) => {
          const model = get().modelRef('caption');
          if (!model) throw new Error('No BLIP captioning model is configured.');
          return api.caption({ model, image, decoding, ...(prompt ? { prompt } : {}), attentionMaps: get().attentionMaps }, { signal, onToken });
        });
      },
      async captionAll(images) {
        for (let start = 0; start < images.length; start += BLIP_ENCODE_BATCH) {
          const chunk = images.slice(start, start + BLIP_ENCODE_BATCH);
          const queue = queueCaptions(chunk);
          if (!(await encodeAhead(chunk))) return queue.restore();
          for (const image of chunk) {
            queue.started(image.id);
            const result = await get().captionImage(image);
            if (!result && get().captions[image.id]?.status === 'stopped') return queue.restore();
          }
        }
      },
      async askQuestion(image, question) {
        const text = question.trim();
        if (!text) return undefined;
        const decoding = get().vqaDecoding;
        const id = nextQaId++;
        const entry: QaEntry = { id, question: text, text: '', status: 'running', tokens: 0, startedAt: now() };
        set({ qaHistory: { ...get().qaHistory, [image.id]: [...(get().qaHistory[image.id] ?? []), entry] } });
        const update = (patch: (run: QaEntry) => QaEntry) => {
          const history = get().qaHistory[image.id] ?? [];
          set({ qaHistory: { ...get().qaHistory, [image.id]: history.map((item) => (item.id === id ? patch(item) : item)) } });
        };
        return stream('vqa', image, update, (signal, onToken) => {
          const model = get().modelRef('vqa');
          if (!model) throw new Error('No BLIP VQA model is configured.');
          return api.ask({ model, image, question: text, decoding, attentionMaps: get().attentionMaps }, { signal, onToken });
        });
      },
      stopBlip(task) {
        for (const controller of controllers[task]) controller.abort();
      },
    };
  };
