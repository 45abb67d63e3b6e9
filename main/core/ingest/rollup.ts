import { localDayStart, localHourStart } from '../../../shared/domain/time';
import type { Channel } from '../../../shared/domain/channels';
import type { Db } from '../../db/open';
import type { Settings } from '../../../shared/contract/settings';
import { RowBatch } from './row-batch';
import { fillRollupZone, markTierZone, rollupZoneOf, runFillSteps, shareTierSteps, TIER_KEYS, TIER_TABLES, wholeHourZone, withoutRollupTriggers, type FillStep } from './rollup-tiers';
import { rebuildWorkers, workerRebuildPossible, type RebuildWorker } from './rollup-parallel';
import { ATTEMPT_ROLLUP_FILL, attemptRollupFresh, markAttemptRollupFresh } from '../anomalies/attempt-rollup';
import { localInstantSql } from '../../db/migrations/0006-rollup-tiers';
import { ROLLUP_SUMS, SUM_INDEX as I, type RollupSum } from './rollup-sums';
import { normaliseRules } from './caller';

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
  /** Repeat-contact window (DESIGN §4, default 72 h): the repeat and FCR sums depend on it. */
  repeatWindowHours?: number;
}

export const DEFAULT_REPEAT_WINDOW_HOURS = 72;

/** The rollup parameters of the site's settings. */
export const rollupParamsOf = (s: Pick<Settings, 'timezone' | 'targetSec' | 'shortAbandonSec' | 'segmentRules' | 'repeatWindowHours'>): RollupParams => ({
  timezone: s.timezone,
  targetSec: s.targetSec,
  shortAbandonSec: s.shortAbandonSec,
  segmentRules: s.segmentRules,
  repeatWindowHours: s.repeatWindowHours,
});
export const repeatWindowMs = (p: RollupParams) => (p.repeatWindowHours ?? DEFAULT_REPEAT_WINDOW_HOURS) * 3_600_000;

/** Bits of contacts.repeat_flags: a contact of the same customer within the window before / after. */
export const REPEAT_BEFORE = 1;
export const REPEAT_AFTER = 2;

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
  caller: string | null;
  transfers: number;
  csat: number | null;
  nps: number | null;
  repeat_flags: number;
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

/** Replaces the segment_rules table with the rules from settings (caller prefixes spelled as callers are). */
export function writeSegmentRules(db: Db, rules: readonly SegmentRule[]): void {
  db.transaction(() => {
    db.exec('DELETE FROM segment_rules');
    const insert = db.prepare<[string, string, string]>('INSERT INTO segment_rules (kind, pattern, segment) VALUES (?, ?, ?)');
    for (const r of normaliseRules(rules)) insert.run(r.kind, r.pattern, r.segment);
  })();
}

export const CONTACT_ROW_SQL = `SELECT c.id, c.channel, c.queue, c.enter_at, c.answer_at, c.outcome, c.agent_id, c.wait_ms,
  c.talk_ms, c.hold_ms, c.wrap_ms, ${SEGMENT_SQL} AS segment, c.caller, c.transfers, c.csat, c.nps, c.repeat_flags FROM contacts c`;

/** Local hour start of `at`, memoised per UTC hour where the whole UTC hour maps to one local hour. */
function hourOf(p: RollupParams, at: number, hourCache?: Map<number, number>): number {
  const utcHour = Math.floor(at / 3_600_000);
  let hour = hourCache?.get(utcHour);
  if (hour === undefined) {
    hour = localHourStart(p.timezone, at);
    // Half-hour zones split a UTC hour between two local hours: cache only when it does not, that
    // is when its first and last instant fall in the same local hour (`at` may lie in either half).
    if (hourCache && localHourStart(p.timezone, utcHour * 3_600_000) === hour && localHourStart(p.timezone, utcHour * 3_600_000 + 3_599_999) === hour) {
      hourCache.set(utcHour, hour);
    }
  }
  return hour;
}

/** A contact's local hour (its rollup bucket) and its sums there. */
export function contribution(row: ContactRow, p: RollupParams, hourCache?: Map<number, number>): { hour: number; values: Values } {
  const v = ROLLUP_SUMS.map(() => 0);
  contactSums(v, row, p, 1);
  return { hour: hourOf(p, row.enter_at, hourCache), values: Object.fromEntries(ROLLUP_SUMS.map((f, i) => [f, v[i]!])) as Values };
}

/**
 * Adds (sign 1) or removes (−1) a contact's sums to `v` (ROLLUP_SUMS order): the formulas of
 * DESIGN §4 as sums. `contactSumSql` must compute the same (tested). Ring attempts are not a
 * contact's own: they go to the agent rung (`RollupDelta.addRing`).
 */
function contactSums(v: number[], row: ContactRow, p: RollupParams, sign: 1 | -1): void {
  const answered = row.answer_at !== null ? 1 : 0;
  const abandoned = row.outcome === 'abandoned' ? 1 : 0;
  const wait = row.wait_ms;
  v[I.offered]! += sign;
  v[I.answered]! += sign * answered;
  v[I.abandoned]! += sign * abandoned;
  if (wait !== null) {
    v[I.short_abandoned]! += sign * (abandoned && wait < p.shortAbandonSec * 1000 ? 1 : 0);
    v[I.answered_in_target]! += sign * (answered && wait <= p.targetSec[row.channel] * 1000 ? 1 : 0);
    // The wait counts in the average wait when it is known and the contact was answered or left.
    // A NULL wait (a source without enter→end times, a contact still waiting) is unknown: never
    // a short abandon, never a 0 s wait.
    const known = row.outcome !== null || answered ? 1 : 0;
    v[I.wait_ms]! += sign * (known ? wait : 0);
    v[I.answered_wait_ms]! += sign * (answered ? wait : 0);
    v[I.waited]! += sign * known;
  }
  v[I.talk_ms]! += sign * (row.talk_ms ?? 0);
  v[I.hold_ms]! += sign * (row.hold_ms ?? 0);
  v[I.wrap_ms]! += sign * (row.wrap_ms ?? 0);
  if (answered && (row.transfers > 0 || row.outcome === 'transferred')) v[I.transferred]! += sign;
  if (row.caller !== null && row.caller !== '') {
    v[I.identified]! += sign;
    if (row.repeat_flags & REPEAT_BEFORE) v[I.repeat_contacts]! += sign;
    if (answered) {
      v[I.fcr_base]! += sign;
      if (row.repeat_flags & REPEAT_AFTER) v[I.fcr_repeated]! += sign;
    }
  }
  if (row.csat !== null) {
    v[I.csat_responses]! += sign;
    if (row.csat >= 4) v[I.csat_satisfied]! += sign;
  }
  if (row.nps !== null) {
    v[I.nps_responses]! += sign;
    if (row.nps >= 9) v[I.nps_promoters]! += sign;
    else if (row.nps <= 6) v[I.nps_detractors]! += sign;
  }
}

/**
 * One contact's value of each sum of `contactSums` in SQL over the contacts table's columns, each
 * an integer and never NULL (a rebuild adds them into rollup_hour row by row; a settings change
 * moves the difference of two parameter sets, rollup-update.ts).
 */
export function contactSumSql(p: RollupParams): Record<RollupSum, string> {
  const num = (n: number) => String(Math.round(Number(n)));
  const bit = (condition: string) => `CASE WHEN ${condition} THEN 1 ELSE 0 END`;
  const target = `CASE channel ${Object.entries(p.targetSec).map(([ch, sec]) => `WHEN '${ch.replace(/'/g, "''")}' THEN ${num(sec * 1000)}`).join(' ')} END`;
  const known = '(wait_ms IS NOT NULL AND (outcome IS NOT NULL OR answer_at IS NOT NULL))';
  const identified = "(caller IS NOT NULL AND caller <> '')";
  const sql: Record<RollupSum, string> = {
    offered: '1',
    answered: bit('answer_at IS NOT NULL'),
    abandoned: bit("outcome IS 'abandoned'"),
    short_abandoned: bit(`outcome IS 'abandoned' AND wait_ms IS NOT NULL AND wait_ms < ${num(p.shortAbandonSec * 1000)}`),
    // A channel with no target compares with NULL: not answered in target (as in contactSums).
    answered_in_target: bit(`answer_at IS NOT NULL AND wait_ms IS NOT NULL AND wait_ms <= ${target}`),
    wait_ms: `CASE WHEN ${known} THEN wait_ms ELSE 0 END`,
    answered_wait_ms: 'CASE WHEN answer_at IS NOT NULL AND wait_ms IS NOT NULL THEN wait_ms ELSE 0 END',
    talk_ms: 'ifnull(talk_ms, 0)',
    hold_ms: 'ifnull(hold_ms, 0)',
    wrap_ms: 'ifnull(wrap_ms, 0)',
    waited: bit(known),
    attempts: '0',
    rna_attempts: '0',
    transferred: bit("answer_at IS NOT NULL AND (transfers > 0 OR outcome IS 'transferred')"),
    identified: bit(identified),
    repeat_contacts: bit(`${identified} AND (repeat_flags & ${REPEAT_BEFORE}) <> 0`),
    fcr_base: bit(`${identified} AND answer_at IS NOT NULL`),
    fcr_repeated: bit(`${identified} AND answer_at IS NOT NULL AND (repeat_flags & ${REPEAT_AFTER}) <> 0`),
    csat_responses: bit('csat IS NOT NULL'),
    csat_satisfied: bit('csat IS NOT NULL AND csat >= 4'),
    nps_responses: bit('nps IS NOT NULL'),
    nps_promoters: bit('nps IS NOT NULL AND nps >= 9'),
    nps_detractors: bit('nps IS NOT NULL AND nps <= 6'),
  };
  return sql;
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

/** An insert into rollup_hour that meets an existing row adds its sums to it. */
/** An upsert clause: a row that meets an existing one on `keys` adds its sums to it. */
const addingSums = (keys: string) => `ON CONFLICT (${keys}) DO UPDATE SET ${ROLLUP_SUMS.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`;
const ADD_TO_HOUR_ROW = addingSums('hour_at, channel, queue, segment, agent_id');

const upserts = new WeakMap<Db, RowBatch>();
function upsertOf(db: Db): RowBatch {
  let s = upserts.get(db);
  if (!s) {
    s = new RowBatch(
      db,
      `INSERT INTO rollup_hour (hour_at, channel, queue, segment, agent_id, ${ROLLUP_SUMS.join(', ')})`,
      5 + ROLLUP_SUMS.length,
      ADD_TO_HOUR_ROW,
    );
    upserts.set(db, s);
  }
  return s;
}

/**
 * Accumulates +/- contributions of a batch (contacts' sums, and ring attempts under the agent
 * rung) and writes them in one pass.
 */
export class RollupDelta {
  private readonly cells = new Map<string, Cell>();
  addRow(row: ContactRow, p: RollupParams, hourCache: Map<number, number>, sign: 1 | -1): void {
    contactSums(this.cell(hourOf(p, row.enter_at, hourCache), row.channel, row.queue, row.segment, row.agent_id ?? 0).v, row, p, sign);
  }
  /** A finished ring attempt of the contact `row` (its group) on `agent`: counted for the agent rung. */
  addRing(row: ContactRow, agent: number, result: string, p: RollupParams, hourCache: Map<number, number>, sign: 1 | -1): void {
    if (result === 'ringing') return;
    const v = this.cell(hourOf(p, row.enter_at, hourCache), row.channel, row.queue, row.segment, agent).v;
    v[I.attempts]! += sign;
    if (result === 'no-answer') v[I.rna_attempts]! += sign;
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

/** Contacts per page of a re-segmentation. */
const PAGE = 20_000;
const SEGMENTS_KEY = 'contacts.segments';
const REPEAT_WINDOW_KEY = 'contacts.repeat_window';

export const metaGet = (db: Db, key: string) => db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?').get(key)?.value;
export const metaSet = (db: Db, key: string, value: string) =>
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);

/** What the stored segments of contacts were resolved from: the rules and the directory's state. */
export function segmentsKey(db: Db): string {
  return JSON.stringify(
    db
      .prepare<[], Record<string, unknown>>(
        `SELECT (SELECT COUNT(*) FROM customers) AS customers, (SELECT MAX(updated_at) FROM customers) AS updated,
           (SELECT group_concat(kind || ':' || pattern || ':' || segment, '|') FROM (SELECT * FROM segment_rules ORDER BY id)) AS rules`,
      )
      .get(),
  );
}

/** Whether the stored segments match the directory and rules as they are now. */
export const segmentsCurrent = (db: Db) => metaGet(db, SEGMENTS_KEY) === segmentsKey(db);

/** Whether the contacts' repeat flags were set with the window `windowMs`. */
export const repeatFlagsCurrent = (db: Db, windowMs: number) => metaGet(db, REPEAT_WINDOW_KEY) === String(windowMs);

/** Records that the stored segments match the directory and rules as they are now. */
export const markSegmentsCurrent = (db: Db) => metaSet(db, SEGMENTS_KEY, segmentsKey(db));

/**
 * Resolves every contact's segment again (directory, then rules, then the source's hint, as
 * SEGMENT_SQL does) when the rules or the directory changed since they were stored. The
 * directory is held in memory: a lookup per contact in SQL costs more.
 */
export function resegmentContacts(db: Db): number {
  const key = segmentsKey(db);
  if (metaGet(db, SEGMENTS_KEY) === key) return 0;
  const directory = new Map<string, string>();
  for (const [caller, segment] of db.prepare<[], [string, string]>('SELECT caller, segment FROM customers WHERE segment IS NOT NULL').raw().iterate()) directory.set(caller, segment);
  const rules = db.prepare<[], SegmentRule>('SELECT kind, pattern, segment FROM segment_rules ORDER BY id').all();
  const page = db
    .prepare<[number], [number, string | null, string, string | null, string | null, string]>(
      `SELECT id, caller, queue, did, segment_hint, segment FROM contacts WHERE id > ? ORDER BY id LIMIT ${PAGE}`,
    )
    .raw();
  const update = db.prepare<[string, number]>('UPDATE contacts SET segment = ? WHERE id = ?');
  let changed = 0;
  // Paged by id: a statement cannot write while another iterates over the same table.
  for (let last = 0, n = 1; n > 0; ) {
    const rows = page.all(last);
    n = rows.length;
    for (const [id, caller, queue, did, hint, stored] of rows) {
      const segment = (caller === null ? undefined : directory.get(caller)) ?? (rules.length ? ruleSegment(rules, caller, queue, did) : null) ?? hint ?? '';
      if (segment !== stored) {
        update.run(segment, id);
        changed++;
      }
      last = id;
    }
  }
  metaSet(db, SEGMENTS_KEY, key);
  return changed;
}

/**
 * Sets contacts.repeat_flags of every contact from its customer's other contacts (one window
 * query over the caller index), when the window changed since they were set or `force` (contacts
 * were deleted, or a bulk load wrote them unflagged). With `moveSums` the repeat and FCR sums of
 * rollup_hour move with the flags (grouped by rollup cell), so a rollup that was current apart
 * from the flags is current again; rollup_zone must hold the site zone. Returns how many contacts
 * changed.
 */
export function refreshRepeatFlags(db: Db, windowMs: number, force = false, moveSums = false): number {
  if (!force && metaGet(db, REPEAT_WINDOW_KEY) === String(windowMs)) return 0;
  const w = Math.round(windowMs);
  db.exec('DROP TABLE IF EXISTS temp.flag_changes');
  // The window reads the caller index alone (it carries the flags). Contacts without a customer
  // are never repeats (a caller removed by pseudonymisation, say).
  db.exec(`CREATE TEMP TABLE flag_changes AS SELECT id, old, f FROM (
      SELECT id, repeat_flags AS old, (count(*) OVER before > 0) * ${REPEAT_BEFORE} + (count(*) OVER after > 0) * ${REPEAT_AFTER} AS f
      FROM contacts WHERE caller IS NOT NULL AND caller <> ''
      WINDOW before AS (PARTITION BY caller ORDER BY enter_at RANGE BETWEEN ${w} PRECEDING AND 1 PRECEDING),
             after AS (PARTITION BY caller ORDER BY enter_at RANGE BETWEEN 1 FOLLOWING AND ${w} FOLLOWING)
    ) WHERE f <> old
    UNION ALL SELECT id, repeat_flags, 0 FROM contacts WHERE (caller IS NULL OR caller = '') AND repeat_flags <> 0`);
  if (moveSums) {
    // Only identified contacts count as repeats; an unidentified one's flags were never summed.
    const bit = (flags: string, b: number) => `((${flags} & ${b}) <> 0)`;
    db.exec(`INSERT INTO rollup_hour (hour_at, channel, queue, segment, agent_id, repeat_contacts, fcr_repeated)
      SELECT ${hourSql('c.enter_at')} AS h, c.channel, c.queue, c.segment, ifnull(c.agent_id, 0) AS g,
        SUM(${bit('x.f', REPEAT_BEFORE)} - ${bit('x.old', REPEAT_BEFORE)}),
        SUM((c.answer_at IS NOT NULL) * (${bit('x.f', REPEAT_AFTER)} - ${bit('x.old', REPEAT_AFTER)}))
      FROM flag_changes x JOIN contacts c ON c.id = x.id WHERE c.caller IS NOT NULL AND c.caller <> ''
      GROUP BY h, c.channel, c.queue, c.segment, g
      ON CONFLICT (hour_at, channel, queue, segment, agent_id) DO UPDATE SET
        repeat_contacts = repeat_contacts + excluded.repeat_contacts, fcr_repeated = fcr_repeated + excluded.fcr_repeated`);
  }
  const changes = db.prepare('UPDATE contacts SET repeat_flags = x.f FROM flag_changes x WHERE contacts.id = x.id').run().changes;
  db.exec('DROP TABLE temp.flag_changes');
  metaSet(db, REPEAT_WINDOW_KEY, String(windowMs));
  return changes;
}

/** Local hour start of a contact's enter time in SQL, for the zone whose offsets rollup_zone holds. */
export function hourSql(column: string, wholeHours = false): string {
  // Zones whose offsets are all whole hours start local hours on UTC hours: no offset lookup.
  const local = wholeHours ? column : `(${localInstantSql(column)})`;
  return `${column} - ((${local}) % 3600000 + 3600000) % 3600000`;
}

export interface RebuildOptions {
  /** Set every contact's repeat flags again first (after contacts were deleted or bulk-loaded). */
  refreshFlags?: boolean;
  /**
   * A second thread (rollup-parallel.ts): 'auto' (the default) when it can help, that is a
   * database file, two cores, not inside a caller's transaction, and at least
   * WORKER_MIN_CONTACTS contacts; 'always' as 'auto' whatever the count (tests); 'never'.
   */
  workers?: 'auto' | 'always' | 'never';
}

/** How a rebuild went: on one thread or two, and why not two when a worker was tried and failed. */
export interface RebuildReport {
  threads: 1 | 2;
  workerError?: string;
  /**
   * On two threads, the WAL checkpoint after the commit (copying the rebuilt pages into the
   * database file, about 0.1 s a million contacts) runs on the worker, after the rebuild has
   * returned: this waits up to `timeoutMs` for it, and says whether it was done completely. For
   * measuring and tests.
   */
  checkpointed?: (timeoutMs: number) => boolean;
}

/** Below this many contacts a rebuild takes well under a second, less than starting a worker is worth. */
export const WORKER_MIN_CONTACTS = 100_000;

const REBUILD_PENDING_KEY = 'rollups.rebuild_pending';

/**
 * Records, in the caller's transaction, that the rollups must be rebuilt (`refreshFlags`: with
 * every repeat flag set again). A rebuild clears it when it commits; one interrupted before that
 * is finished at the next start (ensureRollupParams).
 */
export function markRebuildPending(db: Db, refreshFlags = false): void {
  metaSet(db, REBUILD_PENDING_KEY, refreshFlags || metaGet(db, REBUILD_PENDING_KEY) === 'flags' ? 'flags' : 'rollups');
}

/** The rebuild still owed, if one is (see markRebuildPending). */
export function rebuildPending(db: Db): RebuildOptions | null {
  const v = metaGet(db, REBUILD_PENDING_KEY);
  return v === undefined ? null : { refreshFlags: v === 'flags' };
}

/**
 * The two statements that add contacts to rollup_hour, for those that entered in [from, to)
 * (table names unqualified: a worker's rollup_hour is its scratch file's). Row by row in
 * enter-time order rather than one GROUP BY: the rollup rows being added to are the last few
 * hours' (a b-tree page already in cache), where a GROUP BY sorted every contact first (3.0 s
 * against 2.1 s for a million contacts).
 */
function hourlySteps(p: RollupParams, range: { from?: number; to?: number } = {}): FillStep[] {
  const wholeHours = wholeHourZone(p.timezone);
  const cols = ROLLUP_SUMS.join(', ');
  const within = (column: string) =>
    [range.from === undefined ? 'true' : `${column} >= ${Math.floor(range.from)}`, range.to === undefined ? 'true' : `${column} < ${Math.floor(range.to)}`].join(' AND ');
  // Ring attempts go to the agent rung. Most are the answering agent's own connected ring,
  // whose row is the contact's: the answering agent's rings are counted here, one count in the
  // attempts' (contact, agent, at) key per answered contact, which reads the index alone; the
  // second statement adds the rest (other agents' rings), a tenth of them, instead of all, and
  // corrects the answering agent's: a no-answer is also a ring-no-answer, a ring still ringing
  // is not yet an attempt.
  const own = '(SELECT count(*) FROM attempts a WHERE a.contact_id = contacts.id AND a.agent_id = contacts.agent_id)';
  const values = { ...contactSumSql(p), attempts: `CASE WHEN agent_id IS NULL THEN 0 ELSE ${own} END` };
  return [
    {
      sql: `INSERT INTO rollup_hour (hour_at, channel, queue, segment, agent_id, ${cols})
        SELECT ${hourSql('enter_at', wholeHours)} AS h, channel, queue, segment, ifnull(agent_id, 0) AS g, ${ROLLUP_SUMS.map((c) => values[c]).join(', ')}
        FROM contacts WHERE ${within('enter_at')} ORDER BY enter_at
        ${ADD_TO_HOUR_ROW}`,
    },
    {
      sql: `INSERT INTO rollup_hour (hour_at, channel, queue, segment, agent_id, attempts, rna_attempts)
        SELECT ${hourSql('c.enter_at', wholeHours)} AS h, c.channel, c.queue, c.segment, a.agent_id,
          CASE WHEN a.agent_id IS c.agent_id THEN -(a.result = 'ringing') ELSE 1 END, a.result = 'no-answer'
        FROM contacts c JOIN attempts a ON a.contact_id = c.id
        WHERE ${within('c.enter_at')} AND CASE WHEN a.agent_id IS c.agent_id THEN a.result IN ('no-answer', 'ringing') ELSE a.result <> 'ringing' END
        ORDER BY c.enter_at
        ON CONFLICT (hour_at, channel, queue, segment, agent_id) DO UPDATE SET attempts = attempts + excluded.attempts, rna_attempts = rna_attempts + excluded.rna_attempts`,
    },
  ];
}

/** Every fill step of a rebuild's share (the attempt rollup's too when `attempts`). */
const shareSteps = (p: RollupParams, attempts: boolean, range: { from?: number; to?: number } = {}): FillStep[] => [
  ...hourlySteps(p, range),
  ...shareTierSteps(),
  ...(attempts ? [{ sql: ATTEMPT_ROLLUP_FILL }] : []),
];

/**
 * The tables a worker's share fills. Its contacts start on a local day, so its rows have keys
 * of their own, except the month tier's in a month both shares hold: those are added up.
 */
const SHARE_TABLES = ['rollup_hour', ...TIER_TABLES];

/** Adds a worker's rows (the scratch file attached as fw_rebuild) into the main tables. */
function mergeShare(db: Db, attempts: boolean): void {
  for (const t of SHARE_TABLES) {
    const upsert = t === 'rollup_month_seg' ? ` WHERE true ${addingSums(TIER_KEYS.rollup_month_seg)}` : '';
    db.exec(`INSERT INTO main.${t} SELECT * FROM fw_rebuild.${t}${upsert}`);
  }
  // This thread's share left rollup_attempt empty.
  if (attempts) db.exec('INSERT INTO main.rollup_attempt SELECT * FROM fw_rebuild.rollup_attempt');
}

/** Contacts' segments and repeat flags brought current, and the zone's offsets written: what the fill steps read. */
function prepareContacts(db: Db, p: RollupParams, refreshFlags: boolean): void {
  resegmentContacts(db);
  refreshRepeatFlags(db, repeatWindowMs(p), refreshFlags);
  fillRollupZone(db, p.timezone);
}

/**
 * Empties every rollup (rollup_attempt too when `attempts`) and runs `fill`. The per-row triggers
 * between the tiers are dropped meanwhile, and rollup_hour's secondary indexes built once (when
 * `fill` calls `buildIndexes`, else at the end) rather than row by row: about 0.2 s of a million
 * contacts. Clears the pending mark. Runs in the caller's transaction.
 */
function refill(db: Db, p: RollupParams, attempts: boolean, fill: (buildIndexes: () => void) => void): void {
  const indexes = db.prepare<[], { name: string; sql: string }>("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'rollup_hour' AND sql IS NOT NULL").all();
  let built = false;
  const buildIndexes = () => {
    if (built) return;
    for (const ix of indexes) db.exec(ix.sql);
    built = true;
  };
  withoutRollupTriggers(db, () => {
    for (const ix of indexes) db.exec(`DROP INDEX "${ix.name.replace(/"/g, '""')}"`);
    emptyRollups(db, attempts);
    fill(buildIndexes);
    buildIndexes();
  });
  markTierZone(db, p.timezone);
  if (attempts) markAttemptRollupFresh(db);
  db.prepare('DELETE FROM meta WHERE key = ?').run(REBUILD_PENDING_KEY);
}

function emptyRollups(db: Db, attempts: boolean): void {
  for (const t of ['rollup_hour', ...TIER_TABLES, ...(attempts ? ['rollup_attempt'] : [])]) db.exec(`DELETE FROM ${t}`);
}

/**
 * Rebuilds every rollup from the contacts table (after a directory import, a settings change, a
 * purge or a restore): rollup_hour, then rollup_hour_seg and the coarse tiers from it in bulk
 * (rollup-tiers.ts), and rollup_attempt when its segments are stale. Segments and repeat flags
 * are the contacts' stored ones, re-resolved first when the rules, directory or window changed.
 *
 * With a second thread (RebuildOptions.workers) it runs in two transactions: the contacts are
 * brought current and the rebuild marked pending, then the later part of the contacts is summed
 * by a worker while this thread sums the earlier part, and the worker's rows are added in. A
 * crash between the two leaves the mark, and the next start rebuilds. Without, one transaction.
 */
export function rebuildRollups(db: Db, p: RollupParams, options: RebuildOptions = {}): RebuildReport {
  const refreshFlags = (options.refreshFlags ?? false) || (rebuildPending(db)?.refreshFlags ?? false);
  const workers = options.workers ?? 'auto';
  if (workers !== 'never' && !db.inTransaction && workerRebuildPossible(db)) {
    const enough = workers === 'always' || db.prepare<[], number>('SELECT count(*) FROM contacts').pluck().get()! >= WORKER_MIN_CONTACTS;
    if (enough) return rebuildWithWorker(db, p, refreshFlags);
  }
  db.transaction(() => {
    prepareContacts(db, p, refreshFlags);
    const attempts = !attemptRollupFresh(db);
    refill(db, p, attempts, () => runFillSteps(db, shareSteps(p, attempts)));
  })();
  return { threads: 1 };
}

/**
 * The worker's share of the contacts: the later part, from a local day start. Its rows are added
 * into the main tables after this thread's are written, which costs a little, so its share is a
 * little under half; when it also rebuilds the attempt rollup (about a seventh of the rest), less.
 */
function workerShareStart(db: Db, zone: string, attempts: boolean): number | null {
  const n = db.prepare<[], number>('SELECT count(*) FROM contacts').pluck().get()!;
  if (n === 0) return null;
  const share = attempts ? 0.44 : 0.48;
  const at = db.prepare<[number], number>('SELECT enter_at FROM contacts ORDER BY enter_at LIMIT 1 OFFSET ?').pluck().get(Math.floor(n * (1 - share)));
  return at === undefined ? null : localDayStart(zone, at);
}

/**
 * The longest a rebuild waits for its worker, against the time its own share took: then it does
 * everything itself (the worker's share costs about as much as its own).
 */
const WORKER_WAIT_FACTOR = 3;
const WORKER_WAIT_MIN_MS = 10_000;

/**
 * Detaches a rebuild's scratch file if it is attached. One left attached by a rebuild whose
 * DETACH failed is detached by the next; until then that one does everything itself.
 */
function detachScratch(db: Db): void {
  try {
    if (db.prepare<[], string>('SELECT name FROM pragma_database_list').pluck().all().includes('fw_rebuild')) db.exec('DETACH fw_rebuild');
  } catch {
    // The rebuild itself is done (or its error is on its way): a file still attached goes with the connection.
  }
}

function rebuildWithWorker(db: Db, p: RollupParams, refreshFlags: boolean): RebuildReport {
  detachScratch(db);
  const autocheckpoint = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  db.transaction(() => {
    prepareContacts(db, p, refreshFlags);
    metaSet(db, REBUILD_PENDING_KEY, 'rollups');
  })();
  let worker: RebuildWorker | null = null;
  let attached = false;
  let merged = false;
  let committed = false;
  let workerError: string | undefined;
  try {
    // IMMEDIATE: the write lock is held before the worker reads, so no other connection commits
    // between what it reads and what this thread reads.
    db.transaction(() => {
      const attempts = !attemptRollupFresh(db);
      // Another connection (an import) may have committed between the two transactions: a zone
      // table or segments that are no longer this rebuild's are put right here, where the worker
      // would not see it, so then this thread does everything.
      const current = rollupZoneOf(db) === p.timezone && segmentsCurrent(db) && repeatFlagsCurrent(db, repeatWindowMs(p));
      if (!current) prepareContacts(db, p, false);
      const split = current ? workerShareStart(db, p.timezone, attempts) : null;
      const tables = [...SHARE_TABLES, ...(attempts ? ['rollup_attempt'] : [])];
      try {
        if (split !== null) worker = rebuildWorkers.start(db, tables, shareSteps(p, attempts, { from: split }));
      } catch (e) {
        workerError = `could not start: ${e instanceof Error ? e.message : String(e)}`;
      }
      refill(db, p, attempts, (buildIndexes) => {
        const started = Date.now();
        if (!worker) {
          runFillSteps(db, shareSteps(p, attempts));
          return;
        }
        // The attempt rollup is the worker's alone.
        runFillSteps(db, shareSteps(p, false, { to: split! }));
        // Waiting for the worker anyway: the indexes are built on this share meanwhile (its rows
        // then keep them current as they go in, which costs less than what the wait saves).
        if (!worker.stopped()) buildIndexes();
        let failed = worker.join(Math.max(WORKER_WAIT_MIN_MS, (Date.now() - started) * WORKER_WAIT_FACTOR));
        if (failed === null) {
          try {
            db.prepare('ATTACH ? AS fw_rebuild').run(worker.scratch);
            attached = true;
            mergeShare(db, attempts);
            // The commit's checkpoint is left to the worker (dispose below): SQLite's automatic
            // one would copy the rebuilt pages into the database file on this thread.
            if (autocheckpoint > 0) db.pragma('wal_autocheckpoint = 0');
            merged = true;
            return;
          } catch (e) {
            // An error that rolled the transaction back (disk full, I/O) ends the rebuild: going on
            // would write outside any transaction. Its pending mark stays, so it is done again.
            if (!db.inTransaction) throw e;
            failed = `its rows could not be added: ${e instanceof Error ? e.message : String(e)}`;
          }
        }
        // Done here instead: everything again, on this thread.
        workerError = failed;
        emptyRollups(db, attempts);
        runFillSteps(db, shareSteps(p, attempts));
      });
    }).immediate();
    committed = true;
  } finally {
    try {
      // Back as it was for the commits that follow. One that comes while the worker checkpoints
      // skips its own (SQLite does not wait for another connection's checkpoint).
      if (merged && autocheckpoint > 0) db.pragma(`wal_autocheckpoint = ${autocheckpoint}`);
      if (attached) detachScratch(db);
    } finally {
      (worker as RebuildWorker | null)?.dispose(committed && merged && autocheckpoint > 0);
    }
  }
  const w = worker as RebuildWorker | null;
  return {
    threads: merged ? 2 : 1,
    ...(workerError === undefined ? {} : { workerError }),
    ...(w && merged && autocheckpoint > 0 ? { checkpointed: (timeoutMs: number) => w.checkpointed(timeoutMs) } : {}),
  };
}
