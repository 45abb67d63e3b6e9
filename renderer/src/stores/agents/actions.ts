import { create } from 'zustand';
import { ApiError } from '../../../../shared/contract';
import { api } from '../../api/client';
import { initialAgentsState, type AgentsState } from './initialState';

/** A save either worked or says why not: `code` lets the screen word known refusals itself. */
export type AgentSaveResult = { ok: true } | { ok: false; code: string; message: string };

export interface AgentsActions {
  load(): Promise<void>;
  rename(id: number, name: string): Promise<AgentSaveResult>;
  merge(from: number, into: number): Promise<AgentSaveResult>;
  reset(): void;
}

const failure = (e: unknown): AgentSaveResult =>
  e instanceof ApiError ? { ok: false, code: e.code, message: e.message } : { ok: false, code: 'internal', message: e instanceof Error ? e.message : String(e) };

export const useAgentsStore = create<AgentsState & AgentsActions>()((set, get) => ({
  ...initialAgentsState(),
  async load() {
    try {
      set({ agents: await api().call('agents.directory', {}), loaded: true, error: null });
    } catch (e) {
      set({ loaded: true, error: e instanceof Error ? e.message : String(e) });
    }
  },
  async rename(id, name) {
    set({ busyId: id });
    try {
      const entry = await api().call('agents.rename', { id, name });
      set({ agents: get().agents.map((a) => (a.id === id ? entry : a)) });
      return { ok: true };
    } catch (e) {
      return failure(e);
    } finally {
      set({ busyId: null });
    }
  },
  async merge(from, into) {
    set({ busyId: from });
    try {
      const { agent } = await api().call('agents.merge', { from, into });
      set({ agents: get().agents.filter((a) => a.id !== from).map((a) => (a.id === into ? agent : a)) });
      return { ok: true };
    } catch (e) {
      return failure(e);
    } finally {
      set({ busyId: null });
    }
  },
  reset() {
    set(initialAgentsState());
  },
}));

/** Reloads the directory when another screen renames or merges (the event reaches every window). */
export function followAgentEvents(): () => void {
  return api().on('agents.changed', () => void useAgentsStore.getState().load());
}
