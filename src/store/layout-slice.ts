/**
 * Where the user is and what they chose to see: the place they last acted in
 * (errors show their whole message there, error-causes.ts) and their own
 * Show/Hide of the Models panel, which wins over the automatic fold and
 * survives a reload.
 */
import { MODEL_TASKS } from '../shared/model-registry';
import type { AppState, SliceCreator } from './app-state';
import type { ErrorPlace } from './error-causes';

export type PanelChoice = 'shown' | 'hidden';

export interface LayoutSlice {
  actionPlace: ErrorPlace | undefined;
  /** The user's explicit Show/Hide of the Models panel; undefined leaves it to `modelsPanelOpen`. */
  modelsPanelChoice: PanelChoice | undefined;
  setActionPlace(place: ErrorPlace): void;
  setModelsPanelChoice(choice: PanelChoice): void;
}

const LAYOUT_KEY = 'playground-layout-v1';

export function loadPanelChoice(storage: Pick<Storage, 'getItem'> | undefined): PanelChoice | undefined {
  try {
    const stored = storage?.getItem(LAYOUT_KEY);
    const choice = stored ? (JSON.parse(stored) as { modelsPanel?: unknown }).modelsPanel : undefined;
    return choice === 'shown' || choice === 'hidden' ? choice : undefined;
  } catch {
    return undefined;
  }
}

export function createLayoutSlice(initial: PanelChoice | undefined, storage: Pick<Storage, 'setItem'> | undefined): SliceCreator<LayoutSlice> {
  return (set, get) => ({
    actionPlace: undefined,
    modelsPanelChoice: initial,
    setActionPlace: (place) => {
      if (get().actionPlace !== place) set({ actionPlace: place });
    },
    setModelsPanelChoice: (choice) => {
      set({ modelsPanelChoice: choice });
      try {
        storage?.setItem(LAYOUT_KEY, JSON.stringify({ modelsPanel: choice }));
      } catch {
        // Blocked storage: the choice lasts for this visit.
      }
    },
  });
}

/**
 * Open until the models are ready, then folded to its one-line status; a
 * failed load opens it again. It stays open while the user works in it (a
 * Load pressed there), and the user's own Show/Hide wins.
 */
export function modelsPanelOpen(state: AppState): boolean {
  if (state.modelsPanelChoice) return state.modelsPanelChoice === 'shown';
  if (state.actionPlace === 'models') return true;
  const loads = MODEL_TASKS.map((task) => state.currentLoad(task).status);
  return !(loads.includes('ready') && !loads.includes('error'));
}
