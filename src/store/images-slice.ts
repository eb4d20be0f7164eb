/** Gallery state: the images, which one is active, and the files that were refused. */
import type { InferenceApi } from '../lib/inference-api';
import type { SliceCreator } from './app-state';

export interface GalleryImage {
  /** Content hash of the working-size pixels; also the cache key in the worker. */
  id: string;
  name: string;
  format: string;
  byteSize: number;
  source: 'file' | 'paste' | 'sample';
  width: number;
  height: number;
  originalWidth: number;
  originalHeight: number;
  previewUrl: string;
  pixels: ImageData;
}

export interface ImageRejection {
  key: number;
  fileName: string;
  reason: string;
  action: string;
}

export interface ImagesSlice {
  images: GalleryImage[];
  activeImageId: string | undefined;
  rejections: ImageRejection[];
  /** Says which files were skipped because the gallery already holds the same pixels; silence looked like a lost file. */
  duplicateNotice: string | undefined;
  /** Files being read and decoded right now. */
  imagesLoading: number;
  addImages(images: GalleryImage[]): void;
  removeImage(id: string): void;
  clearImages(): void;
  setActiveImage(id: string): void;
  dismissDuplicateNotice(): void;
  addRejections(rejections: Omit<ImageRejection, 'key'>[]): void;
  dismissRejection(key: number): void;
  clearRejections(): void;
  setImagesLoading(delta: number): void;
}

export interface ImagesDeps {
  api: Pick<InferenceApi, 'forgetImages'>;
  /** Frees a preview's object URL (tests pass a spy; jsdom has no revokeObjectURL). */
  revokeUrl: (url: string) => void;
}

export const createImagesSlice =
  ({ api, revokeUrl }: ImagesDeps): SliceCreator<ImagesSlice> =>
  (set, get) => {
    let nextRejectionKey = 1;
    return {
      images: [],
      activeImageId: undefined,
      rejections: [],
      duplicateNotice: undefined,
      imagesLoading: 0,
      addImages(added) {
        const { images, activeImageId } = get();
        const known = new Map(images.map((image) => [image.id, image.name]));
        const fresh: GalleryImage[] = [];
        const skipped: string[] = [];
        for (const image of added) {
          const existing = known.get(image.id);
          if (existing !== undefined) {
            revokeUrl(image.previewUrl);
            skipped.push(existing === image.name ? `“${image.name}”` : `“${image.name}” (same pixels as “${existing}”)`);
            continue;
          }
          known.set(image.id, image.name);
          fresh.push(image);
        }
        const duplicateNotice = skipped.length > 0 ? `Already in the gallery, not added again: ${skipped.join(', ')}.` : get().duplicateNotice;
        if (fresh.length === 0) {
          set({ duplicateNotice });
          return;
        }
        set({ images: [...images, ...fresh], activeImageId: activeImageId ?? fresh[0]?.id, duplicateNotice });
      },
      dismissDuplicateNotice: () => set({ duplicateNotice: undefined }),
      removeImage(id) {
        const { images, activeImageId } = get();
        const index = images.findIndex((image) => image.id === id);
        const removed = images[index];
        if (!removed) return;
        revokeUrl(removed.previewUrl);
        api.forgetImages([id]);
        const remaining = images.filter((image) => image.id !== id);
        const nextActive = activeImageId === id ? (remaining[Math.min(index, remaining.length - 1)]?.id ?? undefined) : activeImageId;
        set({ images: remaining, activeImageId: nextActive });
      },
      clearImages() {
        const { images } = get();
        for (const image of images) revokeUrl(image.previewUrl);
        api.forgetImages(images.map((image) => image.id));
        set({ images: [], activeImageId: undefined, duplicateNotice: undefined });
      },
      setActiveImage(id) {
        if (get().images.some((image) => image.id === id)) set({ activeImageId: id });
      },
      addRejections(rejections) {
        if (rejections.length === 0) return;
        set({ rejections: [...get().rejections, ...rejections.map((r) => ({ ...r, key: nextRejectionKey++ }))] });
      },
      dismissRejection(key) {
        set({ rejections: get().rejections.filter((rejection) => rejection.key !== key) });
      },
      clearRejections() {
        set({ rejections: [] });
      },
      setImagesLoading(delta) {
        set({ imagesLoading: Math.max(0, get().imagesLoading + delta) });
      },
    };
  };
