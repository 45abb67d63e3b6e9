import type { Db } from '../open';
import { segmentTriggers } from './0003-anomalies';
import { DAY_KEY_SQL, localInstantSql, tierTriggers } from './0006-rollup-tiers';
import type { Migration } from './types';

/** The sum columns of every rollup tier from this migration on (frozen copy of ROLLUP_SUMS). */
export const SUMS = [
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
  'waited',
  'attempts',
  'rna_attempts',
  'transferred',
  'identified',
  'repeat_contacts',
  'fcr_base',
  'fcr_repeated',
  'csat_responses',
  'csat_satisfied',
  'nps_responses',
  'nps_promoters',
  'nps_detractors',
];
const ADDED = SUMS.slice(SUMS.indexOf('attempts'));
const TABLES = ['rollup_hour', 'rollup_hour_seg', 'rollup_day_seg', 'rollup_month_seg'];
const TRIGGERS = ['rollup_hour_seg_insert', 'rollup_hour_seg_update', 'rollup_hour_seg_delete', 'rollup_tiers_insert', 'rollup_tiers_update', 'rollup_tiers_delete'];

/** One upsert into rollup_day_agent from a rollup_hour row (`NEW`, `OLD`, or their difference). */
const dayAgentUpsert = (sums: readonly string[], row: 'NEW' | 'OLD', values: (c: string) => string) => `
  INSERT INTO rollup_day_agent (day, channel, queue, segment, agent_id, ${sums.join(', ')})
    SELECT ${DAY_KEY_SQL('l')}, ${row}.channel, ${row}.queue, ${row}.segment, ${row}.agent_id, ${sums.map(values).join(', ')}
    FROM (SELECT ${localInstantSql(`${row}.hour_at`)} AS l) WHERE true
    ON CONFLICT (day, channel, queue, segment, agent_id) DO UPDATE SET ${sums.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')};`;

/** The triggers that keep rollup_day_agent equal to rollup_hour summed by local day. */
export const dayAgentTriggers = (sums: readonly string[]) => `CREATE TRIGGER rollup_day_agent_insert AFTER INSERT ON rollup_hour BEGIN${dayAgentUpsert(sums, 'NEW', (c) => `NEW.${c}`)}
END;
CREATE TRIGGER rollup_day_agent_update AFTER UPDATE ON rollup_hour BEGIN${dayAgentUpsert(sums, 'NEW', (c) => `NEW.${c} - OLD.${c}`)}
END;
CREATE TRIGGER rollup_day_agent_delete AFTER DELETE ON rollup_hour BEGIN${dayAgentUpsert(sums, 'OLD', (c) => `-OLD.${c}`)}
END;`;

/**
 * The KPIs that were counted from raw rows (ring-no-answer, transfers, repeat contacts and FCR,
 * CSAT, NPS) become rollup sums, so every KPI of a dashboard range reads rollups.
 *
 * - Ring attempts are summed under the agent that was rung (a rollup_hour row may then have
 *   attempts and no offered contacts: an agent who was rung for a group and answered none of it).
 * - `contacts.segment` keeps the segment resolved at ingest (directory, rules, hint): a rebuild
 *   groups in SQL instead of resolving a segment per contact. Directory imports re-segment the
 *   callers they change; a rules change re-segments everything.
 * - `contacts.repeat_flags`: bit 1 = the same customer had a contact within the repeat window
 *   before this one, bit 2 = within the window after it. Kept at ingest for the contact and its
 *   neighbours.
 *
 * `rollup_day_agent` (local day × channel × queue × segment × agent, kept by triggers on
 * rollup_hour like the other tiers) answers per-agent views of whole days without reading an
 * agent's every hour.
 *
 * The new columns start empty: removing the meta keys makes the next start re-segment, re-flag and
 * rebuild the rollups.
 */
export const migration0009: Migration = {
  version: 9,
  name: 'rollup-extras',
  up(db: Db) {
    db.exec("ALTER TABLE contacts ADD COLUMN segment TEXT NOT NULL DEFAULT ''");
    db.exec('ALTER TABLE contacts ADD COLUMN repeat_flags INTEGER NOT NULL DEFAULT 0');
    // The caller index carries the flags: setting them all again reads the index alone.
    db.exec('DROP INDEX IF EXISTS contacts_caller');
    db.exec('CREATE INDEX contacts_caller ON contacts (caller, enter_at, repeat_flags) WHERE caller IS NOT NULL');
    for (const t of TABLES) for (const c of ADDED) db.exec(`ALTER TABLE ${t} ADD COLUMN ${c} INTEGER NOT NULL DEFAULT 0`);
    for (const t of TRIGGERS) db.exec(`DROP TRIGGER IF EXISTS ${t}`);
    db.exec(segmentTriggers(SUMS));
    db.exec(tierTriggers(SUMS));
    db.exec(`CREATE TABLE rollup_day_agent (
      day TEXT NOT NULL,
      channel TEXT NOT NULL,
      queue TEXT NOT NULL,
      segment TEXT NOT NULL,
      agent_id INTEGER NOT NULL,
      ${SUMS.map((c) => `${c} INTEGER NOT NULL DEFAULT 0`).join(',\n      ')},
      PRIMARY KEY (day, channel, queue, segment, agent_id)
    ) STRICT, WITHOUT ROWID`);
    db.exec(dayAgentTriggers(SUMS));
    db.exec("DELETE FROM meta WHERE key IN ('rollup.params', 'contacts.segments', 'contacts.repeat_window')");
  },
};
