import { addLocalDays, localDayStartOf, type LocalParts } from '../../../shared/domain/time';
import { byDayAndHour, dayKeyOf, localPartsCache, utcOffsetText } from './local-parts';
import type { Db } from '../../db/open';
import { SEGMENT_SQL } from '../ingest/rollup';

/**
 * Ring-no-answer, transfers, repeat contacts and first-contact resolution, CSAT and NPS
 * (DESIGN §4) counted from the contacts and attempts of the range itself (a bounded scan over the
 * enter-time index). The rollups carry the same sums; this count answers what they cannot: a
 * grouping by contact reason, a one-off zone, or a repeat window other than the stored flags'.
 */
export const EXTRA_GROUPS = ['day', 'hour', 'weekday', 'segment', 'queue', 'channel', 'agent', 'reason'] as const;
export type ExtraGroup = (typeof EXTRA_GROUPS)[number];

export interface ExtraQuery {
  from?: string;
  to?: string;
  by: readonly ExtraGroup[];
  zone: string;
  repeatWindowHours: number;
  /** How neighbouring contacts are read (both give the same counts); by cost when absent. */
  historyRead?: 'range' | 'probe';
}

export interface ExtraCounts {
  offered: number;
  answered: number;
  attempts: number;
  rnaAttempts: number;
  transferred: number;
  /** Contacts with a known customer (caller): the base of repeat and FCR figures. */
  identified: number;
  repeatContacts: number;
  /** Answered contacts with a known customer, and those followed by another contact within the window. */
  fcrBase: number;
  fcrRepeated: number;
  csatResponses: number;
  csatSatisfied: number;
  npsResponses: number;
  npsPromoters: number;
  npsDetractors: number;
}

export interface ExtraFigures {
  attempts: number;
  rnaAttempts: number;
  rnaRate: number | null;
  transferred: number;
  transferRate: number | null;
  repeatContacts: number;
  repeatRate: number | null;
  fcr: number | null;
  csatResponses: number;
  csat: number | null;
  npsResponses: number;
  nps: number | null;
}

export const EXTRA_FIELDS = ['attempts', 'rnaAttempts', 'rnaRate', 'transferred', 'transferRate', 'repeatContacts', 'repeatRate', 'fcr', 'csatResponses', 'csat', 'npsResponses', 'nps'] as const;

const HOUR = 3_600_000;
const ratio = (n: number, d: number) => (d > 0 ? n / d : null);

/** The formulas of DESIGN §4 on the counts. */
export function extraFigures(c: ExtraCounts): ExtraFigures {
  return {
    attempts: c.attempts,
    rnaAttempts: c.rnaAttempts,
    rnaRate: ratio(c.rnaAttempts, c.attempts),
    transferred: c.transferred,
    transferRate: ratio(c.transferred, c.answered),
    repeatContacts: c.repeatContacts,
    repeatRate: ratio(c.repeatContacts, c.identified),
    fcr: c.fcrBase > 0 ? 1 - c.fcrRepeated / c.fcrBase : null,
    csatResponses: c.csatResponses,
    csat: ratio(c.csatSatisfied, c.csatResponses),
    npsResponses: c.npsResponses,
    nps: c.npsResponses > 0 ? ((c.npsPromoters - c.npsDetractors) / c.npsResponses) * 100 : null,
  };
}

/** Counts of a group with no contacts. */
export const zeroExtraCounts = (): ExtraCounts => ({
  offered: 0,
  answered: 0,
  attempts: 0,
  rnaAttempts: 0,
  transferred: 0,
  identified: 0,
  repeatContacts: 0,
  fcrBase: 0,
  fcrRepeated: 0,
  csatResponses: 0,
  csatSatisfied: 0,
  npsResponses: 0,
  npsPromoters: 0,
  npsDetractors: 0,
});

/** The sum of two groups' counts. */
export function addExtraCounts(a: ExtraCounts, b: ExtraCounts): ExtraCounts {
  const out = { ...a };
  for (const k of Object.keys(b) as (keyof ExtraCounts)[]) out[k] += b[k];
  return out;
}

interface Row {
  id: number;
  enter_at: number;
  answer_at: number | null;
  channel: string;
  queue: string;
  caller: string | null;
  agent: string | null;
  reason: string | null;
  transfers: number;
  outcome: string | null;
  csat: number | null;
  nps: number | null;
  segment: string;
}

export type GroupKeys = Partial<Record<ExtraGroup, string | number | null>> & { utcOffset?: string };

/**
 * Counts per group. Keys are built as `queryKpis` builds them (local day/hour/weekday of the
 * enter time), so rows of both can be joined on `keyOf`. Ring attempts count for the agent that
 * was rung when grouping by agent, otherwise for the contact's group.
 */
export function queryKpiExtras(db: Db, q: ExtraQuery): Map<string, { keys: GroupKeys; counts: ExtraCounts }> {
  const from = q.from ? localDayStartOf(q.zone, q.from) : -8.64e15;
  const to = q.to ? localDayStartOf(q.zone, addLocalDays(q.to, 1)) : 8.64e15;
  const windowMs = q.repeatWindowHours * 3_600_000;
  // The segment (resolved per contact) and the agent's name cost most of the read: only when grouped by.
  const segment = q.by.includes('segment') ? `${SEGMENT_SQL} AS segment` : "'' AS segment";
  const agent = q.by.includes('agent') ? '(SELECT g.name FROM agents g WHERE g.id = c.agent_id) AS agent' : 'NULL AS agent';
  const rows = db
    .prepare<[number, number], Row>(
      `SELECT c.id, c.enter_at, c.answer_at, c.channel, c.queue, c.caller, ${agent}, c.reason, c.transfers, c.outcome, c.csat, c.nps, ${segment}
       FROM contacts c WHERE c.enter_at >= ? AND c.enter_at < ?`,
    )
    .all(from, to);
  const zoneParts = localPartsCache(q.zone);
  const parts = new Map<number, LocalParts>();
  const dayAndHour = byDayAndHour(q.by);
  const keysOf = (r: Pick<Row, 'enter_at' | 'channel' | 'queue' | 'segment' | 'agent' | 'reason'>): GroupKeys => {
    const hourKey = Math.floor(r.enter_at / 60_000);
    let p = parts.get(hourKey);
    if (!p) parts.set(hourKey, (p = zoneParts(r.enter_at)));
    const k: GroupKeys = {};
    for (const g of q.by) {
      if (g === 'day') k.day = dayKeyOf(p);
      else if (g === 'hour') k.hour = p.hour;
      else if (g === 'weekday') k.weekday = p.weekday;
      else if (g === 'segment') k.segment = r.segment === '' ? null : r.segment;
      else if (g === 'agent') k.agent = r.agent;
      else if (g === 'reason') k.reason = r.reason;
      else k[g] = r[g];
    }
    if (dayAndHour) k.utcOffset = utcOffsetText(p, r.enter_at);
    return k;
  };
  const groups = new Map<string, { keys: GroupKeys; counts: ExtraCounts }>();
  const group = (keys: GroupKeys) => {
    const key = keyOf(q.by, keys);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { keys, counts: zeroExtraCounts() }));
    return g.counts;
  };

  // Repeat contacts: the customer's neighbouring contacts, looking a window beyond the range.
  const callers = [...new Set(rows.map((r) => r.caller).filter((c): c is string => c !== null && c !== ''))];
  const history = new Map<string, number[]>();
  let first = Infinity;
  let last = -Infinity;
  for (const r of rows) {
    first = Math.min(first, r.enter_at);
    last = Math.max(last, r.enter_at);
  }
  const span = Math.max(HOUR, last - first);
  // One range read of every contact near the range, or one index probe per caller: whichever reads
  // less (a probe costs about as much as six rows of the range read).
  if (q.historyRead ? q.historyRead === 'range' : (rows.length * (span + 2 * windowMs)) / span < callers.length * 6) {
    for (const c of callers) history.set(c, []);
    const near = db.prepare<[number, number], [string, number]>('SELECT caller, enter_at FROM contacts WHERE enter_at >= ? AND enter_at < ? AND caller IS NOT NULL').raw();
    for (const [caller, at] of near.iterate(Math.max(from, first) - windowMs, Math.min(to, last + 1) + windowMs)) history.get(caller)?.push(at);
  } else {
    const near = db.prepare<[string, number, number], { enter_at: number }>('SELECT enter_at FROM contacts WHERE caller = ? AND enter_at >= ? AND enter_at < ? ORDER BY enter_at');
    for (const caller of callers) history.set(caller, near.all(caller, from - windowMs, to + windowMs).map((r) => r.enter_at));
  }

  const byId = new Map<number, Row>();
  for (const r of rows) {
    byId.set(r.id, r);
    const c = group(keysOf(r));
    c.offered++;
    if (r.answer_at !== null) c.answered++;
    if (r.answer_at !== null && (r.transfers > 0 || r.outcome === 'transferred')) c.transferred++;
    if (r.caller) {
      c.identified++;
      const times = history.get(r.caller) ?? [];
      if (times.some((t) => t < r.enter_at && r.enter_at - t <= windowMs)) c.repeatContacts++;
      if (r.answer_at !== null) {
        c.fcrBase++;
        if (times.some((t) => t > r.enter_at && t - r.enter_at <= windowMs)) c.fcrRepeated++;
      }
    }
    if (r.csat !== null) {
      c.csatResponses++;
      if (r.csat >= 4) c.csatSatisfied++;
    }
    if (r.nps !== null) {
      c.npsResponses++;
      if (r.nps >= 9) c.npsPromoters++;
      else if (r.nps <= 6) c.npsDetractors++;
    }
  }

  const attempts = db
    .prepare<[number, number], { contact_id: number; agent: string | null; result: string }>(
      `SELECT a.contact_id, g.name AS agent, a.result FROM attempts a JOIN contacts c ON c.id = a.contact_id LEFT JOIN agents g ON g.id = a.agent_id
       WHERE c.enter_at >= ? AND c.enter_at < ? AND a.result <> 'ringing'`,
    )
    .iterate(from, to);
  for (const a of attempts) {
    const r = byId.get(a.contact_id);
    if (!r) continue;
    const c = group(keysOf({ ...r, agent: q.by.includes('agent') ? a.agent : r.agent }));
    c.attempts++;
    if (a.result === 'no-answer') c.rnaAttempts++;
  }
  return groups;
}

/** The join key of a group (same values in the same order as the `by` list, then the hour's UTC offset by day and hour). */
export function keyOf(by: readonly string[], keys: Record<string, unknown>): string {
  const k = by.map((g) => keys[g] ?? null);
  if (keys.utcOffset !== undefined) k.push(keys.utcOffset);
  return JSON.stringify(k);
}
