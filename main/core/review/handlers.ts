import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApiError } from '../../../shared/contract/errors';
import type { DataFileInfo } from '../../../shared/contract/review';
import { NewerDatabaseError, openDb, type Db } from '../../db/open';
import type { Handlers } from '../api/dispatcher';
import type { EventHub } from '../api/event-hub';
import { backupTo, inspectDatabase } from '../backup/backup';
import { createBackupService } from '../backup/service';
import { imagePagesPdf } from '../export/report-pdf';
import type { RollupParams } from '../ingest/rollup';
import type { Clock, SettingsStore } from '../ports';
import { readConfig, writeConfig } from './config';
import { contactDetail, contactPage, reviewOptions } from './contacts';
import { exportFileName, MIME, writeExport } from './exporter';
import { createReviewJobs } from './jobs';
import { compareTotals, kpiTable, reviewKpis } from './kpis';

export interface ReviewDeps {
  db: Db;
  hub: EventHub;
  settings: SettingsStore;
  clock: Clock;
  dbPath: string;
  rollup: () => RollupParams;
  log?: (message: string) => void;
  /**
   * Switches the running host to another database file (the host closes this core and builds a
   * new one). Hosts that cannot (the CLI) leave it out and `files.open` says so.
   */
  switchDatabase?: (file: string) => Promise<void>;
}

type ReviewMethod =
  | 'review.options'
  | 'review.kpis'
  | 'review.compare'
  | 'review.contacts'
  | 'review.contact'
  | 'review.export'
  | 'review.pdfStart'
  | 'review.pdfPage'
  | 'review.pdfFinish'
  | 'review.jobs'
  | 'review.cancel'
  | 'review.download'
  | 'files.info'
  | 'files.saveCopy'
  | 'files.open'
  | 'review.config'
  | 'review.configure'
  | 'backup.run'
  | 'backup.list'
  | 'backup.restore'
  | 'privacy.purge';

const CHUNK = 3 * 1024 * 1024;
const MAX_PDF_PAGES = 60;

const asApiError = (error: unknown): never => {
  if (error instanceof ApiError) throw error;
  if (error instanceof NewerDatabaseError) throw new ApiError('conflict', error.message);
  if (error instanceof RangeError) throw new ApiError('bad-input', error.message);
  throw new ApiError('bad-input', error instanceof Error ? error.message : String(error));
};

export function dataFileInfo(db: Db, dbPath: string): DataFileInfo {
  const size = dbPath === ':memory:' ? 0 : [dbPath, `${dbPath}-wal`].reduce((s, f) => s + (fs.existsSync(f) ? fs.statSync(f).size : 0), 0);
  const r = db.prepare<[], { n: number; first: number | null; last: number | null }>('SELECT count(*) AS n, min(enter_at) AS first, max(enter_at) AS last FROM contacts').get()!;
  return { path: dbPath, sizeBytes: size, schemaVersion: db.pragma('user_version', { simple: true }) as number, contacts: r.n, firstAt: r.first, lastAt: r.last };
}

/** The offline-review methods: spread into the core's handler table (main/core/app.ts). */
export function reviewHandlers(d: ReviewDeps): Pick<Handlers, ReviewMethod> {
  const now = () => d.clock.now();
  const zone = () => d.settings.get().timezone;
  const repeatHours = () => d.settings.get().repeatWindowHours;
  const jobs = createReviewJobs(d.hub, now);
  const backups = createBackupService({ db: d.db, dbPath: d.dbPath, jobs, now, rollup: d.rollup, log: d.log ?? (() => undefined) });
  const exportsDir = d.dbPath === ':memory:' ? path.join(os.tmpdir(), 'floorwatch-exports') : path.join(path.dirname(path.resolve(d.dbPath)), 'exports');
  const pdfPages = new Map<string, Buffer[]>();
  const outFile = (name: string) => {
    fs.mkdirSync(exportsDir, { recursive: true });
    return path.join(exportsDir, `${now()}-${name}`);
  };
  const job = (jobId: string) => {
    const h = jobs.get(jobId);
    if (!h) throw new ApiError('not-found', `No job ${jobId}.`);
    return h;
  };

  return {
    'review.options': () => reviewOptions(d.db),
    'review.kpis': ({ filters, by }) => {
      try {
        return kpiTable(reviewKpis(d.db, filters, by, zone(), d.rollup(), repeatHours()), by);
      } catch (error) {
        return asApiError(error);
      }
    },
    'review.compare': ({ filters, against }) => {
      try {
        const a = reviewKpis(d.db, filters, [], zone(), d.rollup(), repeatHours())[0];
        const b = reviewKpis(d.db, { ...filters, ...against }, [], zone(), d.rollup(), repeatHours())[0];
        return compareTotals(a, b);
      } catch (error) {
        return asApiError(error);
      }
    },
    'review.contacts': ({ filters, sort, after, limit }) => {
      try {
        return contactPage(d.db, zone(), filters, sort, after, limit);
      } catch (error) {
        return asApiError(error);
      }
    },
    'review.contact': ({ id }) => {
      const detail = contactDetail(d.db, id);
      if (!detail) throw new ApiError('not-found', `No contact ${id}.`);
      return detail;
    },
    'review.export': (input) => {
      const name = exportFileName(input);
      const h = jobs.create('export', name);
      h.path = outFile(name);
      h.mime = MIME[input.format];
      return jobs.run(h, () => writeExport(d.db, zone(), d.rollup(), repeatHours(), input, h.path!, h));
    },
    'review.pdfStart': ({ title }) => {
      const name = `${title.replace(/[^\p{L}\p{N}._-]+/gu, '-').slice(0, 60) || 'report'}.pdf`;
      const h = jobs.create('pdf', name, null);
      h.mime = MIME.pdf;
      pdfPages.set(h.job.jobId, []);
      return { ...h.job };
    },
    'review.pdfPage': ({ jobId, jpegBase64 }) => {
      const h = job(jobId);
      const pages = pdfPages.get(jobId);
      if (!pages || h.job.state !== 'running') throw new ApiError('conflict', 'This PDF is already finished.');
      if (pages.length >= MAX_PDF_PAGES) throw new ApiError('bad-input', `A report has at most ${MAX_PDF_PAGES} pages.`);
      pages.push(Buffer.from(jpegBase64, 'base64'));
      h.progress(pages.length, null);
      return { ...h.job };
    },
    'review.pdfFinish': ({ jobId }) => {
      const h = job(jobId);
      const pages = pdfPages.get(jobId);
      if (!pages) throw new ApiError('conflict', 'This PDF is already finished.');
      pdfPages.delete(jobId);
      h.path = outFile(h.job.file ?? 'report.pdf');
      return jobs.run(h, async () => {
        try {
          fs.writeFileSync(h.path!, imagePagesPdf(pages, h.job.file ?? 'Floorwatch report'));
        } catch (error) {
          throw new Error(`Cannot build the PDF: ${error instanceof Error ? error.message : String(error)}`);
        }
        h.progress(pages.length, pages.length);
      });
    },
    'review.jobs': () => jobs.list(),
    'review.cancel': ({ jobId }) => ({ cancelled: jobs.cancel(jobId) }),
    'review.download': ({ jobId, offset }) => {
      const h = job(jobId);
      if (h.job.state !== 'done' || !h.path || h.job.kind === 'backup' || h.job.kind === 'copy') throw new ApiError('conflict', 'Nothing to download for this job (yet).');
      const fd = fs.openSync(h.path, 'r');
      try {
        const size = fs.fstatSync(fd).size;
        const buf = Buffer.alloc(Math.max(0, Math.min(CHUNK, size - offset)));
        fs.readSync(fd, buf, 0, buf.length, offset);
        const next = offset + buf.length < size ? offset + buf.length : null;
        return { dataBase64: buf.toString('base64'), next, name: h.job.file ?? 'export', mime: h.mime };
      } finally {
        fs.closeSync(fd);
      }
    },
    'files.info': () => dataFileInfo(d.db, d.dbPath),
    'files.saveCopy': ({ path: dest }) => {
      const target = path.resolve(dest);
      if (!path.isAbsolute(dest)) throw new ApiError('bad-input', 'Give the full path of the copy.');
      if (d.dbPath !== ':memory:' && target === path.resolve(d.dbPath)) throw new ApiError('bad-input', 'That is the open database itself: choose another file name.');
      if (fs.existsSync(target)) throw new ApiError('conflict', `${target} already exists: choose another file name.`);
      const h = jobs.create('copy', target);
      h.path = target;
      return jobs.run(h, () => backupTo(d.db, target, { onProgress: (p) => h.progress(p.done, p.total), isCancelled: () => h.cancelled }));
    },
    'files.open': async ({ path: file }) => {
      const target = path.resolve(file);
      try {
        inspectDatabase(target);
      } catch (error) {
        return asApiError(error);
      }
      if (!d.switchDatabase) throw new ApiError('unavailable', 'This host cannot switch databases while running: restart it with --db pointing at the file.');
      await d.switchDatabase(target);
      // The core serving this call is closed by now: describe the new file from its own connection.
      const db = openDb(target, { readonly: true });
      try {
        return dataFileInfo(db, target);
      } finally {
        db.close();
      }
    },
    'review.config': () => readConfig(d.db),
    'review.configure': (patch) => writeConfig(d.db, patch),
    'backup.run': () => {
      try {
        return backups.run();
      } catch (error) {
        return asApiError(error);
      }
    },
    'backup.list': () => backups.list(),
    'backup.restore': async ({ name }) => {
      try {
        return { restored: await backups.restore(name) };
      } catch (error) {
        return asApiError(error);
      }
    },
    'privacy.purge': ({ olderThanDays }) => ({ deleted: backups.purge(olderThanDays) }),
  };
}
