import { create } from 'zustand';
import type { Anomaly, AnomalyFinding } from '../../../../shared/contract';
import { api } from '../../api/client';
import { initialAnomaliesState, type AnomaliesState } from './initialState';
import { coachingHref } from './selectors';

export interface AnomaliesActions {
  /** The overview (a read: flags not yet recorded come without an id). */
  load(): Promise<void>;
  /** Scans now and records what it finds (write access). */
  scan(): Promise<void>;
  select(key: string | null): Promise<void>;
  setStatus(flag: AnomalyFinding, status: Anomaly['status'], reason?: string): Promise<boolean>;
  /** Opens the coaching form with the flag as evidence, recording the flag first if needed. */
  openCoaching(flag: AnomalyFinding): Promise<void>;
  receiveFlag(flag: Anomaly): void;
  reset(): void;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export const useAnomaliesStore = create<AnomaliesState & AnomaliesActions>()((set, get) => {
  /**
   * The id of a flag, recording it first when a read found it before any scan did: acting on a
   * flag (status, coaching evidence) needs it on record. Null when it is no longer found.
   */
  const recordedId = async (flag: AnomalyFinding): Promise<number | null> => {
    if (flag.id !== null) return flag.id;
    const overview = await api().call('anomalies.scan', {});
    set({ overview });
    return overview.flags.find((f) => f.key === flag.key)?.id ?? null;
  };
  const gone = () => set({ gone: true });

  return {
    ...initialAnomaliesState(),
    async load() {
      set({ loading: true, error: null, gone: false });
      try {
        const overview = await api().call('anomalies.overview', {});
        set({ overview, loading: false });
      } catch (e) {
        set({ loading: false, error: message(e) });
      }
    },
    async scan() {
      set({ loading: true, error: null, gone: false });
      try {
        const overview = await api().call('anomalies.scan', {});
        set({ overview, loading: false });
      } catch (e) {
        set({ loading: false, error: message(e) });
      }
    },
    async select(key) {
      set({ selectedKey: key });
      if (key === null) return set({ contacts: [], contactsFor: null });
      const flag = get().overview?.flags.find((f) => f.key === key);
      if (!flag) return;
      try {
        const contacts = await api().call('anomalies.contacts', flag.id !== null ? { id: flag.id, limit: 200 } : { key, limit: 200 });
        if (get().selectedKey === key) set({ contacts, contactsFor: key });
      } catch (e) {
        set({ error: message(e) });
      }
    },
    async setStatus(flag, status, reason) {
      try {
        const id = await recordedId(flag);
        if (id === null) {
          gone();
          return false;
        }
        get().receiveFlag(await api().call('anomalies.setStatus', { id, status, reason }));
        return true;
      } catch (e) {
        set({ error: message(e) });
        return false;
      }
    },
    async openCoaching(flag) {
      try {
        const id = await recordedId(flag);
        if (id === null) return gone();
        window.location.hash = coachingHref({ id, agentId: flag.agentId });
      } catch (e) {
        set({ error: message(e) });
      }
    },
    receiveFlag(flag) {
      const o = get().overview;
      if (!o) return;
      set({ overview: { ...o, flags: o.flags.map((f) => (f.key === flag.key ? { ...flag, found: f.found } : f)) } });
    },
    reset() {
      set(initialAnomaliesState());
    },
  };
});
