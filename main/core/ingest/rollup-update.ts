import { SettingsSchema } from '../../../shared/contract/settings';
import type { Db } from '../../db/open';
import { contactSumSql, hourSql, markRebuildPending, metaGet, metaSet, rebuildPending, rebuildRollups, refreshRepeatFlags, repeatFlagsCurrent, repeatWindowMs, segmentsCurrent, writeSegmentRules, type RollupParams } from './rollup';
import { DAY_KEY_SQL, localInstantSql, MONTH_KEYS_SQL } from '../../db/migrations/0006-rollup-tiers';
import { fillRollupZone, refillRollupTiers, TIER_KEYS, tierZone, wholeHourZone, withoutRollupTriggers } from './rollup-tiers';

/**
 * How a change of the rollup parameters (settings) reaches the rollups without rebuilding them
 * where it need not. Each setting moves one or two sums of some contacts:
 * - a channel's answer target: `answered_in_target` of that channel's answered contacts whose
 *   wait lies between the old and the new target;
 * - the short-abandon threshold: `short_abandoned` of the abandoned contacts whose wait lies
 *   between the old and the new threshold;
 * - the repeat window: the repeat and FCR sums of the contacts whose repeat flags change;
 * - the site zone, when the old and the new zone both have whole-hour offsets only: hourly rows
 *   start on UTC hours in both, so rollup_hour stays as it is and only the day, weekday and month
 *   tiers are keyed again.
 * Anything else (segment rules, a zone with a half-hour offset, rollups that were not built with
 * `previous`) rebuilds from scratch. The result equals a rebuild with `next` (tested).
 */
export type RollupUpdate = 'unchanged' | 'updated' | 'rebuilt';

const StoredParams = SettingsSchema.pick({ timezone: true, targetSec: true, shortAbandonSec: true, repeatWindowHours: true, segmentRules: true });

/** The parameters a rollup was built with, as app.ts stores them (JSON); null when absent or unreadable. */
export function parseRollupParams(stored: string | undefined): RollupParams | null {
  if (stored === undefined) return null;
  let json: unknown;
  try {
    json = JSON.parse(stored);
  } catch {
    return null;
  }
  const parsed = StoredParams.safeParse(json);
  return parsed.success ? parsed.data : null;
}

const sameRules = (a: RollupParams, b: RollupParams) => JSON.stringify(a.segmentRules ?? []) === JSON.stringify(b.segmentRules ?? []);
const ms = (sec: number) => Math.round(sec * 1000);
const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * Whether `next` can be reached from `previous` by moving sums: the rollups were built with
 * `previous` (segments, tiers and repeat flags current for it), the rules and the channels are
 * the same, and a zone change keeps every hour key (both zones whole-hour).
 */
function movable(db: Db, previous: RollupParams | null, next: RollupParams): previous is RollupParams {
  if (!previous || !sameRules(previous, next)) return false;
  if (previous.timezone !== next.timezone && !(wholeHourZone(previous.timezone) && wholeHourZone(next.timezone))) return false;
  const channels = (p: RollupParams) => Object.keys(p.targetSec).sort().join(',');
  if (channels(previous) !== channels(next)) return false;
  return segmentsCurrent(db) && tierZone(db) === previous.timezone && repeatFlagsCurrent(db, repeatWindowMs(previous));
}

/** A set of contacts one sum moves for: the waits between an old and a new threshold. */
interface Band {
  sum: 'answered_in_target' | 'short_abandoned';
  where: string;
}

/**
 * The bands of contacts whose `answered_in_target` or `short_abandoned` differ between `previous`
 * and `next`, read through the wait index (contacts_wait); none when no threshold changed.
 */
function thresholdBands(previous: RollupParams, next: RollupParams): Band[] {
  const wait = 'ifnull(wait_ms, -1)';
  const bands: Band[] = [];
  for (const channel of Object.keys(next.targetSec) as (keyof RollupParams['targetSec'])[]) {
    const [a, b] = [ms(previous.targetSec[channel]), ms(next.targetSec[channel])];
    // In target: wait ≤ target. Waits in (lower, higher] change side. (+channel: the wait index,
    // not the channel one, finds the band.)
    if (a !== b) bands.push({ sum: 'answered_in_target', where: `${wait} > ${Math.min(a, b)} AND ${wait} <= ${Math.max(a, b)} AND +channel = ${quote(channel)}` });
  }
  const [a, b] = [ms(previous.shortAbandonSec), ms(next.shortAbandonSec)];
  // Short: wait < threshold. Waits in [lower, higher) change side.
  if (a !== b) bands.push({ sum: 'short_abandoned', where: `${wait} >= ${Math.min(a, b)} AND ${wait} < ${Math.max(a, b)} AND outcome IS 'abandoned'` });
  return bands;
}

/** Where the parameters the rollups were last built or updated with are kept (JSON). */
const ROLLUP_PARAMS_KEY = 'rollup.params';

/** The parameters the rollups were last built or updated with (null: never built, or unreadable). */
export const builtRollupParams = (db: Db): RollupParams | null => parseRollupParams(metaGet(db, ROLLUP_PARAMS_KEY));

/**
 * Brings the rollups to the parameters `next` (from the settings), from those they were built
 * with, and records `next` as theirs in the same transaction (so a crash never leaves sums moved
 * twice). `force` rebuilds from scratch, as does a rebuild left unfinished (markRebuildPending).
 * Segment rules are written to segment_rules first. A rebuild runs after that transaction
 * commits, which records it as pending, so it may use a second thread (rebuildRollups).
 */
export function ensureRollupParams(db: Db, next: RollupParams, force = false): RollupUpdate {
  const outcome = db.transaction((): RollupUpdate | 'rebuild' => {
    const key = JSON.stringify(next);
    const stored = metaGet(db, ROLLUP_PARAMS_KEY);
    const pending = rebuildPending(db) !== null;
    if (!force && !pending && stored === key) return 'unchanged';
    writeSegmentRules(db, next.segmentRules ?? []);
    const previous = force || pending ? null : parseRollupParams(stored);
    const how = movable(db, previous, next) ? updateRollups(db, previous, next) : 'rebuild';
    if (how === 'rebuild') markRebuildPending(db);
    metaSet(db, ROLLUP_PARAMS_KEY, key);
    return how;
  })();
  if (outcome !== 'rebuild') return outcome;
  rebuildRollups(db, next);
  return 'rebuilt';
}

/**
 * Brings the rollups built with `previous` to `next`, in one transaction: by moving the sums
 * that change where it can, else by a rebuild. Returns which it did.
 */
export function updateRollups(db: Db, previous: RollupParams | null, next: RollupParams): RollupUpdate {
  return db.transaction((): RollupUpdate => {
    if (!movable(db, previous, next)) {
      rebuildRollups(db, next);
      return 'rebuilt';
    }
    const zoneChanged = previous.timezone !== next.timezone;
    const windowChanged = repeatWindowMs(previous) !== repeatWindowMs(next);
    const bands = thresholdBands(previous, next);
    if (!zoneChanged && !windowChanged && bands.length === 0) return 'unchanged';
    collectMoves(db, previous, next, bands);
    // The sums move into every tier at once here; the per-row triggers would cost more.
    withoutRollupTriggers(db, () => {
      if (!zoneChanged && !windowChanged) return applyMoves(db, TIERS);
      // The tiers are keyed again from rollup_hour (new zone, or new repeat sums in rollup_hour).
      applyMoves(db, []);
      if (windowChanged) refreshRepeatFlags(db, repeatWindowMs(next), false, true);
      refillRollupTiers(db, next.timezone);
    });
    return 'updated';
  })();
}

/**
 * Writes into temp.rollup_moves, per rollup_hour row, how much of `answered_in_target` and
 * `short_abandoned` moves between `previous` and `next` for the contacts of `bands` (rows where
 * nothing moves left out), with the local instant of the row's hour.
 */
function collectMoves(db: Db, previous: RollupParams, next: RollupParams, bands: readonly Band[]): void {
  // The hour keys are the same with either zone here; rollup_zone holds the previous one.
  fillRollupZone(db, previous.timezone);
  const hour = hourSql('enter_at', wholeHourZone(previous.timezone));
  const was = contactSumSql(previous);
  const now = contactSumSql(next);
  db.exec(`DROP TABLE IF EXISTS temp.contact_moves;
    CREATE TEMP TABLE contact_moves (hour_at INTEGER, channel TEXT, queue TEXT, segment TEXT, agent_id INTEGER, answered_in_target INTEGER, short_abandoned INTEGER)`);
  // Each band moves one sum in a statement of its own: a contact in two bands has each
  // difference counted once.
  for (const { sum, where } of bands) {
    const moved = (s: Band['sum']) => (s === sum ? `(${now[s]}) - (${was[s]})` : '0');
    db.exec(`INSERT INTO temp.contact_moves SELECT * FROM (
      SELECT ${hour}, channel, queue, segment, ifnull(agent_id, 0), ${moved('answered_in_target')} AS t, ${moved('short_abandoned')} AS s FROM contacts WHERE ${where}
    ) WHERE t <> 0 OR s <> 0`);
  }
  db.exec(`DROP TABLE IF EXISTS temp.rollup_moves;
    CREATE TEMP TABLE rollup_moves AS SELECT hour_at, channel, queue, segment, agent_id, ${localInstantSql('hour_at')} AS l, t AS answered_in_target, s AS short_abandoned FROM (
      SELECT hour_at, channel, queue, segment, agent_id, SUM(answered_in_target) AS t, SUM(short_abandoned) AS s FROM temp.contact_moves
      GROUP BY hour_at, channel, queue, segment, agent_id
    ) WHERE t <> 0 OR s <> 0;
    DROP TABLE temp.contact_moves`);
}

/** The coarser tiers by their key columns over temp.rollup_moves (whose `l` is the local instant of the hour). */
const TIERS: readonly { table: string; keys: string; select: string }[] = [
  { table: 'rollup_hour_seg', keys: TIER_KEYS.rollup_hour_seg, select: 'hour_at, channel, queue, segment' },
  { table: 'rollup_day_seg', keys: TIER_KEYS.rollup_day_seg, select: `${DAY_KEY_SQL('l')}, channel, queue, segment` },
  { table: 'rollup_month_seg', keys: TIER_KEYS.rollup_month_seg, select: `${MONTH_KEYS_SQL('l')}, channel, queue, segment` },
  { table: 'rollup_day_agent', keys: TIER_KEYS.rollup_day_agent, select: `${DAY_KEY_SQL('l')}, channel, queue, segment, agent_id` },
  { table: 'rollup_day_agent_total', keys: TIER_KEYS.rollup_day_agent_total, select: `${DAY_KEY_SQL('l')}, agent_id` },
];

/** Adds the moved sums into rollup_hour and the tiers `tiers`, one upsert each. */
function applyMoves(db: Db, tiers: typeof TIERS): void {
  const sums = 'answered_in_target, short_abandoned';
  const add = 'answered_in_target = answered_in_target + excluded.answered_in_target, short_abandoned = short_abandoned + excluded.short_abandoned';
  const hour = { table: 'rollup_hour', keys: 'hour_at, channel, queue, segment, agent_id', select: 'hour_at, channel, queue, segment, agent_id' };
  for (const t of [hour, ...tiers]) {
    // GROUP BY the select list's positions: the tier's key in the order of `keys`.
    const groups = t.keys.split(',').map((_, i) => i + 1).join(', ');
    db.exec(`INSERT INTO ${t.table} (${t.keys}, ${sums})
      SELECT ${t.select}, SUM(answered_in_target), SUM(short_abandoned) FROM temp.rollup_moves GROUP BY ${groups}
      ON CONFLICT (${t.keys}) DO UPDATE SET ${add}`);
  }
  db.exec('DROP TABLE temp.rollup_moves');
}
