import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../db/open';
import { migrate } from '../../db/open';
import type { RollupParams } from '../ingest/rollup';
import { ensureRollupParams } from '../ingest/rollup-update';
import { purgeContactsBefore } from '../privacy/purge';
import type { ReviewJobs } from '../review/jobs';
import { metaNumber, readConfig, setMetaNumber } from '../review/config';
import { backupDir, backupName, backupTo, listBackups, pruneBackups, restoreFrom } from './backup';

const LAST_BACKUP = 'review.lastBackupAt';
const LAST_PURGE = 'review.lastPurgeAt';
const DAY = 86_400_000;

export interface BackupDeps {
  db: Db;
  dbPath: string;
  jobs: ReviewJobs;
  now: () => number;
  rollup: () => RollupParams;
  log: (message: string) => void;
}

export function createBackupService(d: BackupDeps) {
  const dir = backupDir(d.dbPath);
  const inMemory = d.dbPath === ':memory:';
  let running: Promise<void> | null = null;

  /** A backup into the backups folder beside the database, as a job; older ones beyond `backupKeep` are deleted. */
  function run(): ReturnType<ReviewJobs['run']> {
    if (inMemory) throw new Error('An in-memory database has no file to back up.');
    const name = backupName(d.now());
    const h = d.jobs.create('backup', name);
    h.path = path.join(dir, name);
    return d.jobs.run(h, async () => {
      const work = backupTo(d.db, h.path!, { onProgress: (p) => h.progress(p.done, p.total), isCancelled: () => h.cancelled });
      running = work.catch(() => undefined);
      await work;
      setMetaNumber(d.db, LAST_BACKUP, d.now());
      pruneBackups(dir, readConfig(d.db).backupKeep);
    });
  }

  async function restore(name: string): Promise<string> {
    if (inMemory) throw new Error('An in-memory database cannot be restored into.');
    const source = path.join(dir, path.basename(name));
    if (!fs.existsSync(source)) throw new Error(`No backup named ${name}.`);
    await running;
    await restoreFrom(d.db, d.dbPath, source, path.join(dir, `before-restore-${backupName(d.now())}`));
    // The backup may come from an older schema, or a different zone or threshold than today's:
    // rebuilt with today's settings, and recorded as built with them (else the next start would
    // move sums from the backup's settings a second time).
    migrate(d.db, undefined, d.dbPath);
    ensureRollupParams(d.db, d.rollup(), true);
    return path.basename(source);
  }

  function purge(olderThanDays: number): number {
    return purgeContactsBefore(d.db, d.now() - olderThanDays * DAY, d.rollup());
  }

  /** Checked every minute: a due backup, and once a day the retention purge. */
  function tick(): void {
    if (!d.db.open) return;
    const config = readConfig(d.db);
    const now = d.now();
    if (!inMemory && config.backupEveryHours > 0 && now - metaNumber(d.db, LAST_BACKUP) >= config.backupEveryHours * 3_600_000) {
      setMetaNumber(d.db, LAST_BACKUP, now); // claimed first, so a slow backup is not started twice
      run();
    }
    if (config.retainDays > 0 && now - metaNumber(d.db, LAST_PURGE) >= DAY) {
      setMetaNumber(d.db, LAST_PURGE, now);
      const n = purge(config.retainDays);
      if (n > 0) d.log(`retention: deleted ${n} contacts older than ${config.retainDays} days`);
    }
  }

  const timer = setInterval(() => {
    if (!d.db.open) {
      clearInterval(timer);
      return;
    }
    try {
      tick();
    } catch (error) {
      d.log(`scheduled backup/retention: ${error instanceof Error ? error.message : String(error)}`);
    }
  }, 60_000);
  timer.unref();

  return { run, restore, purge, tick, list: () => listBackups(dir), dir, stop: () => clearInterval(timer) };
}
export type BackupService = ReturnType<typeof createBackupService>;
