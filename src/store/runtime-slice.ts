/** What the worker reported about itself: capabilities, restarts and notices. */
import type { SliceCreator } from './app-state';
import type { Capabilities } from '../shared/protocol';

export interface RuntimeNotice {
  key: number;
  level: 'info' | 'warning';
  message: string;
}

export interface RuntimeSlice {
  capabilities: Capabilities | undefined;
  capabilityError: string | undefined;
  workerRestarts: number;
  notices: RuntimeNotice[];
  setCapabilities(capabilities: Capabilities): void;
  setCapabilityError(message: string): void;
  recordWorkerRestart(restarts: number): void;
  pushNotice(level: RuntimeNotice['level'], message: string): void;
  dismissNotice(key: number): void;
}

export const createRuntimeSlice = (): SliceCreator<RuntimeSlice> => (set, get) => {
  let nextNoticeKey = 1;
  return {
    capabilities: undefined,
    capabilityError: undefined,
    workerRestarts: 0,
    notices: [],
    setCapabilities(capabilities) {
      set({ capabilities, capabilityError: undefined });
    },
    setCapabilityError(message) {
      set({ capabilityError: message });
    },
    recordWorkerRestart(restarts) {
      set({ workerRestarts: restarts });
    },
    pushNotice(level, message) {
      set({ notices: [...get().notices, { key: nextNoticeKey++, level, message }] });
    },
    dismissNotice(key) {
      set({ notices: get().notices.filter((notice) => notice.key !== key) });
    },
  };
};
