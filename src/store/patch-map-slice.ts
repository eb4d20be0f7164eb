/**
 * CLIP's per-patch cosine with a text (issue 14), per image and text: what its single-vector alignment
 * yields patch by patch. `null` cosines: the loaded export has no patch_embeds output.
 */
import type { InferenceApi } from '../lib/inference-api';
import { toErrorData, type AppErrorData } from '../shared/errors';
import type { SliceCreator } from './app-state';
import type { GalleryImage } from './images-slice';

export interface PatchMapEntry {
  imageId: string;
  text: string;
  status: 'running' | 'done' | 'error';
  cosines?: number[] | null;
  error?: AppErrorData;
}

export interface PatchMapSlice {
  /** The last map asked for (one at a time: it follows the label or query the user points at). */
  patchMap?: PatchMapEntry;
  showPatchMap(image: GalleryImage, text: string): Promise<void>;
}

export const createPatchMapSlice =
  ({ api }: { api: Pick<InferenceApi, 'patchMap'> }): SliceCreator<PatchMapSlice> =>
  (set, get) => ({
    async showPatchMap(image, text) {
      const entry: PatchMapEntry = { imageId: image.id, text, status: 'running' };
      set({ patchMap: entry });
      const settle = (patch: Partial<PatchMapEntry>) => {
        if (get().patchMap === entry) set({ patchMap: { ...entry, ...patch } });
      };
      try {
        await get().ensureModel('clip');
        const model = get().modelRef('clip');
        if (!model) throw new Error('No CLIP model is configured.');
        settle({ status: 'done', cosines: await api.patchMap({ model, image, text }) });
      } catch (error) {
        settle({ status: 'error', error: toErrorData(error) });
      }
    },
  });
