import { create } from 'zustand';
import type { LiveSnapshot } from '../../../../shared/contract';
import { api } from '../../api/client';
import { initialLiveState, type LiveState } from './initialState';

export interface LiveActions {
  load(): Promise<void>;
  receive(snapshot: LiveSnapshot, receivedAt?: number): void;
  reset(): void;
}

export const useLiveStore = create<LiveState & LiveActions>()((set, get) => ({
  ...initialLiveState,
  async load() {
    set({ loading: true });
    try {
      const snapshot = await api().call('live.snapshot', {});
      get().receive(snapshot);
      set({ loading: false, error: null });
    } catch (error) {
      set({ loading: false, error: error instanceof Error ? error.message : String(error) });
    }
  },
  receive(snapshot, receivedAt = Date.now()) {
    // Pushed and fetched snapshots can cross on the wire; never step back in time.
    const current = get().snapshot;
    if (current && snapshot.at < current.at) return;
    set({ snapshot, receivedAt, error: null });
  },
  reset() {
    set(initialLiveState);
  },
}));
