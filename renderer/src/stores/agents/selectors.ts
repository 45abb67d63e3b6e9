import { AGENT_NAME_MAX, type AgentEntry } from '../../../../shared/contract/agents';

export type NameProblem = 'empty' | 'tooLong' | 'taken' | null;

/** What is wrong with a new name before it is sent (the server checks the same). */
export function nameProblem(agents: readonly AgentEntry[], id: number, raw: string): NameProblem {
  const name = raw.trim();
  if (name.length === 0) return 'empty';
  if (name.length > AGENT_NAME_MAX) return 'tooLong';
  if (agents.some((a) => a.id !== id && a.name === name)) return 'taken';
  return null;
}

/** Agents `id` can be merged into: every other one, by name. */
export function mergeTargets(agents: readonly AgentEntry[], id: number): AgentEntry[] {
  return agents.filter((a) => a.id !== id).sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
}

/** Agents whose name or any spelling contains the query (case-insensitive). */
export function filterAgents(agents: readonly AgentEntry[], query: string): AgentEntry[] {
  const q = query.trim().toLocaleLowerCase();
  if (!q) return [...agents];
  return agents.filter((a) => a.name.toLocaleLowerCase().includes(q) || a.aliases.some((s) => s.toLocaleLowerCase().includes(q)));
}
