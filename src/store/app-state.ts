/** The whole store's shape; each slice's creator sees all of it. */
import type { StateCreator } from 'zustand';
import type { BlipSlice } from './blip-slice';
import type { ClipSlice } from './clip-slice';
import type { HostOfferSlice } from './host-offer-slice';
import type { ImagesSlice } from './images-slice';
import type { ItmSlice } from './itm-slice';
import type { LayoutSlice } from './layout-slice';
import type { ModelsSlice } from './models-slice';
import type { PatchMapSlice } from './patch-map-slice';
import type { RuntimeSlice } from './runtime-slice';
import type { SettingsSlice } from './settings-slice';

export type AppState = ImagesSlice &
  RuntimeSlice &
  SettingsSlice &
  HostOfferSlice &
  ModelsSlice &
  ClipSlice &
  BlipSlice &
  ItmSlice &
  PatchMapSlice &
  LayoutSlice;

export type SliceCreator<Slice> = StateCreator<AppState, [], [], Slice>;
