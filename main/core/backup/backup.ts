import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { BackupEntry } from '../../../shared/contract/review';
import { LATEST_VERSION } from '../../db/migrations';
import { NewerDatabaseError, type Db } from '../../db/open';

export class CancelledError extends Error {
  constructor() {
    super('Cancelled.');
    this.name = 'CancelledError';
  }
}

export interface Progress {
  done: number;
  total: number;
}

/**
 * Copies the open database to `dest` with SQLite's online backup: readers and the live writer
 * keep working while pages are copied (WAL), and the copy is a consistent snapshot. A cancelled
 * or failed copy leaves no partial file behind.
 */
export async function backupTo(db: Db, dest: string, options: { onProgress?: (p: Progress) => void; isCancelled?: () => boolean } = {}): Promise<void> {
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  const tmp = `${dest}.partial`;
  fs.rmSync(tmp, { force: true });
  try {
    await db.backup(tmp, {
      progress: ({ totalPages, remainingPages }) => {
        if (options.isCancelled?.()) throw new CancelledError();
        options.onProgress?.({ done: totalPages - remainingPages, total: totalPages });
        return 1000;
      },
    });
    fs.renameSync(tmp, dest);
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    throw error;
  }
}

export const backupDir = (dbPath: string) => path.join(path.dirname(path.resolve(dbPath)), 'backups');

const NAME = /^floorwatch-(\d{8}T\d{6}Z)\.sqlite$/;
export const backupName = (at: number) => `floorwatch-${new Date(at).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}.sqlite`;

export function listBackups(dir: string): BackupEntry[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((n) => NAME.test(n))
    .map((name) => {
      const st = fs.statSync(path.join(dir, name));
      return { name, at: st.mtimeMs, sizeBytes: st.size };
    })
    .sort((a, b) => b.name.localeCompare(a.name));
}

/** Keeps the newest `keep` backups, deleting the rest. */
export function pruneBackups(dir: string, keep: number): string[] {
  const old = listBackups(dir).slice(keep);
  for (const b of old) fs.rmSync(path.join(dir, b.name), { force: true });
  return old.map((b) => b.name);
}

/**
 * Checks that `file` is a Floorwatch database this version can open: refuses a newer schema
 * (NewerDatabaseError) and files that are not SQLite or lack the contacts table.
 */
export function inspectDatabase(file: string): { schemaVersion: number } {
  if (!fs.existsSync(file)) throw new Error(`No such file: ${file}`);
  let db: Db;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new Error(`${file} is not a database Floorwatch can read (${error instanceof Error ? error.message : String(error)}).`);
  }
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > LATEST_VERSION) throw new NewerDatabaseError(file, version, LATEST_VERSION);
    const hasContacts = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'contacts'").get();
    if (!hasContacts || version < 1) throw new Error(`${file} is not a Floorwatch database (no contacts table).`);
    return { schemaVersion: version };
  } catch (error) {
    if (error instanceof Error && /file is not a database/.test(error.message)) throw new Error(`${file} is not a database Floorwatch can read.`);
    throw error;
  } finally {
    db.close();
  }
}

/**
 * Replaces the open database's content with a backup's, through SQLite's backup API into the
 * live file (so every connection of this process sees the restored data at once, under SQLite's
 * own locking). The current content is first saved as a backup itself, so a restore can be undone.
 */
export async function restoreFrom(db: Db, dbPath: string, source: string, safetyCopy: string | null): Promise<void> {
  inspectDatabase(source);
  if (safetyCopy) await backupTo(db, safetyCopy);
  const src = new Database(source, { readonly: true, fileMustExist: true });
  try {
    await src.backup(dbPath);
  } finally {
    src.close();
  }
}
