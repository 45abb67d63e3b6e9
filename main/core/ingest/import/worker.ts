import { parentPort, threadId, workerData } from 'node:worker_threads';
import { openDb } from '../../../db/open';
import { createIngestStore } from '../store';
import { bulkGate } from '../write-gate';
import { importFile } from './driver';
import type { WorkerData, WorkerMessage } from './jobs';

/**
 * Runs one import off the thread that serves the screens (DESIGN §1), with its own connection to
 * the same WAL database. Batches are small and pass through the write gate, so the live writer
 * never waits for more than the batch in progress.
 */
const data = workerData as WorkerData;
const port = parentPort!;
const post = (m: WorkerMessage) => port.postMessage(m);
const controller = new AbortController();
port.on('message', (m: unknown) => {
  if (m === 'cancel') controller.abort();
});

/** How often this worker copies the WAL into the database while it writes. */
const CHECKPOINT_EVERY_MS = 250;

const db = openDb(data.dbPath);
// Checkpoints happen here, between batches and outside the gate: left to SQLite, the commit that
// crosses the threshold runs one, and that is as often the live writer's, on the main thread.
db.pragma('wal_autocheckpoint = 0');
let lastCheckpoint = Date.now();
const store = createIngestStore(db, () => data.rollup, { gate: bulkGate(data.gate, threadId) });
importFile(
  {
    db,
    store,
    now: () => Date.now(),
    onApplied: () => {
      post({ type: 'applied' });
      if (Date.now() - lastCheckpoint >= CHECKPOINT_EVERY_MS) {
        db.pragma('wal_checkpoint(PASSIVE)');
        lastCheckpoint = Date.now();
      }
    },
    onCustomers: (records) => post({ type: 'customers', records }),
  },
  { ...data.request, signal: controller.signal, onProgress: (p) => post({ type: 'progress', progress: p }) },
)
  .then((report) => post({ type: 'done', report }))
  .catch((error: unknown) => post({ type: 'failed', message: error instanceof Error ? error.message : String(error) }))
  .finally(() => {
    db.close();
    // The cancel listener must not keep the thread alive once the import is over.
    port.unref();
  });
