import { parentPort, workerData } from 'node:worker_threads';
import { openDb } from '../../../db/open';
import type { RollupParams } from '../rollup';
import { createIngestStore } from '../store';
import { importFile, type ImportRequest } from './driver';
import type { WorkerMessage } from './jobs';

/**
 * Runs one import off the thread that serves the screens (DESIGN §1), with its own connection to
 * the same WAL database. Batches are small so the live writer never waits long for the lock.
 */
const data = workerData as { dbPath: string; request: Omit<ImportRequest, 'signal' | 'onProgress'>; rollup: RollupParams };
const port = parentPort!;
const post = (m: WorkerMessage) => port.postMessage(m);
const controller = new AbortController();
port.on('message', (m: unknown) => {
  if (m === 'cancel') controller.abort();
});

const db = openDb(data.dbPath);
const store = createIngestStore(db, () => data.rollup);
importFile(
  { db, store, now: () => Date.now(), onApplied: () => post({ type: 'applied' }), onCustomers: (records) => post({ type: 'customers', records }) },
  { ...data.request, signal: controller.signal, onProgress: (p) => post({ type: 'progress', progress: p }) },
)
  .then((report) => post({ type: 'done', report }))
  .catch((error: unknown) => post({ type: 'failed', message: error instanceof Error ? error.message : String(error) }))
  .finally(() => db.close());
