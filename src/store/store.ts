/** The app's one zustand store, composed of typed slices. */
import { create } from 'zustand';
import { createImagesSlice, type ImagesSlice } from './images-slice';
import { createRuntimeSlice, type RuntimeSlice } from './runtime-slice';

export type AppState = ImagesSlice & RuntimeSlice;

export const useAppStore = create<AppState>()((...args) => ({
  ...createImagesSlice(...args),
  ...createRuntimeSlice(...args),
}));
