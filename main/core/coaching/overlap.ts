/** Half-open intervals [start, end): sessions that only touch (one ends as the next starts) do not clash. */
export const overlaps = (a: { startAt: number; endAt: number }, b: { startAt: number; endAt: number }): boolean => a.startAt < b.endAt && b.startAt < a.endAt;

export interface Booking {
  id: number;
  agentId: number;
  agentName: string;
  lead: string;
  startAt: number;
  endAt: number;
  topic: string;
}

export interface Clash {
  /** Who is double-booked: the agent or the lead. */
  who: 'agent' | 'lead';
  existing: Booking;
  candidateStart: number;
}

/** The first clash of any candidate with an existing booking of the same agent or the same lead. */
export function findClash(candidates: readonly { agentId: number; lead: string; startAt: number; endAt: number }[], existing: readonly Booking[]): Clash | null {
  const norm = (s: string) => s.trim().toLowerCase();
  for (const c of candidates) {
    for (const e of existing) {
      if (!overlaps(c, e)) continue;
      if (e.agentId === c.agentId) return { who: 'agent', existing: e, candidateStart: c.startAt };
      if (norm(e.lead) === norm(c.lead)) return { who: 'lead', existing: e, candidateStart: c.startAt };
    }
  }
  return null;
}
