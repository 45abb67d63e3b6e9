import type { Db } from '../../db/open';
import { rebuildRollups, type RollupParams } from '../ingest/rollup';

/**
 * Deletes contacts that entered before `cutoff` (their ring attempts go with them: ON DELETE
 * CASCADE) and rebuilds the rollups, all in one transaction: a failure leaves history whole.
 */
export function purgeContactsBefore(db: Db, cutoff: number, rollup: RollupParams): number {
  return db.transaction(() => {
    const deleted = db.prepare<[number]>('DELETE FROM contacts WHERE enter_at < ?').run(cutoff).changes;
    // A contact whose earlier contact was deleted is no longer a repeat: flags are set again.
    if (deleted > 0) rebuildRollups(db, rollup, { refreshFlags: true });
    return deleted;
  })();
}
