import crypto from 'node:crypto';
import type { CoachingSession, Evidence, ScheduleInput } from '../../../shared/contract/coaching';
import { ScheduleInput as ScheduleSchema } from '../../../shared/contract/coaching';
import { ApiError } from '../../../shared/contract/errors';
import { localDate, localParts } from '../../../shared/domain/time';
import type { Db } from '../../db/open';
import { findClash, type Clash } from './overlap';
import { occurrences } from './recurrence';
import { shiftOn } from './shifts';
import { createCoachingStore } from './store';

const pad = (n: number) => String(n).padStart(2, '0');
const hm = (zone: string, t: number) => {
  const p = localParts(zone, t);
  return `${pad(p.hour)}:${pad(p.minute)}`;
};
export const localWhen = (zone: string, from: number, to: number) => `${localDate(zone, from)} ${hm(zone, from)}–${hm(zone, to)}`;

/** The message a refused booking shows: who is double-booked, with what, when. */
export function clashMessage(zone: string, clash: Clash): string {
  const e = clash.existing;
  const when = localWhen(zone, e.startAt, e.endAt);
  return clash.who === 'agent'
    ? `${e.agentName} already has a session at ${when} ("${e.topic}" with ${e.lead}).`
    : `${e.lead} is already coaching ${e.agentName} at ${when} ("${e.topic}").`;
}

export interface ScheduleDeps {
  db: Db;
  zone: string;
  now: () => number;
}

/** Schedules one session or a series: refused whole on any clash, warned when outside the shift. */
export function scheduleSessions(deps: ScheduleDeps, raw: ScheduleInput): { sessions: CoachingSession[]; warnings: string[] } {
  const input = ScheduleSchema.parse(raw);
  const store = createCoachingStore(deps.db, deps.now);
  const agent = store.agent(input.agentId);
  if (!agent) throw new ApiError('not-found', `No agent with id ${input.agentId}.`);
  const occ = occurrences(deps.zone, input.start, input.minutes, input.recurrence);
  if (occ.length === 0) throw new ApiError('bad-input', 'The recurrence ends before the first session.');
  const candidates = occ.map((o) => ({ agentId: agent.id, lead: input.lead, startAt: o.startAt, endAt: o.endAt }));
  const existing = store.bookings(agent.id, input.lead, occ[0]!.startAt, occ[occ.length - 1]!.endAt);
  const clash = findClash(candidates, existing);
  if (clash) throw new ApiError('conflict', clashMessage(deps.zone, clash));

  const settings = store.settings();
  const warnings: string[] = [];
  for (const o of occ) {
    const shift = shiftOn(deps.db, settings, deps.zone, agent.id, localDate(deps.zone, o.startAt));
    if (shift && (o.startAt < shift.startAt || o.endAt > shift.endAt)) {
      warnings.push(
        `${localWhen(deps.zone, o.startAt, o.endAt)} is outside ${agent.name}'s shift (${hm(deps.zone, shift.startAt)}–${hm(deps.zone, shift.endAt)}, from ${shift.source === 'schedule' ? 'the schedule' : 'login history'}).`,
      );
    }
  }
  const seriesId = input.recurrence ? crypto.randomUUID() : null;
  const ids = store.insert(
    occ.map((o) => ({
      agentId: agent.id,
      lead: input.lead,
      startAt: o.startAt,
      endAt: o.endAt,
      topic: input.topic,
      agenda: input.agenda?.trim() || null,
      targetMetric: input.targetMetric ?? null,
      seriesId,
      evidence: input.evidence,
    })),
    input.recurrence && seriesId ? { id: seriesId, every: input.recurrence.every, until: input.recurrence.until ?? null, count: input.recurrence.count ?? null } : undefined,
  );
  markCoached(deps.db, input.evidence);
  return { sessions: ids.map((id) => store.get(id)!), warnings };
}

/** Anomaly flags attached as evidence become "coached" (unless someone dismissed them). */
function markCoached(db: Db, evidence: readonly Evidence[]): void {
  const ids = evidence.filter((e) => e.kind === 'anomaly' && /^\d+$/.test(e.ref)).map((e) => Number(e.ref));
  if (ids.length === 0) return;
  const update = db.prepare("UPDATE anomalies SET status = 'coached' WHERE id = ? AND status <> 'dismissed'");
  for (const id of ids) update.run(id);
}

/** An anomaly as evidence: its explanation is the summary; its agent pre-fills the form. */
export function anomalyEvidence(db: Db, anomalyId: number): { agentId: number | null; evidence: Evidence } {
  const row = db
    .prepare<[number], { kind: string; agent_id: number | null; segment: string | null; explanation: string }>('SELECT kind, agent_id, segment, explanation FROM anomalies WHERE id = ?')
    .get(anomalyId);
  if (!row) throw new ApiError('not-found', `No anomaly with id ${anomalyId}.`);
  const summary = `${row.kind}${row.segment ? ` (${row.segment})` : ''}: ${row.explanation}`.slice(0, 2000);
  return { agentId: row.agent_id, evidence: { kind: 'anomaly', ref: String(anomalyId), summary } };
}
