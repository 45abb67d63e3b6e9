import type { Db } from '../open';
import { segmentTriggers } from './0003-anomalies';
import { tierTriggers } from './0006-rollup-tiers';
import type { Migration } from './types';

/** The sum columns of every rollup tier from this migration on. */
const SUMS = ['offered', 'answered', 'abandoned', 'short_abandoned', 'answered_in_target', 'wait_ms', 'answered_wait_ms', 'talk_ms', 'hold_ms', 'wrap_ms', 'waited'];
const TABLES = ['rollup_hour', 'rollup_hour_seg', 'rollup_day_seg', 'rollup_month_seg'];
const TRIGGERS = ['rollup_hour_seg_insert', 'rollup_hour_seg_update', 'rollup_hour_seg_delete', 'rollup_tiers_insert', 'rollup_tiers_update', 'rollup_tiers_delete'];

/**
 * `waited`: how many of a rollup row's contacts have a known wait. Average wait divides the wait
 * sum by it; before, it divided by `offered`, and contacts whose source gives no wait (PwC
 * abandons) or that are still waiting pulled the average down. Every tier gets the column and
 * the triggers between the tiers carry it. Removing `rollup.params` makes the next start rebuild
 * the rollups, which fills it for the history already stored.
 */
export const migration0008: Migration = {
  version: 8,
  name: 'rollup-waited',
  up(db: Db) {
    for (const t of TABLES) db.exec(`ALTER TABLE ${t} ADD COLUMN waited INTEGER NOT NULL DEFAULT 0`);
    for (const t of TRIGGERS) db.exec(`DROP TRIGGER IF EXISTS ${t}`);
    db.exec(segmentTriggers(SUMS));
    db.exec(tierTriggers(SUMS));
    db.exec("DELETE FROM meta WHERE key = 'rollup.params'");
  },
};
