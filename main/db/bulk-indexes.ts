import type { Db } from './open';

/**
 * Secondary indexes a large import drops while it loads and rebuilds at its end. Each row's
 * insert into these lands at a random place (caller, agent, wait) or in one of many runs
 * (channel, queue), which together cost about half of the contacts insert; one sorted build at the
 * end is much cheaper. The review screen's filters use the last three. The unique keys that make imports idempotent
 * stay, and so do contacts_enter and contacts_waiting (appended in time order, cheap to keep,
 * and what the live screen and today's tiles read while the import runs). Queries that would use
 * a dropped index stay correct, only slower, until it is back.
 *
 * Crash safety: the drop commits together with a `meta` marker naming the process; the import
 * rebuilds and clears the marker when it ends, fails or is cancelled, and if the process died
 * instead, the next `openDb` finds a marker whose process is gone and rebuilds them.
 */
export const BULK_DEFERRED_INDEXES: readonly { name: string; sql: string }[] = [
  { name: 'contacts_caller', sql: 'CREATE INDEX IF NOT EXISTS contacts_caller ON contacts (caller, enter_at, repeat_flags) WHERE caller IS NOT NULL' },
  { name: 'contacts_agent', sql: 'CREATE INDEX IF NOT EXISTS contacts_agent ON contacts (agent_id, enter_at) WHERE agent_id IS NOT NULL' },
  { name: 'attempts_agent', sql: 'CREATE INDEX IF NOT EXISTS attempts_agent ON attempts (agent_id, at)' },
  { name: 'contacts_wait', sql: 'CREATE INDEX IF NOT EXISTS contacts_wait ON contacts (ifnull(wait_ms, -1))' },
  { name: 'contacts_channel_enter', sql: 'CREATE INDEX IF NOT EXISTS contacts_channel_enter ON contacts (channel, enter_at)' },
  { name: 'contacts_queue_enter', sql: 'CREATE INDEX IF NOT EXISTS contacts_queue_enter ON contacts (queue, enter_at)' },
  { name: 'attempts_rna', sql: "CREATE INDEX IF NOT EXISTS attempts_rna ON attempts (agent_id, at) WHERE result = 'no-answer'" },
];

const CALLER_INDEX = 'contacts_caller';

/**
 * Tables whose triggers derive other rollups row by row (rollup_hour → rollup_hour_seg → the
 * coarse tiers; attempts → rollup_attempt). Per row they cost more than the row itself, so a bulk
 * load drops them and the importer refills what they feed with one GROUP BY each at its end.
 * Their text is read from the schema and kept in the marker, so later migrations' versions return.
 */
const DERIVING_TABLES = ['rollup_hour', 'rollup_hour_seg', 'attempts'];
/** Meta keys that say derived rollups are current; without them the core rebuilds (app.ts, attempt-rollup.ts). */
const ROLLUP_PARAMS_KEY = 'rollup.params';
const ATTEMPT_ROLLUP_KEY = 'rollup_attempt.key';
/** Without it the next rebuild sets every contact's repeat flags again (rollup.ts refreshRepeatFlags). */
const REPEAT_WINDOW_KEY = 'contacts.repeat_window';

const MARKER = 'bulk-load';

interface Marker {
  pid: number;
  startedAt: number;
  triggers: { name: string; sql: string }[];
}

function readMarker(db: Db): Marker | null {
  const row = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?').get(MARKER);
  if (!row) return null;
  try {
    const m = JSON.parse(row.value) as Partial<Marker>;
    return { pid: typeof m.pid === 'number' ? m.pid : 0, startedAt: m.startedAt ?? 0, triggers: Array.isArray(m.triggers) ? m.triggers : [] };
  } catch {
    return { pid: 0, startedAt: 0, triggers: [] };
  }
}

function alive(pid: number): boolean {
  if (pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const deleteMeta = (db: Db, key: string) => db.prepare('DELETE FROM meta WHERE key = ?').run(key);

/**
 * Drops the deferred indexes and the deriving triggers for a bulk load, unless another live
 * process is bulk loading the same database. Returns whether this caller now owns the bulk load
 * (and must call `restoreBulkIndexes`). Until then the attempt rollup counts as stale (readers
 * count from the attempts), and rollup_hour_seg and the tiers lag behind rollup_hour.
 */
export function beginBulkLoad(db: Db, now: number, pid = process.pid): boolean {
  return db.transaction(() => {
    const m = readMarker(db);
    if (m && alive(m.pid)) return false;
    const triggers = db
      .prepare<[string], { name: string; sql: string }>("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN (SELECT value FROM json_each(?)) ORDER BY name")
      .all(JSON.stringify(DERIVING_TABLES));
    const marker: Marker = { pid, startedAt: now, triggers: [...(m?.triggers ?? []), ...triggers] };
    db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(MARKER, JSON.stringify(marker));
    for (const ix of BULK_DEFERRED_INDEXES) db.exec(`DROP INDEX IF EXISTS ${ix.name}`);
    for (const t of triggers) db.exec(`DROP TRIGGER IF EXISTS "${t.name.replace(/"/g, '""')}"`);
    deleteMeta(db, ATTEMPT_ROLLUP_KEY);
    return true;
  }).immediate();
}

/**
 * Ends a bulk load in one transaction: rebuilds the deferred indexes (the caller index after
 * `refill`), runs `refill` (which sets the repeat flags and rebuilds the derived rollups from
 * rollup_hour and attempts while the triggers are still off), puts the triggers back and clears
 * the marker.
 */
export function restoreBulkIndexes(db: Db, refill: () => void = () => undefined): void {
  db.transaction(() => {
    const m = readMarker(db);
    // The caller index carries the repeat flags, which the refill sets for every loaded contact:
    // built after it, it is written once instead of updated row by row (0.5 s of a 1 M-line import).
    for (const ix of BULK_DEFERRED_INDEXES) if (ix.name !== CALLER_INDEX) db.exec(ix.sql);
    refill();
    for (const ix of BULK_DEFERRED_INDEXES) if (ix.name === CALLER_INDEX) db.exec(ix.sql);
    for (const t of m?.triggers ?? []) {
      const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = ?").get(t.name);
      if (!exists) db.exec(t.sql);
    }
    deleteMeta(db, MARKER);
  }).immediate();
}

/**
 * On open: a bulk load whose process is gone left its indexes and triggers dropped; put them back
 * and mark the derived rollups stale, so the core rebuilds every rollup when it next starts.
 */
export function recoverBulkLoad(db: Db): boolean {
  const m = readMarker(db);
  if (m === null || alive(m.pid)) return false;
  restoreBulkIndexes(db, () => {
    deleteMeta(db, ROLLUP_PARAMS_KEY);
    deleteMeta(db, ATTEMPT_ROLLUP_KEY);
    // The load's contacts were written unflagged.
    deleteMeta(db, REPEAT_WINDOW_KEY);
  });
  return true;
}
