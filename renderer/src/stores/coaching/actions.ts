import { create } from 'zustand';
import type { ScheduleInput } from '../../../../shared/contract/coaching';
import { api } from '../../api/client';
import { initialCoachingState, type CoachingState, type CoachingView } from './initialState';
import { rangeOf } from './selectors';

export interface CoachingActions {
  setView(view: CoachingView): void;
  setAnchor(anchor: string): void;
  setFirstDay(firstDay: number): void;
  load(): Promise<void>;
  loadAgents(): Promise<void>;
  open(id: number): Promise<void>;
  close(): void;
  schedule(input: ScheduleInput): Promise<{ warnings: string[]; firstId: number }>;
  setStatus(id: number, status: 'scheduled' | 'done' | 'missed' | 'cancelled'): Promise<void>;
  addNote(id: number, text: string): Promise<void>;
  addAction(id: number, text: string, due?: string): Promise<void>;
  setAction(actionId: number, done: boolean): Promise<void>;
  suggest(agentId: number, lead: string, minutes: number, days: number): Promise<void>;
  clearSlots(): void;
  loadStaffing(): Promise<void>;
  ics(input: { ids?: number[]; from?: string; to?: string }): Promise<{ filename: string; text: string }>;
  reset(): void;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export const useCoachingStore = create<CoachingState & CoachingActions>()((set, get) => ({
  ...initialCoachingState,
  setView(view) {
    set({ view });
    void (view === 'staffing' ? get().loadStaffing() : get().load());
  },
  setAnchor(anchor) {
    set({ anchor });
    void get().load();
  },
  setFirstDay(firstDay) {
    if (firstDay === get().firstDay) return;
    set({ firstDay });
    void get().load();
  },
  async load() {
    const { view, anchor, firstDay } = get();
    if (!anchor) return;
    set({ loading: true });
    try {
      const [sessions, settings] = await Promise.all([api().call('coaching.list', rangeOf(view, anchor, firstDay)), api().call('coaching.settings', {})]);
      set({ sessions, settings, loading: false, error: null });
    } catch (e) {
      set({ loading: false, error: message(e) });
    }
  },
  async loadAgents() {
    try {
      set({ agents: await api().call('coaching.agents', {}) });
    } catch (e) {
      set({ error: message(e) });
    }
  },
  async open(id) {
    try {
      set({ detail: await api().call('coaching.get', { id }), error: null });
    } catch (e) {
      set({ error: message(e) });
    }
  },
  close() {
    set({ detail: null });
  },
  async schedule(input) {
    const result = await api().call('coaching.schedule', input);
    set({ slots: null });
    await get().load();
    return { warnings: result.warnings, firstId: result.sessions[0]!.id };
  },
  async setStatus(id, status) {
    await api().call('coaching.update', { id, status });
    await Promise.all([get().open(id), get().load()]);
  },
  async addNote(id, text) {
    await api().call('coaching.addNote', { id, text });
    await get().open(id);
  },
  async addAction(id, text, due) {
    await api().call('coaching.addAction', { id, text, due });
    await get().open(id);
  },
  async setAction(actionId, done) {
    await api().call('coaching.setAction', { actionId, done });
    const id = get().detail?.session.id;
    if (id !== undefined) await get().open(id);
  },
  async suggest(agentId, lead, minutes, days) {
    try {
      set({ slots: await api().call('coaching.suggest', { agentId, lead, minutes, days }), error: null });
    } catch (e) {
      set({ slots: [], error: message(e) });
    }
  },
  clearSlots() {
    set({ slots: null });
  },
  async loadStaffing() {
    set({ loading: true });
    try {
      set({ staffing: await api().call('staffing.forecast', { days: 7 }), loading: false, error: null });
    } catch (e) {
      set({ loading: false, error: message(e) });
    }
  },
  ics(input) {
    return api().call('coaching.ics', input);
  },
  reset() {
    set(initialCoachingState);
  },
}));
