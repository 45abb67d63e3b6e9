import type { AnomalyFinding, AnomalyOverview } from '../../../../shared/contract';
import type { AnomaliesState } from './initialState';

export const selectedFlag = (s: AnomaliesState): AnomalyFinding | null => s.overview?.flags.find((f) => f.key === s.selectedKey) ?? null;

/** Flags needing attention first (new), then by strength of evidence. */
export function sortedFlags(overview: AnomalyOverview | null): AnomalyFinding[] {
  if (!overview) return [];
  const rank = { new: 0, acknowledged: 1, coached: 2, dismissed: 3 } as const;
  return [...overview.flags].sort((a, b) => rank[a.status] - rank[b.status] || a.qValue - b.qValue || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Agents × segments of the RNA matrix, agents by name. */
export function rnaMatrix(overview: AnomalyOverview | null) {
  if (!overview) return { agents: [] as { id: number; name: string }[], segments: [] as (string | null)[], cell: () => undefined };
  const flagged = new Set(overview.rna.filter((c) => c.flagKey !== null).map((c) => c.agentId));
  // Agents with a flag first, then by name.
  const agents = [...new Map(overview.rna.map((c) => [c.agentId, c.agent] as const))]
    .map(([id, name]) => ({ id, name }))
    .sort((a, b) => Number(flagged.has(b.id)) - Number(flagged.has(a.id)) || a.name.localeCompare(b.name));
  const segments = overview.segments.filter((s) => overview.rna.some((c) => c.segment === s));
  const index = new Map(overview.rna.map((c) => [`${c.agentId}\u0000${c.segment ?? ''}`, c] as const));
  return { agents, segments, cell: (agentId: number, segment: string | null) => index.get(`${agentId}\u0000${segment ?? ''}`) };
}

/** The coaching form's address, pre-filled with the flag's agent and, once it is on record, the flag as evidence. */
export const coachingHref = (f: Pick<AnomalyFinding, 'id' | 'agentId'>): string =>
  `#/coaching?agent=${encodeURIComponent(String(f.agentId ?? ''))}${f.id === null ? '' : `&anomaly=${encodeURIComponent(String(f.id))}`}`;
