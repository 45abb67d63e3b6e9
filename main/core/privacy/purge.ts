import type { Db } from '../../db/open';
import { markRebuildPending, rebuildRollups, type RollupParams } from '../ingest/rollup';

/**
 * Deletes contacts that entered before `cutoff` (their ring attempts go with them: ON DELETE
 * CASCADE) and rebuilds the rollups. The deletion commits with the rebuild marked pending (with
 * repeat flags set again: a contact whose earlier contact was deleted is no longer a repeat), so
 * an interrupted rebuild is finished at the next start; a failure before that leaves history whole.
 */
export function purgeContactsBefore(db: Db, cutoff: number, rollup: RollupParams): number {
  const deleted = db.transaction(() => {
    const n = db.prepare<[number]>('DELETE FROM contacts WHERE enter_at < ?').run(cutoff).changes;
    if (n > 0) markRebuildPending(db, true);
    return n;
  })();
  if (deleted > 0) rebuildRollups(db, rollup, { refreshFlags: true });
  return deleted;
}
