import { normaliseCaller } from '../../core/ingest/caller';
import type { Migration } from './types';

/**
 * Callers are stored in one spelling (main/core/ingest/caller.ts): phone numbers without their
 * formatting. Before, "+372 5555-0101" in the customer directory did not link to "+37255550101"
 * in the call log. This brings stored callers, directory entries and caller-prefix rules to that
 * spelling. Two directory entries that become one keep the later entry's values (the earlier's
 * where the later has none). When anything changed, the meta keys that say segments, repeat flags
 * and rollups are current are removed, so the next start resolves and rebuilds them.
 */
export const migration0011: Migration = {
  version: 11,
  name: 'caller-spelling',
  up(db) {
    db.function('fw_caller', { deterministic: true }, (c: unknown) => (typeof c === 'string' ? normaliseCaller(c) : c));
    let changed = db.prepare('UPDATE contacts SET caller = fw_caller(caller) WHERE caller IS NOT NULL AND fw_caller(caller) <> caller').run().changes;
    changed += db.prepare("UPDATE segment_rules SET pattern = fw_caller(pattern) WHERE kind = 'prefix' AND fw_caller(pattern) <> pattern").run().changes;
    db.exec(`CREATE TEMP TABLE caller_respelled AS SELECT fw_caller(caller) AS caller, ref, name, segment, updated_at FROM customers WHERE fw_caller(caller) <> caller`);
    const moved = db.prepare('DELETE FROM customers WHERE fw_caller(caller) <> caller').run().changes;
    if (moved > 0) {
      // Oldest first: each later entry overrides what it has values for.
      db.exec(`INSERT INTO customers (caller, ref, name, segment, updated_at)
        SELECT caller, ref, name, segment, updated_at FROM temp.caller_respelled WHERE true ORDER BY updated_at
        ON CONFLICT (caller) DO UPDATE SET
          ref = CASE WHEN excluded.updated_at >= updated_at THEN COALESCE(excluded.ref, ref) ELSE COALESCE(ref, excluded.ref) END,
          name = CASE WHEN excluded.updated_at >= updated_at THEN COALESCE(excluded.name, name) ELSE COALESCE(name, excluded.name) END,
          segment = CASE WHEN excluded.updated_at >= updated_at THEN COALESCE(excluded.segment, segment) ELSE COALESCE(segment, excluded.segment) END,
          updated_at = max(updated_at, excluded.updated_at)`);
    }
    db.exec('DROP TABLE temp.caller_respelled');
    if (changed + moved > 0) db.exec("DELETE FROM meta WHERE key IN ('rollup.params', 'rollup_attempt.key', 'contacts.segments', 'contacts.repeat_window')");
  },
};
