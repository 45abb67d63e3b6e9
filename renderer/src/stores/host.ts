import { create } from 'zustand';
import type { AppInfo, SimulatorStatus } from '../../../shared/contract';
import { api } from '../api/client';

export interface HostState {
  info: AppInfo | null;
  simulator: SimulatorStatus | null;
  load(): Promise<void>;
  receiveSimulator(status: SimulatorStatus): void;
  reset(): void;
}

/** What the page knows about the process serving it: access granted, simulator running. */
export const useHostStore = create<HostState>()((set) => ({
  info: null,
  simulator: null,
  async load() {
    const [info, simulator] = await Promise.allSettled([api().call('app.info', {}), api().call('simulator.status', {})]);
    set({
      info: info.status === 'fulfilled' ? info.value : null,
      simulator: simulator.status === 'fulfilled' ? simulator.value : null,
    });
  },
  receiveSimulator(status) {
    set({ simulator: status });
  },
  reset() {
    set({ info: null, simulator: null });
  },
}));
