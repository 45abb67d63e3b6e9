import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../shared/contract/settings';
import { ISSABEL_FILES, tempDir } from '../../tests/support/fixtures';
import { importFile } from '../core/ingest/import/driver';
import { createIngestStore } from '../core/ingest/store';
import { beginBulkLoad, BULK_DEFERRED_INDEXES, restoreBulkIndexes } from './bulk-indexes';
import { openDb, type Db } from './open';

const names = BULK_DEFERRED_INDEXES.map((ix) => ix.name).sort();
const present = (db: Db) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name IN (SELECT value FROM json_each(?)) ORDER BY name").all(JSON.stringify(names)) as { name: string }[]).map(
    (r) => r.name,
  );
const triggers = (db: Db) => (db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all() as { name: string; sql: string }[]);
const marker = (db: Db) => db.prepare("SELECT value FROM meta WHERE key = 'bulk-load'").get() as { value: string } | undefined;
/** The pid of a process that has already exited. */
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!;

describe('bulk-load indexes', () => {
  it('drops the deferred indexes with a marker, and restores both together', () => {
    const db = openDb(':memory:');
    expect(present(db)).toEqual(names);
    expect(beginBulkLoad(db, 1)).toBe(true);
    expect(present(db)).toEqual([]);
    expect(JSON.parse(marker(db)!.value)).toMatchObject({ pid: process.pid });
    restoreBulkIndexes(db);
    expect(present(db)).toEqual(names);
    expect(marker(db)).toBeUndefined();
    db.close();
  });

  it('rebuilds them on open after a bulk load whose process died mid-import', () => {
    const file = path.join(tempDir('fw-bulk-'), 'db.sqlite');
    const db = openDb(file);
    const before = triggers(db);
    db.prepare("INSERT INTO meta (key, value) VALUES ('rollup.params', 'x'), ('rollup_attempt.key', 'y'), ('contacts.repeat_window', 'z')").run();
    expect(beginBulkLoad(db, 1, deadPid())).toBe(true);
    expect(triggers(db).length).toBeLessThan(before.length);
    db.close(); // killed here: never restored
    const again = openDb(file);
    expect(present(again)).toEqual(names);
    expect(triggers(again)).toEqual(before);
    expect(marker(again)).toBeUndefined();
    // The derived rollups missed rows while their triggers were off: the core rebuilds them.
    expect(again.prepare("SELECT key FROM meta WHERE key IN ('rollup.params', 'rollup_attempt.key', 'contacts.repeat_window')").all()).toEqual([]);
    again.close();
  });

  it('leaves a bulk load of a live process alone, and does not start a second one', () => {
    const file = path.join(tempDir('fw-bulk-'), 'db.sqlite');
    const db = openDb(file);
    expect(beginBulkLoad(db, 1)).toBe(true);
    const other = openDb(file);
    expect(present(other)).toEqual([]);
    expect(beginBulkLoad(other, 2)).toBe(false);
    restoreBulkIndexes(db);
    expect(present(other)).toEqual(names);
    other.close();
    db.close();
  });

  it('an import in bulk mode stores the same rows as one that keeps its indexes, and restores them', async () => {
    const s = defaultSettings();
    const run = async (bulkLoad: 'always' | 'never') => {
      const db = openDb(path.join(tempDir('fw-bulk-'), 'db.sqlite'));
      const store = createIngestStore(db, () => ({ timezone: 'UTC', targetSec: s.targetSec, shortAbandonSec: s.shortAbandonSec }));
      for (const file of ISSABEL_FILES) await importFile({ db, store, now: () => 0 }, { file, format: 'queue_log', bulkLoad });
      const dump = {
        contacts: db.prepare('SELECT * FROM contacts ORDER BY id').all(),
        attemptRows: db.prepare('SELECT * FROM attempts ORDER BY id').all(),
        rollup: db.prepare('SELECT * FROM rollup_hour ORDER BY 1, 2, 3, 4, 5').all(),
        // Derived while loading by triggers, or refilled at the end of a bulk load: the same rows.
        segments: db.prepare('SELECT * FROM rollup_hour_seg WHERE offered <> 0 ORDER BY 1, 2, 3, 4').all(),
        days: db.prepare('SELECT * FROM rollup_day_seg WHERE offered <> 0 ORDER BY 1, 2, 3, 4').all(),
        months: db.prepare('SELECT * FROM rollup_month_seg WHERE offered <> 0 ORDER BY 1, 2, 3, 4, 5, 6').all(),
        agentDays: db.prepare('SELECT * FROM rollup_day_agent WHERE offered <> 0 OR attempts <> 0 ORDER BY 1, 2, 3, 4, 5').all(),
        agentTotals: db.prepare('SELECT * FROM rollup_day_agent_total WHERE offered <> 0 OR attempts <> 0 ORDER BY 1, 2').all(),
        attempts: db.prepare('SELECT * FROM rollup_attempt WHERE attempts <> 0 ORDER BY 1, 2, 3').all(),
        triggers: triggers(db),
        indexes: present(db),
        marker: marker(db),
        // The bulk load's longer WAL between checkpoints ends with it.
        autoCheckpoint: db.pragma('wal_autocheckpoint', { simple: true }),
      };
      db.close();
      return dump;
    };
    const bulk = await run('always');
    const plain = await run('never');
    expect(bulk.contacts.length).toBeGreaterThan(10);
    expect(bulk.segments.length).toBeGreaterThan(0);
    expect(bulk.agentTotals.length).toBeGreaterThan(0);
    expect(bulk.attempts.length).toBeGreaterThan(0);
    // Repeat flags set at the end of the bulk load, their sums moved into the rollups: as ingest sets them.
    expect((bulk.contacts as { repeat_flags: number }[]).filter((c) => c.repeat_flags !== 0).length).toBeGreaterThan(5);
    expect((bulk.rollup as { repeat_contacts: number }[]).reduce((n, r) => n + r.repeat_contacts, 0)).toBeGreaterThan(5);
    expect(bulk.triggers.length).toBeGreaterThan(3);
    expect(bulk).toEqual(plain);
    expect(bulk.autoCheckpoint).toBe(1000);
    expect(bulk.indexes).toEqual(names);
    expect(bulk.marker).toBeUndefined();
  });

  it('restores the indexes when an import fails', async () => {
    const db = openDb(':memory:');
    const s = defaultSettings();
    const store = createIngestStore(db, () => ({ timezone: 'UTC', targetSec: s.targetSec, shortAbandonSec: s.shortAbandonSec }));
    const failing = { ...store, apply: () => { throw new Error('disk full'); } };
    const before = triggers(db);
    await expect(importFile({ db, store: failing, now: () => 0 }, { file: ISSABEL_FILES[1]!, format: 'queue_log', bulkLoad: 'always' })).rejects.toThrow('disk full');
    expect(present(db)).toEqual(names);
    expect(triggers(db)).toEqual(before);
    expect(marker(db)).toBeUndefined();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    db.close();
  });
});
