import { offsetFunction } from '../../../shared/domain/time';
import type { Db } from '../../db/open';
import { DAY_KEY_SQL, localInstantSql, MONTH_KEYS_SQL } from '../../db/migrations/0006-rollup-tiers';
import { ROLLUP_SUMS } from './rollup-sums';

/**
 * The coarse rollup tiers of migrations 0006, 0009 and 0012 (rollup_day_seg, rollup_month_seg,
 * rollup_day_agent, rollup_day_agent_total): what a rebuild writes for them, and which zone they
 * were built in. Ingest keeps them current by triggers.
 */
const ZONE_KEY = 'rollup.zone';
/** The zone whose offsets rollup_zone holds (the tiers may not be built for it yet). */
const ZONE_TABLE_KEY = 'rollup_zone.zone';
const DAY = 86_400_000;
/**
 * The offsets table covers these years (later ingest may bring any date, so not just the data's);
 * instants outside take the nearest covered offset.
 */
const FIRST = Date.UTC(1970, 0, 1);
const LAST = Date.UTC(2100, 0, 1);
/** Zone offsets sampled every STEP: offset changes in the tz database since 1970 are weeks apart at the least. */
const STEP = 2 * DAY;
const zoneChanges = new Map<string, [number, number][]>();

/**
 * The zone's UTC offsets as (from, offset) rows, one per change. Sampled every STEP and narrowed
 * to the minute by bisection (offsets change on whole minutes).
 */
export function zoneOffsetChanges(zone: string, from: number, to: number): [number, number][] {
  const off = offsetFunction(zone);
  const out: [number, number][] = [[-8.64e15, off(from)]];
  let prev = off(from);
  for (let t = from + STEP; t <= to; t += STEP) {
    const o = off(t);
    if (o === prev) continue;
    // Bisect (t − STEP, t] down to the minute at which the new offset starts.
    let lo = t - STEP;
    let hi = t;
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
      if (off(mid) === prev) lo = mid;
      else hi = mid;
    }
    out.push([hi, o]);
    prev = o;
  }
  return out;
}

/** The zone's offset changes over the covered years, computed once per zone. */
function offsetChangesOf(zone: string): [number, number][] {
  let changes = zoneChanges.get(zone);
  if (!changes) zoneChanges.set(zone, (changes = zoneOffsetChanges(zone, FIRST, LAST)));
  return changes;
}

/**
 * Whether every UTC offset the zone had in the covered years is a whole number of hours: then
 * its local hours start on UTC hours, and rollup_hour's hour keys are the same in any such zone.
 */
export const wholeHourZone = (zone: string): boolean => offsetChangesOf(zone).every(([, off]) => off % 3_600_000 === 0);

/**
 * Runs `fill` with the triggers that derive the tiers from rollup_hour (0003, 0006) dropped, and
 * puts them back as they were: a rebuild writes every tier in bulk, and without triggers SQLite
 * empties the tables at once instead of row by row. Call inside the rebuild's transaction (DDL
 * is transactional: a failed rebuild leaves the triggers in place). The triggers' text is read
 * from the schema, so later migrations that change them are kept.
 */
export function withoutRollupTriggers(db: Db, fill: () => void): void {
  const triggers = db
    .prepare<[], { name: string; sql: string }>("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('rollup_hour', 'rollup_hour_seg') ORDER BY name")
    .all();
  for (const t of triggers) db.exec(`DROP TRIGGER "${t.name.replace(/"/g, '""')}"`);
  fill();
  for (const t of triggers) db.exec(t.sql);
}

/** The zone whose offsets rollup_zone holds (undefined: none written yet). */
export const rollupZoneOf = (db: Db): string | undefined =>
  db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?').get(ZONE_TABLE_KEY)?.value;

/** Writes the zone's offsets into rollup_zone (what the tiers' local keys are computed with); returns them. */
export function fillRollupZone(db: Db, zone: string): readonly [number, number][] {
  const filled = rollupZoneOf(db);
  let changes = zoneChanges.get(zone);
  if (!changes && filled === zone) {
    // Written for this zone already (by this or another connection): computing it costs ~0.1 s.
    changes = db.prepare<[], [number, number]>('SELECT from_at, offset_ms FROM rollup_zone ORDER BY from_at').raw().all();
    if (changes.length > 0) {
      zoneChanges.set(zone, changes);
      return changes;
    }
  }
  if (!changes) changes = offsetChangesOf(zone);
  if (filled === zone) return changes;
  db.exec('DELETE FROM rollup_zone');
  const insert = db.prepare<[number, number]>('INSERT INTO rollup_zone (from_at, offset_ms) VALUES (?, ?)');
  for (const [at, off] of changes) insert.run(at, off);
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(ZONE_TABLE_KEY, zone);
  return changes;
}

/**
 * One step of a rollup fill: SQL to run, or SQL run once for each local day of temp.tier_hours
 * with (day, day). Plain data, so a rebuild's worker thread runs the same steps (rollup-parallel.ts).
 */
export type FillStep = { sql: string } | { perDay: string };

/** Runs fill steps on `db`, in order. */
export function runFillSteps(db: Db, steps: readonly FillStep[]): void {
  for (const step of steps) {
    if ('sql' in step) {
      db.exec(step.sql);
      continue;
    }
    const perDay = db.prepare<[string, string]>(step.perDay);
    for (const day of db.prepare<[], string>('SELECT DISTINCT day FROM temp.tier_hours ORDER BY day').pluck().all()) perDay.run(day, day);
  }
}

/**
 * Every coarse tier from the rows of rollup_hour, into empty tables of the same connection (table
 * names unqualified: a worker's are its scratch file's). rollup_zone must hold the zone's offsets.
 * A rebuild's two shares of contacts each run these over their own hours; the month tier is the
 * one their rows may share (a month split between them), merged by adding.
 */
export function shareTierSteps(): FillStep[] {
  const cols = ROLLUP_SUMS.join(', ');
  const sums = ROLLUP_SUMS.map((c) => `SUM(${c})`).join(', ');
  return [
    // The local keys of each rollup hour, once per hour (not once per rollup row).
    {
      sql: `DROP TABLE IF EXISTS temp.tier_hours;
        CREATE TEMP TABLE tier_hours (hour_at INTEGER PRIMARY KEY, day TEXT NOT NULL, month TEXT NOT NULL, weekday INTEGER NOT NULL, hour INTEGER NOT NULL);
        INSERT INTO tier_hours SELECT hour_at, ${DAY_KEY_SQL('l')}, ${MONTH_KEYS_SQL('l')}
          FROM (SELECT hour_at, ${localInstantSql('hour_at')} AS l FROM (SELECT DISTINCT hour_at FROM rollup_hour));
        INSERT INTO rollup_hour_seg (hour_at, channel, queue, segment, ${cols})
          SELECT hour_at, channel, queue, segment, ${sums} FROM rollup_hour GROUP BY hour_at, channel, queue, segment;
        INSERT INTO rollup_day_seg (day, channel, queue, segment, ${cols})
          SELECT t.day, channel, queue, segment, ${sums} FROM rollup_hour_seg s JOIN tier_hours t USING (hour_at) GROUP BY t.day, channel, queue, segment;
        INSERT INTO rollup_month_seg (month, weekday, hour, channel, queue, segment, ${cols})
          SELECT t.month, t.weekday, t.hour, channel, queue, segment, ${sums} FROM rollup_hour_seg s JOIN tier_hours t USING (hour_at)
          GROUP BY t.month, t.weekday, t.hour, channel, queue, segment;
        CREATE INDEX temp.tier_hours_day ON tier_hours (day, hour_at);`,
    },
    // rollup_day_agent a local day at a time: each GROUP BY sorts one day's hourly rows (a few
    // thousand) rather than all of them at once, about a third faster at a million contacts.
    {
      perDay: `INSERT INTO rollup_day_agent (day, channel, queue, segment, agent_id, ${cols})
        SELECT ?, channel, queue, segment, agent_id, ${sums} FROM tier_hours t JOIN rollup_hour h USING (hour_at)
        WHERE t.day = ? GROUP BY channel, queue, segment, agent_id`,
    },
    // The agents' day totals (migration 0012) from the agent-day tier, a few rows per agent and day.
    {
      sql: `DROP TABLE temp.tier_hours;
        INSERT INTO rollup_day_agent_total (day, agent_id, ${cols}) SELECT day, agent_id, ${sums} FROM rollup_day_agent GROUP BY day, agent_id`,
    },
  ];
}

/** Each coarse tier's key columns (its primary key). */
export const TIER_KEYS = {
  rollup_hour_seg: 'hour_at, channel, queue, segment',
  rollup_day_seg: 'day, channel, queue, segment',
  rollup_month_seg: 'month, weekday, hour, channel, queue, segment',
  rollup_day_agent: 'day, channel, queue, segment, agent_id',
  rollup_day_agent_total: 'day, agent_id',
} as const;

/** The coarse tiers every rebuild empties and refills. */
export const TIER_TABLES = Object.keys(TIER_KEYS) as (keyof typeof TIER_KEYS)[];

/** Records `zone` as the zone the tiers were built in. */
export function markTierZone(db: Db, zone: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(ZONE_KEY, zone);
}

/**
 * Refills rollup_hour_seg and the coarse tiers from rollup_hour with one GROUP BY each (the
 * agent-day tier one local day at a time), for the zone `zone` (its offsets replace
 * rollup_zone's). Runs inside the rebuild, the triggers dropped.
 */
export function refillRollupTiers(db: Db, zone: string): void {
  fillRollupZone(db, zone);
  for (const t of TIER_TABLES) db.exec(`DELETE FROM ${t}`);
  runFillSteps(db, shareTierSteps());
  markTierZone(db, zone);
}

/** The zone the coarse tiers were built in (null: never built; then readers use rollup_hour_seg). */
export function tierZone(db: Db): string | null {
  return db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?').get(ZONE_KEY)?.value ?? null;
}
