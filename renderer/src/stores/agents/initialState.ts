import type { AgentEntry } from '../../../../shared/contract/agents';

export interface AgentsState {
  agents: AgentEntry[];
  loaded: boolean;
  /** Loading the directory failed (the server's words). */
  error: string | null;
  /** The agent a rename or merge is being saved for. */
  busyId: number | null;
}

export const initialAgentsState = (): AgentsState => ({ agents: [], loaded: false, error: null, busyId: null });
