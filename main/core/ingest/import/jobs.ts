import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { releaseWhenEnded } from '../write-gate';
import type { ImportJob } from '../../../../shared/contract/sources';
import type { EventHub } from '../../api/event-hub';
import type { CustomerRecord } from '../events';
import type { RollupParams } from '../rollup';
import type { ImportProgress, ImportReport, ImportRequest } from './driver';
import { ImportError } from './formats';

export interface WorkerData {
  dbPath: string;
  request: Omit<ImportRequest, 'signal' | 'onProgress'>;
  rollup: RollupParams;
  gate: SharedArrayBuffer;
}

export type WorkerMessage =
  | { type: 'progress'; progress: ImportProgress }
  | { type: 'applied' }
  | { type: 'customers'; records: CustomerRecord[] }
  | { type: 'done'; report: ImportReport }
  | { type: 'failed'; message: string };

export interface ImportJobsOptions {
  dbPath: string;
  hub: EventHub;
  rollup: () => RollupParams;
  onApplied: () => void;
  importCustomers: (records: CustomerRecord[]) => void;
  /** Imports without a worker (in-memory databases in tests). */
  inProcess: (request: ImportRequest) => Promise<ImportReport>;
  /** Shared with the main thread's live writer (write-gate.ts): workers write only when it does not wait. */
  gate: SharedArrayBuffer;
  /** Workers running or not: while they run they checkpoint the WAL, so the main thread need not. */
  onWorkersActive?: (active: boolean) => void;
}

/**
 * Imports from screens run beside the live console, which writes the same database from the main
 * thread. The write gate lets a live write go before the next import batch, so what it waits for
 * is one batch: batches are short, with a short pause between them that leaves a core's share to
 * the screens (measured by the live-latency benchmark). No bulk-load mode either: the indexes and
 * triggers it defers are what the live screen and today's figures read.
 */
const LIVE_FRIENDLY = { eventsPerTransaction: 250, yieldMs: 5, bulkLoad: 'never' } as const;

let sourceWorker: URL | null = null;

/**
 * The worker script: built beside the bundle (build/main/import-worker.js). Running from source
 * (tsx, Vitest), worker threads cannot load TypeScript, so the worker is bundled once on the fly
 * with esbuild, a development dependency that is present exactly then.
 */
async function workerScript(): Promise<URL> {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new URL('./import-worker.js', here);
  if (!sourceWorker) {
    const { build } = await import('esbuild');
    // Inside the checkout, so the bundle resolves better-sqlite3 from its node_modules.
    const repo = path.resolve(path.dirname(fileURLToPath(here)), '../../../..');
    const outfile = path.join(repo, 'node_modules', '.cache', 'floorwatch', `import-worker-${process.pid}.mjs`);
    await build({ entryPoints: [fileURLToPath(new URL('./worker.ts', here))], outfile, bundle: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'error' });
    sourceWorker = pathToFileURL(outfile);
  }
  return sourceWorker;
}

/** A capped old generation keeps a multi-gigabyte import near 200 MB: its live memory is a few tens of MB, and without a cap V8 lets garbage grow far past that first. */
const WORKER_OLD_GENERATION_MB = 128;
/** The young generation too: V8's default lets it take tens of MB, which an import's short-lived batches never need. */
const WORKER_YOUNG_GENERATION_MB = 8;

export interface WorkerImport {
  dbPath: string;
  request: Omit<ImportRequest, 'signal' | 'onProgress'>;
  rollup: RollupParams;
  gate: SharedArrayBuffer;
  onProgress?: (p: ImportProgress) => void;
  onApplied?: () => void;
  onCustomers?: (records: CustomerRecord[]) => void;
  /** Resolves once the worker runs (false when it could not start). */
  onStarted?: (started: boolean) => void;
}

/**
 * Runs one import in a worker thread with a capped heap. Resolves with the report; rejects with
 * the worker's error, or if it stopped without one. `cancel()` asks the worker to stop at its next
 * batch (the report then says cancelled).
 */
export function runImportWorker(w: WorkerImport): { done: Promise<ImportReport>; cancel: () => void } {
  let worker: Worker | null = null;
  let cancelled = false;
  const done = workerScript().then(
    (url) =>
      new Promise<ImportReport>((resolve, reject) => {
        const data: WorkerData = { dbPath: w.dbPath, request: w.request, rollup: w.rollup, gate: w.gate };
        const t = new Worker(url, { workerData: data, resourceLimits: { maxOldGenerationSizeMb: WORKER_OLD_GENERATION_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
        worker = t;
        releaseWhenEnded(t, w.gate);
        w.onStarted?.(true);
        if (cancelled) t.postMessage('cancel');
        let settled = false;
        t.on('message', (m: WorkerMessage) => {
          if (m.type === 'progress') w.onProgress?.(m.progress);
          else if (m.type === 'applied') w.onApplied?.();
          else if (m.type === 'customers') w.onCustomers?.(m.records);
          else {
            settled = true;
            if (m.type === 'done') resolve(m.report);
            else reject(new ImportError(m.message));
          }
        });
        t.on('error', (e) => {
          settled = true;
          reject(e);
        });
        t.on('exit', (code) => {
          if (!settled) reject(new Error(`The import stopped unexpectedly (exit ${code}).`));
        });
      }),
    (e: unknown) => {
      w.onStarted?.(false);
      throw new Error(`Could not start the import worker: ${e instanceof Error ? e.message : String(e)}`);
    },
  );
  return {
    done,
    cancel: () => {
      cancelled = true;
      worker?.postMessage('cancel');
    },
  };
}

/**
 * Import jobs started from screens: one worker per file, progress pushed as `import.progress`
 * events (at most every 200 ms), cancellable. Committed batches stay when a job is cancelled —
 * each is complete and re-importing finishes the job without duplicates.
 */
export function createImportJobs(o: ImportJobsOptions) {
  const jobs = new Map<string, { job: ImportJob; cancel: () => void }>();
  let lastEmit = 0;
  let workersRunning = 0;
  const workerStarted = () => {
    if (workersRunning++ === 0) o.onWorkersActive?.(true);
  };
  const workerEnded = () => {
    if (--workersRunning === 0) o.onWorkersActive?.(false);
  };

  const emit = (job: ImportJob, force = false) => {
    const now = Date.now();
    if (!force && now - lastEmit < 200) return;
    lastEmit = now;
    o.hub.emit('import.progress', { ...job });
  };
  const finish = (job: ImportJob, report: ImportReport | null, error: string | null) => {
    job.state = error ? 'failed' : report?.status === 'cancelled' ? 'cancelled' : 'done';
    job.error = error;
    if (report) {
      job.lines = report.lines;
      job.contacts = report.contacts;
      job.bytes = job.totalBytes;
      job.report = {
        format: report.format,
        lines: report.lines,
        imported: report.imported,
        contacts: report.contacts,
        newContacts: report.newContacts,
        rejected: report.rejected.slice(0, 200),
        rejectedCount: report.rejectedCount,
        unknownEvents: report.unknownEvents,
      };
    }
    emit(job, true);
    o.onApplied();
  };

  return {
    start(request: Omit<ImportRequest, 'signal' | 'onProgress'>, displayName?: string): ImportJob {
      let size = 0;
      try {
        size = fs.statSync(request.file).size;
      } catch {
        throw new ImportError(`Cannot read ${request.file}: no such file.`);
      }
      const job: ImportJob = {
        jobId: crypto.randomUUID(),
        file: displayName ?? path.basename(request.file),
        state: 'running',
        bytes: 0,
        totalBytes: size,
        lines: 0,
        contacts: 0,
        error: null,
        report: null,
      };
      const onProgress = (p: ImportProgress) => {
        job.bytes = p.bytes;
        job.lines = p.lines;
        job.contacts = p.contacts;
        emit(job);
      };
      if (o.dbPath === ':memory:') {
        const controller = new AbortController();
        jobs.set(job.jobId, { job, cancel: () => controller.abort() });
        o.inProcess({ ...request, displayName: request.displayName ?? displayName, ...LIVE_FRIENDLY, signal: controller.signal, onProgress }).then(
          (r) => finish(job, r, null),
          (e: unknown) => finish(job, null, e instanceof Error ? e.message : String(e)),
        );
      } else {
        let running = false;
        const run = runImportWorker({
          dbPath: o.dbPath,
          request: { ...request, displayName: request.displayName ?? displayName, ...LIVE_FRIENDLY },
          rollup: o.rollup(),
          gate: o.gate,
          onProgress,
          onApplied: o.onApplied,
          onCustomers: (records) => o.importCustomers(records),
          onStarted: (started) => {
            running = started;
            if (started) workerStarted();
          },
        });
        jobs.set(job.jobId, { job, cancel: run.cancel });
        run.done
          .then(
            (r) => finish(job, r, null),
            (e: unknown) => finish(job, null, e instanceof Error ? e.message : String(e)),
          )
          .finally(() => {
            if (running) workerEnded();
          });
      }
      emit(job, true);
      return { ...job };
    },
    cancel(jobId: string): boolean {
      const j = jobs.get(jobId);
      if (!j || j.job.state !== 'running') return false;
      j.cancel();
      return true;
    },
    list(): ImportJob[] {
      return [...jobs.values()].map((j) => ({ ...j.job }));
    },
  };
}
