import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCore } from '../app';
import { createMemorySettingsStore } from '../settings/file-store';
import { reviewHistory } from '../review/testing';
import { simulatedDb } from '../anomalies/testing';
import { attemptRollupFresh } from '../anomalies/attempt-rollup';
import { openDb, type Db } from '../../db/open';
import { defaultSettings } from '../../../shared/contract/settings';
import { markRebuildPending, metaGet, rebuildPending, rebuildRollups, type RollupParams } from './rollup';
import { ensureRollupParams } from './rollup-update';
import { rebuildWorkers, startRebuildWorker, workerRebuildPossible } from './rollup-parallel';

const TARGETS = defaultSettings().targetSec;
const TABLES = ['rollup_hour', 'rollup_hour_seg', 'rollup_day_seg', 'rollup_month_seg', 'rollup_day_agent', 'rollup_day_agent_total', 'rollup_attempt'];
const dump = (db: Db) => Object.fromEntries(TABLES.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2, 3, 4, 5`).raw().all()]));
/** Makes rollup_attempt stale, as a directory import does: the next rebuild rebuilds it too. */
const staleAttempts = (db: Db) => db.prepare("DELETE FROM meta WHERE key = 'rollup_attempt.key'").run();

const dirs: string[] = [];
afterEach(() => {
  rebuildWorkers.start = startRebuildWorker;
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/**
 * Two simulated weeks in a database file, across Tallinn's spring change (2026-03-29), with the
 * simulator's customer directory, repeat callers and ring attempts.
 */
function weeks(timezone = 'Europe/Tallinn') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fw-rebuild-'));
  dirs.push(dir);
  const env = simulatedDb({ from: Date.parse('2026-03-22T00:00:00Z'), days: 14, seed: 7, timezone, file: path.join(dir, 'fw.sqlite') });
  const params: RollupParams = { timezone, targetSec: env.settings.get().targetSec, shortAbandonSec: env.settings.get().shortAbandonSec, repeatWindowHours: 72 };
  return { ...env, dir, params };
}

describe.skipIf(!workerRebuildPossible({ memory: false, name: 'x' } as Db))('rollup rebuild on two threads', () => {
  it('gives every rollup exactly as one thread does, across a DST change and in a half-hour zone, and leaves no scratch file', () => {
    for (const timezone of ['Europe/Tallinn', 'Asia/Kolkata']) {
      const env = weeks(timezone);
      expect(env.db.prepare('SELECT count(*) FROM contacts').pluck().get()).toBeGreaterThan(3000);
      staleAttempts(env.db);
      expect(rebuildRollups(env.db, env.params, { workers: 'never' })).toEqual({ threads: 1 });
      const serial = dump(env.db);
      expect(serial.rollup_hour.length).toBeGreaterThan(1000);
      staleAttempts(env.db);
      const report = rebuildRollups(env.db, env.params, { workers: 'always' });
      expect(report.threads).toBe(2);
      expect(report.workerError).toBeUndefined();
      expect(dump(env.db)).toEqual(serial);
      expect(report.checkpointed?.(30_000)).toBe(true);
      expect(attemptRollupFresh(env.db)).toBe(true);
      expect(rebuildPending(env.db)).toBeNull();
      expect(env.db.pragma('integrity_check', { simple: true })).toBe('ok');
      // rollup_hour's index is back and agrees with the table.
      const viaIndex = env.db.prepare('SELECT segment, hour_at, offered FROM rollup_hour INDEXED BY rollup_segment_hour ORDER BY segment, hour_at, offered').raw().all();
      const viaTable = env.db.prepare('SELECT segment, hour_at, offered FROM rollup_hour NOT INDEXED ORDER BY segment, hour_at, offered').raw().all();
      expect(viaIndex).toEqual(viaTable);
      expect(fs.readdirSync(env.dir).filter((f) => f.includes('.rebuild-'))).toEqual([]);
      env.close();
    }
  });

  it('leaves the commit’s checkpoint to the worker: the commit does not run it, the worker does', () => {
    const env = weeks();
    // A threshold the rebuild's commit is far over: SQLite's automatic checkpoint would run in it.
    env.db.pragma('wal_autocheckpoint = 10');
    const fileAlone = (name: string) => {
      const copy = path.join(env.dir, name);
      fs.copyFileSync(env.db.name, copy);
      const alone = openDb(copy);
      const rows = dump(alone);
      alone.close();
      return rows;
    };
    const withVoiceTarget = (sec: number) => ({ ...env.params, targetSec: { ...env.params.targetSec, voice: sec } });
    /** A rebuild on two threads with another voice target: its report and the rollups, which differ from `previous`. */
    const twoThreads = (sec: number, previous: ReturnType<typeof dump>) => {
      const report = rebuildRollups(env.db, withVoiceTarget(sec), { workers: 'always' });
      const rows = dump(env.db);
      expect(report.threads).toBe(2);
      expect(rows.rollup_hour).not.toEqual(previous.rollup_hour);
      return { report, rows };
    };
    rebuildRollups(env.db, withVoiceTarget(5), { workers: 'never' });
    env.db.pragma('wal_checkpoint(TRUNCATE)');
    const before = dump(env.db);
    // A worker that is never told to checkpoint: the commit itself left the file as it was.
    rebuildWorkers.start = (db, tables, steps) => {
      const w = startRebuildWorker(db, tables, steps);
      return { ...w, dispose: () => w.dispose(false) };
    };
    const silent = twoThreads(env.params.targetSec.voice, before);
    expect(silent.report.checkpointed?.(30_000)).toBe(false);
    expect(env.db.pragma('wal_autocheckpoint', { simple: true })).toBe(10);
    expect(fileAlone('silent.sqlite')).toEqual(before);
    // The real worker, with yet another target (the rebuild's first, small commit checkpoints what
    // the last one left): once it says it checkpointed, the file alone holds the rebuilt rollups.
    rebuildWorkers.start = startRebuildWorker;
    const real = twoThreads(env.params.targetSec.voice + 15, silent.rows);
    expect(real.report.checkpointed?.(30_000)).toBe(true);
    expect(env.db.pragma('wal_autocheckpoint', { simple: true })).toBe(10);
    expect(fileAlone('checkpointed.sqlite')).toEqual(real.rows);
    env.close();
  });

  it('says it ran on one thread when there was nothing for a worker (no contacts)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fw-rebuild-'));
    dirs.push(dir);
    const db = openDb(path.join(dir, 'empty.sqlite'));
    expect(rebuildRollups(db, { timezone: 'UTC', targetSec: TARGETS, shortAbandonSec: 5 }, { workers: 'always' })).toEqual({ threads: 1 });
    expect(rebuildPending(db)).toBeNull();
    db.close();
  });

  it('does the worker’s share itself when the worker fails, and says why', () => {
    const env = weeks();
    staleAttempts(env.db);
    rebuildRollups(env.db, env.params, { workers: 'never' });
    const serial = dump(env.db);
    // A real worker that sums its share, then fails on its last step.
    rebuildWorkers.start = (db, tables, steps) => startRebuildWorker(db, tables, [...steps, { sql: 'SELECT no_such_column FROM rollup_hour' }]);
    staleAttempts(env.db);
    const report = rebuildRollups(env.db, env.params, { workers: 'always' });
    expect(report.threads).toBe(1);
    expect(report.workerError).toMatch(/no such column/);
    expect(dump(env.db)).toEqual(serial);
    expect(rebuildPending(env.db)).toBeNull();
    expect(fs.readdirSync(env.dir).filter((f) => f.includes('.rebuild-'))).toEqual([]);
    env.close();
  });

  it('a rebuild interrupted after its first transaction is finished at the next start', () => {
    const env = weeks();
    ensureRollupParams(env.db, env.params);
    const built = dump(env.db);
    // What the first transaction leaves when the process dies before the second commits: the
    // mark, and rollups that no longer match the contacts.
    env.db.transaction(() => {
      markRebuildPending(env.db);
      env.db.exec('UPDATE rollup_hour SET offered = offered + 1 WHERE hour_at IN (SELECT hour_at FROM rollup_hour LIMIT 5)');
    })();
    expect(metaGet(env.db, 'rollups.rebuild_pending')).toBe('rollups');
    expect(ensureRollupParams(env.db, env.params)).toBe('rebuilt');
    expect(dump(env.db)).toEqual(built);
    expect(rebuildPending(env.db)).toBeNull();
    expect(ensureRollupParams(env.db, env.params)).toBe('unchanged');
    // A purge's mark asks for the repeat flags too; a later plain mark keeps that.
    env.db.transaction(() => {
      markRebuildPending(env.db, true);
      markRebuildPending(env.db);
    })();
    expect(rebuildPending(env.db)).toEqual({ refreshFlags: true });
    env.close();
  });
});

describe('rebuild worker', () => {
  it('reports the error of a failing step and removes its scratch file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fw-rebuild-'));
    dirs.push(dir);
    const env = simulatedDb({ from: Date.parse('2026-03-22T00:00:00Z'), days: 1, seed: 1, file: path.join(dir, 'fw.sqlite') });
    const worker = startRebuildWorker(env.db, ['rollup_hour'], [{ sql: 'INSERT INTO rollup_hour (hour_at, channel, queue, segment, agent_id) SELECT 0, 1, 2, 3, 4 FROM no_such_table' }]);
    expect(worker.join(30_000)).toMatch(/no such table: no_such_table/);
    expect(fs.existsSync(worker.scratch)).toBe(true);
    worker.dispose();
    expect(fs.existsSync(worker.scratch)).toBe(false);
    env.close();
  });
});

describe('an owed rebuild', () => {
  it('is tried again every minute while the console runs, not only at the next start', () => {
    vi.useFakeTimers();
    try {
      const core = createCore({ dbPath: ':memory:', settings: createMemorySettingsStore({ timezone: 'UTC' }), host: 'headless', version: 't', runSources: false });
      core.ingest(reviewHistory('2026-03-14', 3, 20));
      const offered = () => core.db.prepare<[], number>('SELECT sum(offered) FROM rollup_hour').pluck().get();
      const right = offered();
      expect(right).toBe(60);
      // A rebuild that could not run (say another writer held the database too long): owed.
      core.db.transaction(() => {
        markRebuildPending(core.db);
        core.db.exec('UPDATE rollup_hour SET offered = offered + 1');
      })();
      expect(offered()).not.toBe(right);
      vi.advanceTimersByTime(60_000);
      expect(offered()).toBe(right);
      expect(rebuildPending(core.db)).toBeNull();
      core.close();
    } finally {
      vi.useRealTimers();
    }
  });
});
