import { localHourStart } from '../../../shared/domain/time';
import type { Channel } from '../../../shared/domain/channels';
import type { Db } from '../../db/open';
import { RowBatch } from './row-batch';
import { refillRollupTiers, withoutRollupTriggers } from './rollup-tiers';
import { ROLLUP_SUMS } from './rollup-sums';

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

type Values = Record<(typeof ROLLUP_SUMS)[number], number>;

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

/** Local hour start of `at`, memoised per UTC hour where the whole UTC hour maps to one local hour. */
function hourOf(p: RollupParams, at: number, hourCache?: Map<number, number>): number {
  const utcHour = Math.floor(at / 3_600_000);
  let hour = hourCache?.get(utcHour);
  if (hour === undefined) {
    hour = localHourStart(p.timezone, at);
    // Half-hour zones split a UTC hour between two local hours: cache only when it does not.
    if (hourCache && localHourStart(p.timezone, utcHour * 3_600_000 + 3_599_999) === hour) hourCache.set(utcHour, hour);
  }
  return hour;
}

/**
 * Whether the contact's wait counts in the average wait (DESIGN §4): it was answered or left, and
 * the source knew its wait. NULL waits (a source without enter→end times, a contact still
 * waiting) are unknown: never a short abandon, never a 0 s wait.
 */
export function waitKnown(row: Pick<ContactRow, 'wait_ms' | 'outcome' | 'answer_at'>): boolean {
  return row.wait_ms !== null && (row.outcome !== null || row.answer_at !== null);
}

export function contribution(row: ContactRow, p: RollupParams, hourCache?: Map<number, number>): { key: string; values: Values } {
  const hour = hourOf(p, row.enter_at, hourCache);
  const answered = row.answer_at !== null ? 1 : 0;
  const abandoned = row.outcome === 'abandoned' ? 1 : 0;
  const wait = row.wait_ms;
  return {
    key: JSON.stringify([hour, row.channel, row.queue, row.segment, row.agent_id ?? 0]),
    values: {
      offered: 1,
      answered,
      abandoned,
      short_abandoned: abandoned && wait !== null && wait < p.shortAbandonSec * 1000 ? 1 : 0,
      answered_in_target: answered && wait !== null && wait <= p.targetSec[row.channel] * 1000 ? 1 : 0,
      wait_ms: waitKnown(row) ? wait! : 0,
      answered_wait_ms: answered && wait !== null ? wait : 0,
      talk_ms: row.talk_ms ?? 0,
      hold_ms: row.hold_ms ?? 0,
      wrap_ms: row.wrap_ms ?? 0,
      waited: waitKnown(row) ? 1 : 0,
    },
  };
}

/** One rollup row's key and its accumulated change, values in ROLLUP_SUMS order. */
interface Cell {
  hour: number;
  channel: string;
  queue: string;
  segment: string;
  agent: number;
  v: number[];
}

const upserts = new WeakMap<Db, RowBatch>();
function upsertOf(db: Db): RowBatch {
  let s = upserts.get(db);
  if (!s) {
    s = new RowBatch(
      db,
      `INSERT INTO rollup_hour (hour_at, channel, queue, segment, agent_id, ${ROLLUP_SUMS.join(', ')})`,
      5 + ROLLUP_SUMS.length,
      `ON CONFLICT (hour_at, channel, queue, segment, agent_id) DO UPDATE SET ${ROLLUP_SUMS.map((f) => `${f} = ${f} + excluded.${f}`).join(', ')}`,
    );
    upserts.set(db, s);
  }
  return s;
}

/**
 * Accumulates +/- contributions of a batch and writes them in one pass. `addRow` is the hot path
 * of ingest (same arithmetic as `contribution`, without building a JSON key per contact).
 */
export class RollupDelta {
  private readonly cells = new Map<string, Cell>();
  add(c: { key: string; values: Values }, sign: 1 | -1): void {
    const [hour, channel, queue, segment, agent] = JSON.parse(c.key) as [number, string, string, string, number];
    const cell = this.cell(hour, channel, queue, segment, agent);
    for (let i = 0; i < ROLLUP_SUMS.length; i++) cell.v[i]! += sign * c.values[ROLLUP_SUMS[i]!];
  }
  addRow(row: ContactRow, p: RollupParams, hourCache: Map<number, number>, sign: 1 | -1): void {
    const cell = this.cell(hourOf(p, row.enter_at, hourCache), row.channel, row.queue, row.segment, row.agent_id ?? 0);
    const answered = row.answer_at !== null ? 1 : 0;
    const abandoned = row.outcome === 'abandoned' ? 1 : 0;
    const wait = row.wait_ms;
    const v = cell.v;
    v[0]! += sign;
    v[1]! += sign * answered;
    v[2]! += sign * abandoned;
    if (wait !== null) {
      v[3]! += sign * (abandoned && wait < p.shortAbandonSec * 1000 ? 1 : 0);
      v[4]! += sign * (answered && wait <= p.targetSec[row.channel] * 1000 ? 1 : 0);
      v[5]! += sign * (row.outcome !== null || answered ? wait : 0);
      v[6]! += sign * (answered ? wait : 0);
      // waitKnown(row), inlined: this runs once per contact on every rebuild.
      v[10]! += sign * (row.outcome !== null || answered ? 1 : 0);
    }
    v[7]! += sign * (row.talk_ms ?? 0);
    v[8]! += sign * (row.hold_ms ?? 0);
    v[9]! += sign * (row.wrap_ms ?? 0);
  }
  private cell(hour: number, channel: string, queue: string, segment: string, agent: number): Cell {
    const key = `${hour}\u0000${channel}\u0000${queue}\u0000${segment}\u0000${agent}`;
    let c = this.cells.get(key);
    if (!c) {
      c = { hour, channel, queue, segment, agent, v: ROLLUP_SUMS.map(() => 0) };
      this.cells.set(key, c);
    }
    return c;
  }
  get size(): number {
    return this.cells.size;
  }
  flush(db: Db): void {
    if (this.cells.size === 0) return;
    const upsert = upsertOf(db);
    upsert.clear();
    for (const c of this.cells.values()) {
      const v = c.v;
      if (v.every((x) => x === 0)) continue;
      upsert.add(c.hour, c.channel, c.queue, c.segment, c.agent, ...v);
    }
    upsert.flush();
    this.cells.clear();
  }
}

/** Contacts per page of a rebuild: one flush each. */
const REBUILD_PAGE = 20_000;

/** A contact as the rebuild reads it: the columns its segment is resolved from instead of the segment. */
type RawContact = [number, Channel, string, number, number | null, string | null, number | null, number | null, number | null, number | null, number | null, string | null, string | null, string | null];

/**
 * Rebuilds rollup_hour from the contacts table (after a directory import or a settings change),
 * then rollup_hour_seg and the coarse tiers from it in bulk (rollup-tiers.ts), the per-row
 * triggers between them dropped meanwhile. Segments are resolved here as SEGMENT_SQL does
 * (directory, then rules, then hint), from the directory held in memory: a lookup per contact in
 * SQL cost more than the rest of the rebuild.
 */
export function rebuildRollups(db: Db, p: RollupParams): void {
  db.transaction(() => withoutRollupTriggers(db, () => {
    db.exec('DELETE FROM rollup_hour');
    const directory = new Map<string, string>();
    for (const [caller, segment] of db.prepare<[], [string, string]>('SELECT caller, segment FROM customers WHERE segment IS NOT NULL').raw().iterate()) directory.set(caller, segment);
    const rules = db.prepare<[], SegmentRule>('SELECT kind, pattern, segment FROM segment_rules ORDER BY id').all();
    const delta = new RollupDelta();
    const hourCache = new Map<number, number>();
    const row: ContactRow = { id: 0, channel: 'voice', queue: '', enter_at: 0, answer_at: null, outcome: null, agent_id: null, wait_ms: null, talk_ms: null, hold_ms: null, wrap_ms: null, segment: '' };
    // Page by id (a statement cannot write while another iterates) and bound memory on large histories.
    const page = db
      .prepare<[number], RawContact>(
        `SELECT id, channel, queue, enter_at, answer_at, outcome, agent_id, wait_ms, talk_ms, hold_ms, wrap_ms, caller, did, segment_hint
         FROM contacts WHERE id > ? ORDER BY id LIMIT ${REBUILD_PAGE}`,
      )
      .raw();
    // Rows are iterated (not collected) and the delta flushed every page, so neither outlives a
    // page: a rebuild's garbage stays young and cheap to collect.
    for (let last = 0, n = 1; n > 0; ) {
      n = 0;
      for (const r of page.iterate(last)) {
        const caller = r[11];
        row.channel = r[1];
        row.queue = r[2];
        row.enter_at = r[3];
        row.answer_at = r[4];
        row.outcome = r[5];
        row.agent_id = r[6];
        row.wait_ms = r[7];
        row.talk_ms = r[8];
        row.hold_ms = r[9];
        row.wrap_ms = r[10];
        row.segment = (caller === null ? undefined : directory.get(caller)) ?? (rules.length ? ruleSegment(rules, caller, r[2], r[12]) : null) ?? r[13] ?? '';
        delta.addRow(row, p, hourCache, 1);
        last = r[0];
        n++;
      }
      delta.flush(db);
    }
    refillRollupTiers(db, p.timezone);
  }))();
}
