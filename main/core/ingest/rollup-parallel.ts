import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { Db } from '../../db/open';
import type { FillStep } from './rollup-tiers';

/**
 * A rollup rebuild's second thread (rollup.ts, rebuildRollups). The worker opens a scratch file
 * of its own, attaches the site database to read from, and runs fill steps for its share of the
 * contacts into empty copies of the rollup tables there; the main thread fills its share into the
 * real tables meanwhile, then merges the scratch tables in. The main thread waits synchronously
 * (Atomics.wait): a rebuild is a synchronous call, as it always was.
 *
 * The worker reads the last committed state. The caller holds the write lock (BEGIN IMMEDIATE)
 * before starting it and has changed no table the steps read, so that state is the caller's too.
 */

/** What the worker is given (structured-cloned). */
interface WorkerInput {
  /** better-sqlite3's entry file, resolved here (the worker runs as plain CommonJS). */
  driver: string;
  dbPath: string;
  scratch: string;
  /** CREATE TABLE statements of the tables the steps fill, as sqlite_master holds them. */
  tables: string[];
  steps: FillStep[];
  /**
   * [0]: 0 while running, 1 done, 2 failed (its error is posted on `port` first); after done, 3
   * when it checkpointed the site database, else 4. [1]: the main thread's word after done: 1
   * checkpoint, 2 stop.
   */
  state: Int32Array;
  port: MessagePort;
}

/**
 * The worker's code. Kept as plain JavaScript so it runs the same from the sources (Vitest, tsx)
 * and from the bundle, with nothing to build: it only runs SQL it is given.
 */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { state, port } = workerData;
let db = null;
let site = null;
try {
  const Database = require(workerData.driver);
  db = new Database(workerData.scratch);
  // A scratch file, thrown away afterwards: no journal, no syncing.
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('busy_timeout = 5000');
  for (const sql of workerData.tables) db.exec(sql);
  db.prepare('ATTACH ? AS site').run(workerData.dbPath);
  db.exec('BEGIN');
  for (const step of workerData.steps) {
    if (step.sql !== undefined) { db.exec(step.sql); continue; }
    const perDay = db.prepare(step.perDay);
    for (const day of db.prepare('SELECT DISTINCT day FROM temp.tier_hours ORDER BY day').pluck().all()) perDay.run(day, day);
  }
  db.exec('COMMIT');
  db.close();
  db = null;
  // Opened now, so that the checkpoint starts the moment the word comes: a commit of the main
  // thread's that comes later then finds it running and skips its own automatic one.
  try {
    site = new Database(workerData.dbPath, { fileMustExist: true });
  } catch {
    site = null;
  }
  Atomics.store(state, 0, 1);
} catch (error) {
  try { if (db) db.close(); } catch {}
  port.postMessage(String((error && error.message) || error));
  Atomics.store(state, 0, 2);
} finally {
  Atomics.notify(state, 0);
}
if (Atomics.load(state, 0) === 1) {
  // The main thread's word, always sent (dispose): once it has committed, copy its pages from the
  // WAL into the database file (the checkpoint its commit would otherwise have run), or stop.
  Atomics.wait(state, 1, 0);
  let checkpointed = false;
  if (site !== null) {
    try {
      if (Atomics.load(state, 1) === 1) {
        const r = site.pragma('wal_checkpoint(PASSIVE)')[0];
        // Complete: nothing held it back, and every frame is in the file.
        checkpointed = r.busy === 0 && r.log === r.checkpointed;
      }
    } catch {
      // Not checkpointed here: the next commit's automatic checkpoint does it.
    }
    try { site.close(); } catch {}
  }
  Atomics.store(state, 0, checkpointed ? 3 : 4);
  Atomics.notify(state, 0);
}
`;

export interface RebuildWorker {
  /** The scratch file the worker fills. */
  scratch: string;
  /** Whether the worker has stopped (finished or failed), without waiting. */
  stopped(): boolean;
  /** Waits up to `timeoutMs` for the worker: null when it finished, else why not. */
  join(timeoutMs: number): string | null;
  /**
   * Stops the worker if it still runs and removes its scratch file. With `checkpoint` (after the
   * main thread committed what it merged, with its automatic checkpoint turned off) a worker that
   * finished first runs the WAL checkpoint of the site database on its own connection.
   */
  dispose(checkpoint?: boolean): void;
  /**
   * Waits up to `timeoutMs` until a worker told to checkpoint (dispose) has done so, or stopped
   * trying: whether it has. For measuring and tests; nothing else needs to wait.
   */
  checkpointed(timeoutMs: number): boolean;
}

let counter = 0;
/** Scratch files older than this are left from a process that died mid-rebuild. */
const STALE_MS = 3_600_000;

/** Removes scratch files an interrupted rebuild of `dbPath` left behind. */
function removeStaleScratch(dbPath: string, now: number): void {
  const dir = path.dirname(dbPath);
  const prefix = `${path.basename(dbPath)}.rebuild-`;
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const file = path.join(dir, name);
    try {
      if (now - fs.statSync(file).mtimeMs > STALE_MS) fs.rmSync(file, { force: true });
    } catch {
      // Gone already, or not ours to remove: either way not the rebuild's concern.
    }
  }
}

/** How a rebuild starts its worker: replaced in tests to make one fail. */
export const rebuildWorkers = { start: (db: Db, tables: readonly string[], steps: FillStep[]): RebuildWorker => startRebuildWorker(db, tables, steps) };

/** Whether a second thread can help: a database file, and a second core. */
export const workerRebuildPossible = (db: Db): boolean => !db.memory && db.name !== '' && os.availableParallelism() >= 2;

/**
 * Starts a worker that fills `tables` (names in the site database) in a new scratch file beside
 * the database, by `steps`. Throws when it cannot start.
 */
export function startRebuildWorker(db: Db, tables: readonly string[], steps: FillStep[]): RebuildWorker {
  removeStaleScratch(db.name, Date.now());
  const scratch = `${db.name}.rebuild-${process.pid}-${++counter}`;
  // A file of this name is left from a process that died with our pid (reused since): ours now.
  for (const f of [scratch, `${scratch}-journal`]) fs.rmSync(f, { force: true });
  const create = db.prepare<[string], string>("SELECT sql FROM main.sqlite_master WHERE type = 'table' AND name = ?").pluck();
  const input: Omit<WorkerInput, 'port'> = {
    driver: createRequire(import.meta.url).resolve('better-sqlite3'),
    dbPath: db.name,
    scratch,
    tables: tables.map((t) => {
      const sql = create.get(t);
      if (!sql) throw new Error(`No table ${t} in the database.`);
      return sql;
    }),
    steps,
    state: new Int32Array(new SharedArrayBuffer(8)),
  };
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { ...input, port: port2 }, transferList: [port2] });
  worker.unref();
  const remove = () => {
    for (const f of [scratch, `${scratch}-journal`]) {
      try {
        fs.rmSync(f, { force: true });
      } catch {
        // Not a file we made (removeStaleScratch clears what is left of ours later).
      }
    }
  };
  return {
    scratch,
    stopped: () => Atomics.load(input.state, 0) !== 0,
    join(timeoutMs) {
      const end = Date.now() + timeoutMs;
      for (let left = timeoutMs; Atomics.load(input.state, 0) === 0; left = end - Date.now()) {
        if (left <= 0) return `the worker did not finish within ${Math.round(timeoutMs / 1000)} s`;
        try {
          Atomics.wait(input.state, 0, 0, Math.min(left, 1000));
        } catch (e) {
          // A thread that may not block (a browser-like main thread): the caller does the share itself.
          return `cannot wait for the worker here: ${e instanceof Error ? e.message : String(e)}`;
        }
      }
      if (Atomics.load(input.state, 0) === 1) return null;
      const message = receiveMessageOnPort(port1)?.message;
      return typeof message === 'string' ? message : 'the worker failed';
    },
    dispose(checkpoint = false) {
      port1.close();
      if (Atomics.load(input.state, 0) === 0) {
        // Still running (it timed out): stopped first, its file removed once it has exited.
        void worker.terminate().finally(remove);
        return;
      }
      // Done (its scratch connection closed) or failed: the word it waits for, if it waits.
      Atomics.store(input.state, 1, checkpoint ? 1 : 2);
      Atomics.notify(input.state, 1);
      remove();
    },
    checkpointed(timeoutMs) {
      if (Atomics.load(input.state, 1) !== 1) return false;
      const end = Date.now() + timeoutMs;
      for (let left = timeoutMs; Atomics.load(input.state, 0) === 1 && left > 0; left = end - Date.now()) Atomics.wait(input.state, 0, 1, left);
      return Atomics.load(input.state, 0) === 3;
    },
  };
}
