import type { Migration } from './types';

const SUMS = ['offered', 'answered', 'abandoned', 'short_abandoned', 'answered_in_target', 'wait_ms', 'answered_wait_ms', 'talk_ms', 'hold_ms', 'wrap_ms'];
const sumDefs = SUMS.map((c) => `${c} INTEGER NOT NULL DEFAULT 0`).join(',\n  ');


/**
 * The site-local instant (UTC arithmetic on the shifted time) of a rollup hour `h`: rollup hours
 * are local hour starts, so the offset in force at `h` gives its local date and hour exactly,
 * half-hour zones and 23/25-hour days included.
 */
export const localInstantSql = (h: string) =>
  `${h} + COALESCE((SELECT z.offset_ms FROM rollup_zone z WHERE z.from_at <= ${h} ORDER BY z.from_at DESC LIMIT 1), 0)`;
export const DAY_KEY_SQL = (l: string) => `date(${l} / 1000, 'unixepoch')`;
export const MONTH_KEYS_SQL = (l: string) =>
  `strftime('%Y-%m', ${l} / 1000, 'unixepoch'), CAST(strftime('%w', ${l} / 1000, 'unixepoch') AS INTEGER), CAST(strftime('%H', ${l} / 1000, 'unixepoch') AS INTEGER)`;

/** One upsert into a coarse tier from a rollup_hour_seg row (`NEW`, `OLD`, or their difference). */
const tierUpsert = (sums: readonly string[], table: 'rollup_day_seg' | 'rollup_month_seg', row: 'NEW' | 'OLD', values: (c: string) => string) => {
  const keys = table === 'rollup_day_seg' ? DAY_KEY_SQL('l') : MONTH_KEYS_SQL('l');
  const keyCols = table === 'rollup_day_seg' ? 'day' : 'month, weekday, hour';
  return `
  INSERT INTO ${table} (${keyCols}, channel, queue, segment, ${sums.join(', ')})
    SELECT ${keys}, ${row}.channel, ${row}.queue, ${row}.segment, ${sums.map(values).join(', ')}
    FROM (SELECT ${localInstantSql(`${row}.hour_at`)} AS l) WHERE true
    ON CONFLICT (${keyCols}, channel, queue, segment) DO UPDATE SET ${sums.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')};`;
};


/**
 * The triggers that keep the tiers equal to rollup_hour_seg, for the sum columns `sums`. Later
 * migrations that add a sum column re-create them through this with the longer list.
 */
export const tierTriggers = (sums: readonly string[]) => `CREATE TRIGGER rollup_tiers_insert AFTER INSERT ON rollup_hour_seg BEGIN${tierUpsert(sums, 'rollup_day_seg', 'NEW', (c) => `NEW.${c}`)}${tierUpsert(sums, 'rollup_month_seg', 'NEW', (c) => `NEW.${c}`)}
END;
-- Only the sums of a rollup_hour_seg row change (its key is its primary key, written by upserts).
CREATE TRIGGER rollup_tiers_update AFTER UPDATE ON rollup_hour_seg BEGIN${tierUpsert(sums, 'rollup_day_seg', 'NEW', (c) => `NEW.${c} - OLD.${c}`)}${tierUpsert(sums, 'rollup_month_seg', 'NEW', (c) => `NEW.${c} - OLD.${c}`)}
END;
CREATE TRIGGER rollup_tiers_delete AFTER DELETE ON rollup_hour_seg BEGIN${tierUpsert(sums, 'rollup_day_seg', 'OLD', (c) => `-OLD.${c}`)}${tierUpsert(sums, 'rollup_month_seg', 'OLD', (c) => `-OLD.${c}`)}
END;`;

/**
 * Coarser rollup tiers for long ranges. At a year of a busy floor rollup_hour_seg holds a row per
 * hour × queue × segment (~175,000 rows a year at five queues and four segments), and an all-time
 * view reads them all. Two tiers above it, keyed by the *site-local* calendar so hour-of-day and
 * weekday stay the site's:
 * - `rollup_day_seg`: local date × channel × queue × segment (any grouping without hour-of-day);
 * - `rollup_month_seg`: local month × weekday × hour-of-day × channel × queue × segment (hour and
 *   weekday groupings over whole months).
 * Both follow rollup_hour_seg by triggers, as rollup_hour_seg follows rollup_hour (0003), so every
 * writer keeps them current without knowing about them. Local time comes from `rollup_zone`: the
 * site zone's UTC offsets from each change on, written by the rollup rebuild for the zone it
 * builds in (meta `rollup.zone` names it; readers use the tiers only for that zone).
 *
 * A rebuild drops these triggers (and 0003's) inside its transaction and fills rollup_hour_seg and
 * the tiers with one GROUP BY each (main/core/ingest/rollup-tiers.ts). Removing `rollup.params`
 * makes the next start rebuild, so the tiers of an existing file fill.
 */
export const migration0006: Migration = {
  version: 6,
  name: 'rollup-tiers',
  up: `
CREATE TABLE rollup_zone (
  from_at INTEGER PRIMARY KEY,
  offset_ms INTEGER NOT NULL
) STRICT;

CREATE TABLE rollup_day_seg (
  day TEXT NOT NULL,
  channel TEXT NOT NULL,
  queue TEXT NOT NULL,
  segment TEXT NOT NULL,
  ${sumDefs},
  PRIMARY KEY (day, channel, queue, segment)
) STRICT, WITHOUT ROWID;

CREATE TABLE rollup_month_seg (
  month TEXT NOT NULL,
  weekday INTEGER NOT NULL,
  hour INTEGER NOT NULL,
  channel TEXT NOT NULL,
  queue TEXT NOT NULL,
  segment TEXT NOT NULL,
  ${sumDefs},
  PRIMARY KEY (month, weekday, hour, channel, queue, segment)
) STRICT, WITHOUT ROWID;

${tierTriggers(SUMS)}

DELETE FROM meta WHERE key = 'rollup.params';
`,
};
