import type { Db } from './open';

/**
 * Secondary indexes a large import drops while it loads and rebuilds at its end. Each row's
 * insert into these lands at a random place (caller, agent), which costs about a third of a bulk
 * load; one sorted build at the end is much cheaper. The unique keys that make imports idempotent
 * stay, and so do contacts_enter and contacts_waiting (appended in time order, cheap to keep,
 * and what the live screen and today's tiles read while the import runs). Queries that would use
 * a dropped index stay correct, only slower, until it is back.
 *
 * Crash safety: the drop commits together with a `meta` marker naming the process; the import
 * rebuilds and clears the marker when it ends, fails or is cancelled, and if the process died
 * instead, the next `openDb` finds a marker whose process is gone and rebuilds them.
 */
export const BULK_DEFERRED_INDEXES: readonly { name: string; sql: string }[] = [
  { name: 'contacts_caller', sql: 'CREATE INDEX IF NOT EXISTS contacts_caller ON contacts (caller, enter_at) WHERE caller IS NOT NULL' },
  { name: 'contacts_agent', sql: 'CREATE INDEX IF NOT EXISTS contacts_agent ON contacts (agent_id, enter_at) WHERE agent_id IS NOT NULL' },
  { name: 'attempts_agent', sql: 'CREATE INDEX IF NOT EXISTS attempts_agent ON attempts (agent_id, at)' },
];

const MARKER = 'bulk-load';

interface Marker {
  pid: number;
  startedAt: number;
}

function readMarker(db: Db): Marker | null {
  const row = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?').get(MARKER);
  if (!row) return null;
  try {
    const m = JSON.parse(row.value) as Partial<Marker>;
    return typeof m.pid === 'number' ? { pid: m.pid, startedAt: m.startedAt ?? 0 } : { pid: 0, startedAt: 0 };
  } catch {
    return { pid: 0, startedAt: 0 };
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

/**
 * Drops the deferred indexes for a bulk load, unless another live process is bulk loading the
 * same database. Returns whether this caller now owns the bulk load (and must call
 * `restoreBulkIndexes`).
 */
export function beginBulkLoad(db: Db, now: number, pid = process.pid): boolean {
  return db.transaction(() => {
    const m = readMarker(db);
    if (m && alive(m.pid)) return false;
    db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(MARKER, JSON.stringify({ pid, startedAt: now }));
    for (const ix of BULK_DEFERRED_INDEXES) db.exec(`DROP INDEX IF EXISTS ${ix.name}`);
    return true;
  }).immediate();
}

/** Rebuilds the deferred indexes and clears the marker (one transaction: both or neither). */
export function restoreBulkIndexes(db: Db): void {
  db.transaction(() => {
    for (const ix of BULK_DEFERRED_INDEXES) db.exec(ix.sql);
    db.prepare('DELETE FROM meta WHERE key = ?').run(MARKER);
  }).immediate();
}

/** On open: a bulk load whose process is gone left its indexes dropped; rebuild them. */
export function recoverBulkLoad(db: Db): boolean {
  const m = readMarker(db);
  if (m === null || alive(m.pid)) return false;
  restoreBulkIndexes(db);
  return true;
}
