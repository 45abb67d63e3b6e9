import { create } from 'zustand';
import type { Anomaly } from '../../../../shared/contract';
import { api } from '../../api/client';
import { initialAnomaliesState, type AnomaliesState } from './initialState';

export interface AnomaliesActions {
  load(): Promise<void>;
  select(id: number | null): Promise<void>;
  setStatus(id: number, status: Anomaly['status'], reason?: string): Promise<boolean>;
  receiveFlag(flag: Anomaly): void;
  reset(): void;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export const useAnomaliesStore = create<AnomaliesState & AnomaliesActions>()((set, get) => ({
  ...initialAnomaliesState(),
  async load() {
    set({ loading: true, error: null });
    try {
      const overview = await api().call('anomalies.overview', {});
      set({ overview, loading: false });
    } catch (e) {
      set({ loading: false, error: message(e) });
    }
  },
  async select(id) {
    set({ selectedId: id });
    if (id === null) return set({ contacts: [], contactsFor: null });
    try {
      const contacts = await api().call('anomalies.contacts', { id, limit: 200 });
      if (get().selectedId === id) set({ contacts, contactsFor: id });
    } catch (e) {
      set({ error: message(e) });
    }
  },
  async setStatus(id, status, reason) {
    try {
      const flag = await api().call('anomalies.setStatus', { id, status, reason });
      get().receiveFlag(flag);
      return true;
    } catch (e) {
      set({ error: message(e) });
      return false;
    }
  },
  receiveFlag(flag) {
    const o = get().overview;
    if (!o) return;
    set({ overview: { ...o, flags: o.flags.map((f) => (f.id === flag.id ? flag : f)) } });
  },
  reset() {
    set(initialAnomaliesState());
  },
}));
