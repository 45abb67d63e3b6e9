import type { Db } from '../../../db/open';

export interface RunCounts {
  byteOffset: number;
  lines: number;
  imported: number;
  contacts: number;
  rejected: number;
}

/** Bookkeeping of import runs (DESIGN §2 import_runs): progress, offsets for resume, rejects. */
export function createRunLog(db: Db) {
  const start = db.prepare<[string, string, string, number, string | null]>(
    "INSERT INTO import_runs (source, file, format, started_at, status, file_identity) VALUES (?, ?, ?, ?, 'running', ?)",
  );
  const progress = db.prepare<[number, number, number, number, number, number]>(
    'UPDATE import_runs SET byte_offset = ?, lines = ?, imported = ?, contacts = ?, rejected = ? WHERE id = ?',
  );
  const reject = db.prepare<[number, number, string]>('INSERT OR IGNORE INTO import_rejects (run_id, line, reason) VALUES (?, ?, ?)');
  const finish = db.prepare<[string, number, string | null, string | null, number]>(
    'UPDATE import_runs SET status = ?, finished_at = ?, unknown_events = ?, error = ? WHERE id = ?',
  );
  return {
    start: (source: string, file: string, format: string, at: number, identity: string | null) => Number(start.run(source, file, format, at, identity).lastInsertRowid),
    /** Call inside the transaction that applied the events up to `byteOffset`. */
    progress: (id: number, c: RunCounts) => progress.run(c.byteOffset, c.lines, c.imported, c.contacts, c.rejected, id),
    reject: (id: number, line: number, reason: string) => reject.run(id, line, reason),
    finish: (id: number, status: 'done' | 'failed' | 'cancelled', at: number, unknown: Record<string, number> | null, error: string | null) =>
      finish.run(status, at, unknown ? JSON.stringify(unknown) : null, error, id),
  };
}
