import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { LATEST_VERSION, MIGRATIONS } from './migrations';
import type { Migration } from './migrations/types';
import { recoverBulkLoad } from './bulk-indexes';

export type Db = Database.Database;

export class NewerDatabaseError extends Error {
  constructor(file: string, found: number, supported: number) {
    super(
      `The database ${file} was written by a newer Floorwatch (schema version ${found}; this version knows up to ${supported}). ` +
        'Update Floorwatch to open it, or open a different file with --db.',
    );
    this.name = 'NewerDatabaseError';
  }
}

/** Applies pending migrations, each in its own transaction, tracking progress in user_version. */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS, file = ':memory:'): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) throw new NewerDatabaseError(file, current, migrations.length);
  for (const m of migrations.slice(current)) {
    db.transaction(() => {
      if (typeof m.up === 'string') db.exec(m.up);
      else m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return db.pragma('user_version', { simple: true }) as number;
}

export interface OpenOptions {
  readonly?: boolean;
}

/**
 * Opens (creating if needed) a Floorwatch database: WAL for concurrent readers while an import
 * writes, foreign keys on, NORMAL sync (durable at checkpoints; WAL keeps it crash-consistent).
 */
export function openDb(file: string, options: OpenOptions = {}): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file, { readonly: options.readonly ?? false });
  try {
    db.pragma('busy_timeout = 5000');
    if (!options.readonly) {
      if (file !== ':memory:') db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    if (options.readonly) {
      const v = db.pragma('user_version', { simple: true }) as number;
      if (v > LATEST_VERSION) throw new NewerDatabaseError(file, v, LATEST_VERSION);
    } else {
      migrate(db, MIGRATIONS, file);
      recoverBulkLoad(db);
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
