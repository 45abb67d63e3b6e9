import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReviewJob } from '../../../shared/contract/review';
import { LATEST_VERSION } from '../../db/migrations';
import { NewerDatabaseError } from '../../db/open';
import { tempDir } from '../../../tests/support/fixtures';
import { createCore, type CoreInternals } from '../app';
import { reviewHistory } from '../review/testing';
import { createMemorySettingsStore } from '../settings/file-store';
import { backupTo, CancelledError, inspectDatabase, listBackups, pruneBackups } from './backup';
import { rollupParamsOf } from '../ingest/rollup';
import { ensureRollupParams } from '../ingest/rollup-update';

const cores: CoreInternals[] = [];
afterEach(() => {
  for (const c of cores.splice(0)) c.close();
});

function fileCore() {
  const dir = tempDir('fw-backup-');
  const dbPath = path.join(dir, 'floorwatch.sqlite');
  const c = createCore({ dbPath, settings: createMemorySettingsStore({ timezone: 'UTC' }), host: 'headless', version: 't', runSources: false });
  cores.push(c);
  c.ingest(reviewHistory('2026-03-14', 10, 30));
  return { c, dir, dbPath };
}

async function call<T>(c: CoreInternals, method: string, input: unknown = {}): Promise<T> {
  const r = await c.dispatcher.call(method, input, { access: 'write' });
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.result as T;
}

/** Calls a method that starts a job and resolves with the job's final state, from its progress events (subscribed before the call: no event is missed, nothing polls). */
async function runJob(c: CoreInternals, method: string, input: unknown = {}): Promise<ReviewJob> {
  const seen = new Map<string, ReviewJob>();
  let wake: () => void = () => undefined;
  const off = c.events.on('review.progress', (job) => {
    if (job.state !== 'running') seen.set(job.jobId, job);
    wake();
  });
  try {
    const start = await call<ReviewJob>(c, method, input);
    while (!seen.has(start.jobId)) await new Promise<void>((r) => (wake = r));
    return seen.get(start.jobId)!;
  } finally {
    off();
  }
}

const count = (c: CoreInternals) => (c.db.prepare('SELECT count(*) AS n FROM contacts').get() as { n: number }).n;
const rollupOffered = (c: CoreInternals) => (c.db.prepare('SELECT sum(offered) AS n FROM rollup_hour').get() as { n: number | null }).n ?? 0;

describe('backup and restore', () => {
  it('round-trips: back up, delete history, restore, and the open core sees the data again', async () => {
    const { c, dbPath } = fileCore();
    const before = count(c);
    expect(before).toBe(300);
    const job = await runJob(c, 'backup.run');
    expect(job.state).toBe('done');
    const [backup] = await call<{ name: string; sizeBytes: number }[]>(c, 'backup.list');
    expect(backup!.sizeBytes).toBeGreaterThan(0);

    const { deleted } = await call<{ deleted: number }>(c, 'privacy.purge', { olderThanDays: 1, confirm: true });
    expect(deleted).toBe(300);
    expect(count(c)).toBe(0);
    expect(rollupOffered(c)).toBe(0);

    const r = await call<{ restored: string }>(c, 'backup.restore', { name: backup!.name, confirm: true });
    expect(r.restored).toBe(backup!.name);
    expect(count(c)).toBe(before);
    expect(rollupOffered(c)).toBe(before);
    // The state before the restore was itself kept.
    expect(fs.readdirSync(path.dirname(dbPath) + '/backups').some((n) => n.startsWith('before-restore-'))).toBe(true);
    // Restore asks for confirmation in the contract itself.
    await expect(call(c, 'backup.restore', { name: backup!.name })).rejects.toThrow(/bad-input/);
  });

  it('a restore records the rollups as built with today’s settings: the next start moves nothing again', async () => {
    const dir = tempDir('fw-backup-');
    const settings = createMemorySettingsStore({ timezone: 'UTC' });
    const c = createCore({ dbPath: path.join(dir, 'floorwatch.sqlite'), settings, host: 'headless', version: 't', runSources: false });
    cores.push(c);
    c.ingest(reviewHistory('2026-03-14', 10, 30));
    expect((await runJob(c, 'backup.run')).state).toBe('done');
    const [backup] = await call<{ name: string }[]>(c, 'backup.list');
    // The backup's rollups were built with a 20 s voice target; today's settings say 60 s.
    settings.update({ targetSec: { ...settings.get().targetSec, voice: 60 } });
    await call(c, 'backup.restore', { name: backup!.name, confirm: true });
    const inTarget = () => (c.db.prepare('SELECT sum(answered_in_target) AS n FROM rollup_hour').get() as { n: number }).n;
    // Counted from the contacts themselves: answered voice contacts that waited 60 s or less.
    const expected = (c.db.prepare("SELECT count(*) AS n FROM contacts WHERE answer_at IS NOT NULL AND wait_ms <= 60000 AND channel = 'voice'").get() as { n: number }).n +
      (c.db.prepare("SELECT count(*) AS n FROM contacts WHERE answer_at IS NOT NULL AND channel <> 'voice' AND wait_ms <= CASE channel " +
        Object.entries(settings.get().targetSec).map(([ch, sec]) => `WHEN '${ch}' THEN ${sec * 1000}`).join(' ') + ' END').get() as { n: number }).n;
    expect(inTarget()).toBe(expected);
    // What the next start does: nothing to move, the figures stay.
    expect(ensureRollupParams(c.db, rollupParamsOf(settings.get()))).toBe('unchanged');
    expect(inTarget()).toBe(expected);
  });

  it('a cancelled backup leaves no file; old backups beyond the kept number are pruned', async () => {
    const { c, dir } = fileCore();
    const dest = path.join(dir, 'out', 'copy.sqlite');
    await expect(backupTo(c.db, dest, { isCancelled: () => true })).rejects.toBeInstanceOf(CancelledError);
    expect(fs.existsSync(dest)).toBe(false);
    expect(fs.existsSync(`${dest}.partial`)).toBe(false);

    const backups = path.join(dir, 'b');
    fs.mkdirSync(backups);
    for (const stamp of ['20260101T000000Z', '20260102T000000Z', '20260103T000000Z']) fs.writeFileSync(path.join(backups, `floorwatch-${stamp}.sqlite`), 'x');
    expect(pruneBackups(backups, 2)).toEqual(['floorwatch-20260101T000000Z.sqlite']);
    expect(listBackups(backups).map((b) => b.name)).toEqual(['floorwatch-20260103T000000Z.sqlite', 'floorwatch-20260102T000000Z.sqlite']);
  });

  it('saves a copy that opens as a Floorwatch database, and refuses to overwrite', async () => {
    const { c, dir } = fileCore();
    const target = path.join(dir, 'colleague.sqlite');
    expect((await runJob(c, 'files.saveCopy', { path: target })).state).toBe('done');
    expect(inspectDatabase(target).schemaVersion).toBe(LATEST_VERSION);
    const copy = new Database(target, { readonly: true });
    expect((copy.prepare('SELECT count(*) AS n FROM contacts').get() as { n: number }).n).toBe(300);
    copy.close();
    await expect(call(c, 'files.saveCopy', { path: target })).rejects.toThrow(/already exists/);
    const info = await call<{ path: string; contacts: number }>(c, 'files.info');
    expect(info).toMatchObject({ contacts: 300 });
  });

  it('refuses to open a database from a newer version, or a file that is not one', async () => {
    const { c, dir } = fileCore();
    const newer = path.join(dir, 'newer.sqlite');
    const raw = new Database(newer);
    raw.exec('CREATE TABLE contacts (id INTEGER)');
    raw.pragma(`user_version = ${LATEST_VERSION + 1}`);
    raw.close();
    expect(() => inspectDatabase(newer)).toThrow(NewerDatabaseError);
    await expect(call(c, 'files.open', { path: newer })).rejects.toThrow(/conflict: .*newer Floorwatch/);
    const text = path.join(dir, 'notes.txt');
    fs.writeFileSync(text, 'hello, not a database at all '.repeat(200));
    await expect(call(c, 'files.open', { path: text })).rejects.toThrow(/not a database/);
    // A valid file, on a host that cannot switch: said plainly.
    await expect(call(c, 'files.open', { path: path.join(dir, 'floorwatch.sqlite') })).rejects.toThrow(/unavailable: .*restart it with --db/);
  });
});

describe('scheduled backup and retention', () => {
  it('backs up when due, keeps N, and purges contacts older than the retention', async () => {
    const { c, dbPath } = fileCore();
    let now = Date.parse('2026-03-20T00:00:00Z');
    const { createBackupService } = await import('./service');
    const { createReviewJobs } = await import('../review/jobs');
    const { writeConfig } = await import('../review/config');
    const hub = c.events;
    const jobs = createReviewJobs(hub, () => now);
    const settings = createMemorySettingsStore({ timezone: 'UTC' }).get();
    const service = createBackupService({ db: c.db, dbPath, jobs, now: () => now, rollup: () => ({ timezone: 'UTC', targetSec: settings.targetSec, shortAbandonSec: settings.shortAbandonSec }), log: () => undefined });
    try {
      writeConfig(c.db, { backupEveryHours: 6, backupKeep: 2, retainDays: 8 });
      const done = () =>
        new Promise<void>((resolve) => {
          const off = hub.on('review.progress', (job) => {
            if (job.kind === 'backup' && job.state === 'done') {
              off();
              resolve();
            }
          });
        });
      for (let i = 0; i < 3; i++) {
        const finished = done();
        service.tick();
        await finished;
        service.tick(); // not due again within the hour
        now += 7 * 3_600_000;
      }
      expect(service.list()).toHaveLength(2);
      // Retention ran once (daily) at 20 March 00:00: contacts before 12 March are gone, 12–14 March stay.
      const left = c.db.prepare('SELECT count(*) AS n FROM contacts').get() as { n: number };
      expect(left.n).toBe(90);
    } finally {
      service.stop();
    }
  });
});
