import { localHourStart } from '../../../shared/domain/time';
import type { Channel } from '../../../shared/domain/channels';
import type { Db } from '../../db/open';

/**
 * The hourly rollup (rollup_hour) kept current on ingest. A contact contributes to exactly one
 * row: the local hour of its enter time × channel × queue × resolved segment × agent. When a
 * contact changes, its old contribution is subtracted and the new one added, so the rollup equals
 * a rebuild from scratch at every commit (tested). Anything that changes how contacts bucket
 * (time zone, answer targets, short-abandon threshold, the customer directory) calls rebuild.
 */
export interface RollupParams {
  timezone: string;
  targetSec: Record<Channel, number>;
  shortAbandonSec: number;
  /** Segment rules (settings): rollups are keyed by resolved segment, so they are part of the key. */
  segmentRules?: readonly SegmentRule[];
}

export interface ContactRow {
  id: number;
  channel: Channel;
  queue: string;
  enter_at: number;
  answer_at: number | null;
  outcome: string | null;
  agent_id: number | null;
  wait_ms: number | null;
  talk_ms: number | null;
  hold_ms: number | null;
  wrap_ms: number | null;
  segment: string;
}

const FIELDS = [
  'offered',
  'answered',
  'abandoned',
  'short_abandoned',
  'answered_in_target',
  'wait_ms',
  'answered_wait_ms',
  'talk_ms',
  'hold_ms',
  'wrap_ms',
] as const;
type Values = Record<(typeof FIELDS)[number], number>;

/**
 * SQL for the segment of contact `c`: the customer directory first, then the most specific
 * segment rule (caller prefix, queue or DID), then the source's own hint. `segmentOf` in JS
 * must agree with it (tested).
 */
export const SEGMENT_SQL = `COALESCE(
  (SELECT cu.segment FROM customers cu WHERE cu.caller = c.caller),
  (SELECT r.segment FROM segment_rules r WHERE (r.kind = 'prefix' AND substr(c.caller, 1, length(r.pattern)) = r.pattern)
     OR (r.kind = 'queue' AND c.queue = r.pattern) OR (r.kind = 'did' AND c.did = r.pattern)
   ORDER BY length(r.pattern) DESC, r.id LIMIT 1),
  c.segment_hint, '')`;

export interface SegmentRule {
  kind: 'prefix' | 'queue' | 'did';
  pattern: string;
  segment: string;
}

/** The rule segment of a contact, as SEGMENT_SQL picks it (rules in table order). */
export function ruleSegment(rules: readonly SegmentRule[], caller: string | null, queue: string, did: string | null): string | null {
  let best: SegmentRule | null = null;
  for (const r of rules) {
    const hit = r.kind === 'prefix' ? caller !== null && caller.startsWith(r.pattern) : r.kind === 'queue' ? queue === r.pattern : did === r.pattern;
    if (hit && (best === null || r.pattern.length > best.pattern.length)) best = r;
  }
  return best?.segment ?? null;
}

/** Replaces the segment_rules table with the rules from settings. */
export function writeSegmentRules(db: Db, rules: readonly SegmentRule[]): void {
  db.transaction(() => {
    db.exec('DELETE FROM segment_rules');
    const insert = db.prepare<[string, string, string]>('INSERT INTO segment_rules (kind, pattern, segment) VALUES (?, ?, ?)');
    for (const r of rules) insert.run(r.kind, r.pattern, r.segment);
  })();
}

export const CONTACT_ROW_SQL = `SELECT c.id, c.channel, c.queue, c.enter_at, c.answer_at, c.outcome, c.agent_id, c.wait_ms,
  c.talk_ms, c.hold_ms, c.wrap_ms, ${SEGMENT_SQL} AS segment FROM contacts c`;

export function contribution(row: ContactRow, p: RollupParams, hourCache?: Map<number, number>): { key: string; values: Values } {
  const utcHour = Math.floor(row.enter_at / 3_600_000);
  let hour = hourCache?.get(utcHour);
  if (hour === undefined) {
    hour = localHourStart(p.timezone, row.enter_at);
    // Half-hour zones split a UTC hour between two local hours: cache only when it does not.
    if (hourCache && localHourStart(p.timezone, utcHour * 3_600_000 + 3_599_999) === hour) hourCache.set(utcHour, hour);
  }
  const answered = row.answer_at !== null ? 1 : 0;
  const abandoned = row.outcome === 'abandoned' ? 1 : 0;
  const wait = row.wait_ms ?? 0;
  return {
    key: JSON.stringify([hour, row.channel, row.queue, row.segment, row.agent_id ?? 0]),
    values: {
      offered: 1,
      answered,
      abandoned,
      short_abandoned: abandoned && wait < p.shortAbandonSec * 1000 ? 1 : 0,
      answered_in_target: answered && wait <= p.targetSec[row.channel] * 1000 ? 1 : 0,
      wait_ms: row.outcome !== null || answered ? wait : 0,
      answered_wait_ms: answered ? wait : 0,
      talk_ms: row.talk_ms ?? 0,
      hold_ms: row.hold_ms ?? 0,
      wrap_ms: row.wrap_ms ?? 0,
    },
  };
}

/** Accumulates +/- contributions of a batch and writes them in one pass. */
export class RollupDelta {
  private readonly deltas = new Map<string, Values>();
  add(c: { key: string; values: Values }, sign: 1 | -1): void {
    let d = this.deltas.get(c.key);
    if (!d) {
      d = Object.fromEntries(FIELDS.map((f) => [f, 0])) as Values;
      this.deltas.set(c.key, d);
    }
    for (const f of FIELDS) d[f] += sign * c.values[f];
  }
  get size(): number {
    return this.deltas.size;
  }
  flush(db: Db): void {
    if (this.deltas.size === 0) return;
    const upsert = db.prepare(
      `INSERT INTO rollup_hour (hour_at, channel, queue, segment, agent_id, ${FIELDS.join(', ')})
       VALUES (?, ?, ?, ?, ?, ${FIELDS.map(() => '?').join(', ')})
       ON CONFLICT (hour_at, channel, queue, segment, agent_id) DO UPDATE SET
       ${FIELDS.map((f) => `${f} = ${f} + excluded.${f}`).join(', ')}`,
    );
    for (const [key, v] of this.deltas) {
      if (FIELDS.every((f) => v[f] === 0)) continue;
      const k = JSON.parse(key) as [number, string, string, string, number];
      upsert.run(...k, ...FIELDS.map((f) => v[f]));
    }
    this.deltas.clear();
  }
}

/** Rebuilds rollup_hour from the contacts table (after a directory import or a settings change). */
export function rebuildRollups(db: Db, p: RollupParams): void {
  db.transaction(() => {
    db.exec('DELETE FROM rollup_hour');
    const delta = new RollupDelta();
    const hourCache = new Map<number, number>();
    // Page by id (a statement cannot write while another iterates) and bound memory on large histories.
    const page = db.prepare<[number], ContactRow>(`${CONTACT_ROW_SQL} WHERE c.id > ? ORDER BY c.id LIMIT 100000`);
    for (let last = 0; ; ) {
      const rows = page.all(last);
      if (rows.length === 0) break;
      for (const row of rows) delta.add(contribution(row, p, hourCache), 1);
      last = rows[rows.length - 1]!.id;
      delta.flush(db);
    }
    delta.flush(db);
  })();
}
