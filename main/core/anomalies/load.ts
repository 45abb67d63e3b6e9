import { localParts, zoneOffsetMs } from '../../../shared/domain/time';
import type { Db } from '../../db/open';
import { localPartsCache, offsetText } from '../analytics/local-parts';
import { SEGMENT_SQL } from '../ingest/rollup';
import { attemptRollupFresh, countAttemptsDirect, ensureAttemptRollup } from './attempt-rollup';

/** Finished contacts of one segment entering in one local hour (from the hourly rollup). */
export interface HourSegmentCount {
  hourAt: number;
  hour: number;
  weekday: number;
  date: string;
  segment: string;
  offered: number;
  unanswered: number;
}

export interface AgentSegmentCount {
  agentId: number;
  agent: string;
  segment: string;
  attempts: number;
  noAnswer: number;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** ISO 8601 of instant t with the zone's offset, e.g. 2025-03-03T09:00:00+02:00. */
export function isoLocal(zone: string, t: number): string {
  const p = localParts(zone, t);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${offsetText(zoneOffsetMs(zone, t))}`;
}

/**
 * Hour × segment counts of contacts that have finished (answered or gone), read from rollup_hour.
 * Contacts still waiting are taken out: they are not unanswered yet (an e-mail may wait for hours),
 * and counting them would make the current hour look bad on every scan.
 */
export function loadHourSegments(db: Db, zone: string, fromAt: number, toAt: number): HourSegmentCount[] {
  const rows = db
    .prepare<[number, number], { hour_at: number; segment: string; offered: number; answered: number }>(
      `SELECT hour_at, segment, SUM(offered) AS offered, SUM(answered) AS answered FROM rollup_hour_seg
       WHERE hour_at >= ? AND hour_at < ? GROUP BY hour_at, segment`,
    )
    .all(fromAt, toAt);
  const waiting = db
    .prepare<[number, number], { enter_at: number; segment: string }>(
      `SELECT c.enter_at, ${SEGMENT_SQL} AS segment FROM contacts c
       WHERE c.answer_at IS NULL AND c.end_at IS NULL AND c.enter_at >= ? AND c.enter_at < ?`,
    )
    .all(fromAt, toAt + 3_600_000);
  const key = (hourAt: number, segment: string) => `${hourAt}\u0000${segment}`;
  const open = new Map<string, number>();
  const hourOf = new Map<number, number>();
  for (const w of waiting) {
    // The rollup's hour key is the local hour start of the enter time.
    const off = zoneOffsetMs(zone, w.enter_at);
    const h = Math.floor((w.enter_at + off) / 3_600_000) * 3_600_000 - off;
    hourOf.set(h, h);
    const k = key(h, w.segment);
    open.set(k, (open.get(k) ?? 0) + 1);
  }
  const zoneParts = localPartsCache(zone);
  const parts = new Map<number, ReturnType<typeof localParts>>();
  const out: HourSegmentCount[] = [];
  for (const r of rows) {
    const offered = r.offered - (open.get(key(r.hour_at, r.segment)) ?? 0);
    if (offered <= 0) continue;
    let p = parts.get(r.hour_at);
    if (!p) parts.set(r.hour_at, (p = zoneParts(r.hour_at)));
    out.push({
      hourAt: r.hour_at,
      hour: p.hour,
      weekday: p.weekday,
      date: `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`,
      segment: r.segment,
      offered,
      unanswered: Math.max(0, offered - r.answered),
    });
  }
  return out;
}

/**
 * Finished ring attempts per agent × segment of the contact, in [fromAt, toAt) (whole UTC hours).
 * `write` lets it rebuild a stale attempt rollup; without it (reads) a stale rollup is bypassed.
 */
export function loadAgentSegments(db: Db, fromAt: number, toAt: number, { write = true }: { write?: boolean } = {}): AgentSegmentCount[] {
  if (write) ensureAttemptRollup(db);
  const rows =
    write || attemptRollupFresh(db)
      ? db
          .prepare<[number, number], { agent_id: number; segment: string; attempts: number; no_answer: number }>(
            `SELECT agent_id, segment, SUM(attempts) AS attempts, SUM(no_answer) AS no_answer FROM rollup_attempt
             WHERE hour_at >= ? AND hour_at < ? GROUP BY agent_id, segment HAVING SUM(attempts) > 0`,
          )
          .all(fromAt, toAt)
      : countAttemptsDirect(db, fromAt, toAt);
  const names = new Map(db.prepare<[], { id: number; name: string }>('SELECT id, name FROM agents').all().map((a) => [a.id, a.name] as const));
  return rows.map((r) => ({ agentId: r.agent_id, agent: names.get(r.agent_id) ?? String(r.agent_id), segment: r.segment, attempts: r.attempts, noAnswer: r.no_answer }));
}
