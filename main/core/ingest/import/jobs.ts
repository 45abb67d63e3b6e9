import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ImportJob } from '../../../../shared/contract/sources';
import type { EventHub } from '../../api/event-hub';
import type { CustomerRecord } from '../events';
import type { RollupParams } from '../rollup';
import type { ImportProgress, ImportReport, ImportRequest } from './driver';
import { ImportError } from './formats';

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
}

/**
 * Imports from screens run beside the live console, which writes the same database from the main
 * thread: short transactions and a pause between them keep live updates flowing (measured by the
 * live-latency benchmark) at some cost in import speed. No bulk-load mode either: the indexes it
 * defers (callers, agents) are the ones the live screen's repeat marker and agent counts read.
 */
const LIVE_FRIENDLY = { eventsPerTransaction: 1000, yieldMs: 20, bulkLoad: 'never' } as const;

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

/**
 * Import jobs started from screens: one worker per file, progress pushed as `import.progress`
 * events (at most every 200 ms), cancellable. Committed batches stay when a job is cancelled —
 * each is complete and re-importing finishes the job without duplicates.
 */
export function createImportJobs(o: ImportJobsOptions) {
  const jobs = new Map<string, { job: ImportJob; cancel: () => void }>();
  let lastEmit = 0;

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
        let cancelled = false;
        let worker: Worker | null = null;
        jobs.set(job.jobId, {
          job,
          cancel: () => {
            cancelled = true;
            worker?.postMessage('cancel');
          },
        });
        void workerScript().then(
          (url) => {
            // A capped old generation keeps a multi-gigabyte import near 200 MB: its live memory is a
            // few tens of MB, and without a cap V8 lets garbage grow far past that first.
            worker = new Worker(url, { workerData: { dbPath: o.dbPath, request: { ...request, displayName: request.displayName ?? displayName, ...LIVE_FRIENDLY }, rollup: o.rollup() }, resourceLimits: { maxOldGenerationSizeMb: 128 } });
            if (cancelled) worker.postMessage('cancel');
            worker.on('message', (m: WorkerMessage) => {
              if (m.type === 'progress') onProgress(m.progress);
              else if (m.type === 'applied') o.onApplied();
              else if (m.type === 'customers') o.importCustomers(m.records);
              else if (m.type === 'done') finish(job, m.report, null);
              else finish(job, null, m.message);
            });
            worker.on('error', (e) => finish(job, null, e.message));
            worker.on('exit', (code) => {
              if (job.state === 'running') finish(job, null, `The import stopped unexpectedly (exit ${code}).`);
            });
          },
          (e: unknown) => finish(job, null, `Could not start the import worker: ${e instanceof Error ? e.message : String(e)}`),
        );
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
