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
  /** Foldable sections the user opened or closed (decoding options), by name: they used to fold away on every remount. */
  openSections: Record<string, boolean>;
  setActionPlace(place: ErrorPlace): void;
  setModelsPanelChoice(choice: PanelChoice): void;
  setSectionOpen(name: string, open: boolean): void;
}

export interface LayoutPrefs {
  modelsPanel?: PanelChoice;
  open?: Record<string, boolean>;
}

const LAYOUT_KEY = 'playground-layout-v1';

export function loadLayoutPrefs(storage: Pick<Storage, 'getItem'> | undefined): LayoutPrefs {
  try {
    const stored = JSON.parse(storage?.getItem(LAYOUT_KEY) ?? 'null') as { modelsPanel?: unknown; open?: unknown } | null;
    const choice = stored?.modelsPanel;
    const open = stored?.open;
    return {
      ...(choice === 'shown' || choice === 'hidden' ? { modelsPanel: choice } : {}),
      ...(typeof open === 'object' && open !== null
        ? { open: Object.fromEntries(Object.entries(open).filter((entry): entry is [string, boolean] => typeof entry[1] === 'boolean')) }
        : {}),
    };
  } catch {
    return {};
  }
}

export function createLayoutSlice(initial: LayoutPrefs, storage: Pick<Storage, 'setItem'> | undefined): SliceCreator<LayoutSlice> {
  return (set, get) => {
    const save = () => {
      const { modelsPanelChoice, openSections } = get();
      try {
        storage?.setItem(LAYOUT_KEY, JSON.stringify({ ...(modelsPanelChoice ? { modelsPanel: modelsPanelChoice } : {}), open: openSections }));
      } catch {
        // Blocked storage: the choices last for this visit.
      }
    };
    return {
      actionPlace: undefined,
      modelsPanelChoice: initial.modelsPanel,
      openSections: initial.open ?? {},
      setActionPlace: (place) => {
        if (get().actionPlace !== place) set({ actionPlace: place });
      },
      setModelsPanelChoice: (choice) => {
        set({ modelsPanelChoice: choice });
        save();
      },
      setSectionOpen: (name, open) => {
        if (get().openSections[name] === open) return;
        set({ openSections: { ...get().openSections, [name]: open } });
        save();
      },
    };
  };
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
