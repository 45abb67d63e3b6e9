import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../shared/contract/settings';
import { openDb, type Db } from '../../main/db/open';
import { createIngestStore } from '../../main/core/ingest/store';
import { tempDir } from '../support/fixtures';

let db: Db | null = null;
afterEach(() => {
  db?.close();
  db = null;
});

/**
 * Another connection (an import worker) holds the write lock for a moment. A live batch reads
 * before it writes; in a deferred transaction that fails at once with SQLITE_BUSY instead of
 * waiting for the lock, which took live ingest down whenever an import ran.
 */
describe('ingest while another connection writes', () => {
  it('waits for the write lock instead of failing', async () => {
    const file = path.join(tempDir('fw-lock-'), 'lock.sqlite');
    db = openDb(file);
    const store = createIngestStore(db, () => ({ timezone: 'UTC', targetSec: defaultSettings().targetSec, shortAbandonSec: 5 }));
    store.apply([{ kind: 'enqueued', source: 't', id: 'a', at: 1_000, channel: 'voice', queue: 'q', caller: '+1' }]);

    const holder = new Worker(
      `const Database = require(${JSON.stringify(createRequire(import.meta.url).resolve('better-sqlite3'))});
       const { parentPort, workerData } = require('node:worker_threads');
       const db = new Database(workerData);
       db.exec('BEGIN IMMEDIATE');
       db.prepare("INSERT INTO meta (key, value) VALUES ('lock-test', 'x')").run();
       parentPort.postMessage('locked');
       setTimeout(() => { db.exec('COMMIT'); db.close(); }, 300);`,
      { eval: true, workerData: file },
    );
    await new Promise((resolve) => holder.once('message', resolve));
    const exited = new Promise((resolve) => holder.once('exit', resolve));

    expect(() => store.apply([{ kind: 'answered', source: 't', id: 'a', at: 5_000, agent: 'SIP/1' }])).not.toThrow();
    await exited;
    expect(db.prepare("SELECT answer_at FROM contacts WHERE source_id = 'a'").get()).toEqual({ answer_at: 5_000 });
  });
});
