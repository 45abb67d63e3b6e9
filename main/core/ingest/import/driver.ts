import fs from 'node:fs';
import { beginBulkLoad, restoreBulkIndexes } from '../../../db/bulk-indexes';
import { ensureAttemptRollup } from '../../anomalies/attempt-rollup';
import { refreshRepeatFlags, repeatWindowMs } from '../rollup';
import { fillRollupZone, refillRollupTiers } from '../rollup-tiers';
import type { StoredEntry } from '../queue-log/types';
import type { Db } from '../../../db/open';
import type { CustomerRecord, IngestEvent } from '../events';
import { readLineBatches } from '../queue-log';
import type { IngestStore } from '../store';
import { createTranslator, detectFormat, ImportError, readHeadLines, unknownFormatMessage, type ImportFormat } from './formats';
import { createRunLog } from './runs';

export interface ImportRequest {
  file: string;
  format?: ImportFormat | 'auto';
  /** Names the system the file comes from; contacts are unique per site (default "default"). */
  site?: string;
  /** IANA zone of local date-times in the file (table exports, CSV). */
  sourceTz?: string;
  /** CSV mapping preset name or mapping file path. */
  mapping?: string;
  /** What to record as the file's name (an uploaded file's own name, not its temporary path). */
  displayName?: string;
  /** Events per transaction (default 20,000: fastest). Beside a live console, fewer. */
  eventsPerTransaction?: number;
  /** Pause between transactions, so a live writer on another thread gets the lock (ms). */
  yieldMs?: number;
  /** A mapping built on screen, as JSON text. */
  mappingJson?: string;
  signal?: AbortSignal;
  onProgress?: (p: ImportProgress) => void;
  /**
   * Drop the deferred secondary indexes while loading and rebuild them at the end
   * (main/db/bulk-indexes.ts). `auto` (default): when the file is large and would at least double
   * the contacts stored.
   */
  bulkLoad?: 'auto' | 'always' | 'never';
}

export interface ImportProgress {
  bytes: number;
  totalBytes: number;
  lines: number;
  contacts: number;
}

export interface ImportReport {
  file: string;
  format: ImportFormat;
  status: 'done' | 'cancelled';
  /** Lines read (blank lines included). */
  lines: number;
  /** Lines that were valid records (translated, or knowingly skipped such as CONFIGRELOAD). */
  imported: number;
  /** Contacts the file describes (queue entries). */
  contacts: number;
  /** Of those, contacts not in the database before this import. */
  newContacts: number;
  /** Rejected lines with their 1-based line number (the first 1,000; `rejectedCount` has all). */
  rejected: { line: number; reason: string }[];
  rejectedCount: number;
  /** Well-formed lines whose event is unknown, per event name (skipped). */
  unknownEvents: Record<string, number>;
  /** Events for contacts whose queue entry is not in this file nor in the database. */
  orphanEvents: number;
  /** Problems that did not stop the import, e.g. optional CSV columns missing from the header (read as empty). */
  warnings: string[];
  runId: number;
}

export interface ImportDeps {
  db: Db;
  store: IngestStore;
  now: () => number;
  /** After each committed batch (live screens refresh). */
  onApplied?: () => void;
  /** Directory entries found in the file (e.g. CSV exports with a customer segment). */
  onCustomers?: (records: CustomerRecord[]) => void;
}

const EVENTS_PER_TRANSACTION = 20_000;
/** Below this a file's index upkeep costs less than rebuilding the indexes afterwards. */
const BULK_MIN_BYTES = 32 * 1024 * 1024;
/** WAL pages (of 4 KB) between checkpoints during a bulk load: 80 MB, 5 % of a 1 M-line import's time. */
const BULK_CHECKPOINT_PAGES = 20_000;
/** Entries remembered to count a repeated entry line once (about 1 MB). */
const RECENT_ENTRIES = 10_000;

/** A queue_log line is ~65 bytes and a call ~3 lines: a rough contacts-per-file estimate. */
const BYTES_PER_CONTACT = 200;
const REJECTS_KEPT = 1000;

function wantsBulkLoad(db: Db, mode: 'auto' | 'always' | 'never', bytes: number): boolean {
  if (mode !== 'auto') return mode === 'always';
  if (bytes < BULK_MIN_BYTES) return false;
  const stored = db.prepare<[], { n: number | null }>('SELECT max(id) AS n FROM contacts').get()?.n ?? 0;
  return bytes / BYTES_PER_CONTACT >= stored;
}

/**
 * Stored queue entries of a uniqueid (`<callid>` and `<callid>:<n>`), for the queue_log parser:
 * only where the database already holds contacts (a first import asks nothing).
 */
function storedEntriesOf(db: Db): ((source: string, callid: string) => StoredEntry[]) | undefined {
  if (!db.prepare('SELECT 1 FROM contacts LIMIT 1').get()) return undefined;
  // The unique (source, source_id) index answers: the id itself, then ids from "<callid>:" up to
  // "<callid>;" (the next character).
  const stmt = db.prepare<[string, string, string, string], { source_id: string; queue: string; enter_at: number }>(
    'SELECT source_id, queue, enter_at FROM contacts WHERE source = ? AND (source_id = ? OR (source_id > ? AND source_id < ?))',
  );
  return (source, callid) =>
    stmt.all(source, callid, `${callid}:`, `${callid};`).flatMap((r) => {
      const n = r.source_id === callid ? 1 : Number(r.source_id.slice(callid.length + 1));
      return Number.isInteger(n) && n >= 1 ? [{ n, queue: r.queue, enterAt: r.enter_at }] : [];
    });
}

/** Device, inode and size at start: lets a later tail notice the file was rotated or replaced. */
export function fileIdentity(st: fs.Stats): string {
  return `${st.dev}:${st.ino}`;
}

/**
 * Imports one file through the one ingest path, in bounded memory (chunked reads, batches of
 * events), each batch committed in one transaction together with the run's progress. A bad line
 * is rejected with its line number and the rest still imported; re-running is harmless.
 */
export async function importFile(deps: ImportDeps, req: ImportRequest): Promise<ImportReport> {
  let st: fs.Stats;
  try {
    st = fs.statSync(req.file);
  } catch (error) {
    throw new ImportError(`Cannot read ${req.file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}.`);
  }
  if (!st.isFile()) throw new ImportError(`${req.file} is not a file.`);
  const head = readHeadLines(req.file);
  let format: ImportFormat;
  let variant: string | undefined;
  if (!req.format || req.format === 'auto') {
    const found = detectFormat(head);
    if (req.mapping || req.mappingJson) {
      // A mapping reads the file as a per-contact export (CSV or JSON), whatever it looks like.
      format = found?.format === 'connect-ctr' ? 'connect-ctr' : 'csv';
    } else {
      if (!found) throw new ImportError(unknownFormatMessage(req.file));
      format = found.format;
      variant = found.variant;
    }
  } else {
    format = req.format;
  }

  const runs = createRunLog(deps.db);
  const site = req.site ?? 'default';
  let events: IngestEvent[] = [];
  const rejects: { line: number; reason: string }[] = [];
  let rejectedCount = 0;
  let pendingRejects: { line: number; reason: string }[] = [];
  let contacts = 0;
  // An entry line repeated (a shipper's retry, every line doubled, a block of overlapping logs)
  // names a contact already counted: the latest entries are remembered, a bounded number.
  // The oldest key leaves through a ring of their insertion order: deleting a Set's first entry
  // instead leaves a hole that every later `values().next()` walks past (1.3 s of a 1 M-line file).
  const recentEntries = new Set<string>();
  const entryRing: string[] = [];
  let ringAt = 0;
  const customers: CustomerRecord[] = [];
  const storedEntries = format === 'queue_log' || format === 'queue_log-table' ? storedEntriesOf(deps.db) : undefined;
  const translator = createTranslator(format, variant, head, { site, sourceTz: req.sourceTz, mapping: req.mapping, mappingJson: req.mappingJson, storedEntries }, {
    event(e) {
      if (e.kind === 'enqueued') {
        const key = `${e.source}\u0000${e.id}`;
        if (!recentEntries.has(key)) {
          contacts++;
          recentEntries.add(key);
          if (entryRing.length < RECENT_ENTRIES) entryRing.push(key);
          else {
            recentEntries.delete(entryRing[ringAt]!);
            entryRing[ringAt] = key;
            ringAt = (ringAt + 1) % RECENT_ENTRIES;
          }
        }
      }
      events.push(e);
    },
    customer(c) {
      customers.push(c);
    },
    reject(line, reason) {
      rejectedCount++;
      if (rejects.length < REJECTS_KEPT) rejects.push({ line, reason });
      if (pendingRejects.length < REJECTS_KEPT) pendingRejects.push({ line, reason });
    },
  });

  const runId = runs.start(`${format}:${site}`, req.displayName ?? req.file, format, deps.now(), fileIdentity(st));
  const bulk = wantsBulkLoad(deps.db, req.bulkLoad ?? 'auto', st.size) && beginBulkLoad(deps.db, deps.now());
  // A bulk load lets the WAL grow to BULK_CHECKPOINT_PAGES between checkpoints instead of SQLite's
  // 1000: each checkpoint copies (and syncs) the b-trees' last pages again, which every batch
  // rewrites. A connection with automatic checkpoints off (the import worker) keeps its own policy.
  const autoCheckpoint = deps.db.pragma('wal_autocheckpoint', { simple: true }) as number;
  if (bulk && autoCheckpoint > 0) deps.db.pragma(`wal_autocheckpoint = ${Math.max(autoCheckpoint, BULK_CHECKPOINT_PAGES)}`);
  let lines = 0;
  let offset = 0;
  let newContacts = 0;
  let orphans = 0;
  const commit = () => {
    const batch = events;
    const rj = pendingRejects;
    events = [];
    pendingRejects = [];
    deps.store.write(() => {
      const r = deps.store.apply(batch);
      newContacts += r.newContacts;
      orphans += r.orphans;
      for (const x of rj) runs.reject(runId, x.line, x.reason);
      runs.progress(runId, { byteOffset: offset, lines, imported: translator.accepted(), contacts, rejected: rejectedCount });
      // IMMEDIATE (in store.write): take the write lock up front — the batch reads first, and a
      // deferred read-then-write fails at once while the live writer holds the lock.
    });
    deps.onApplied?.();
  };

  const perTransaction = req.eventsPerTransaction ?? EVENTS_PER_TRANSACTION;
  try {
    for await (const batch of readLineBatches(req.file, { includeUnterminated: true })) {
      for (let i = 0; i < batch.lines.length; i++) {
        translator.push(batch.lines[i]!, batch.firstLineNo + i);
        if (events.length >= perTransaction) {
          // Commit mid-chunk: the offset is that of the last line whose events are in the batch.
          lines = batch.firstLineNo + i;
          offset = batch.endOffsets[i] ?? offset;
          commit();
          // Beside a live console, leave the write lock free for a moment between transactions.
          if (req.yieldMs) await new Promise((r) => setTimeout(r, req.yieldMs));
        }
      }
      lines = batch.firstLineNo - 1 + batch.lines.length;
      offset = batch.endOffsets[batch.endOffsets.length - 1] ?? offset;
      req.onProgress?.({ bytes: offset, totalBytes: st.size, lines, contacts });
      if (req.signal?.aborted) {
        commit();
        runs.finish(runId, 'cancelled', deps.now(), null, null);
        return report('cancelled', {});
      }
    }
    const end = translator.finish();
    commit();
    if (customers.length) deps.onCustomers?.(customers);
    runs.finish(runId, 'done', deps.now(), end.unknownEvents, null);
    return report('done', end.unknownEvents);
  } catch (error) {
    runs.finish(runId, 'failed', deps.now(), null, error instanceof Error ? error.message : String(error));
    throw error;
  } finally {
    if (bulk) {
      // The load wrote no repeat flags (no caller index to find neighbours by): set them, moving
      // their sums in rollup_hour, then refill the tiers and the attempt rollup, triggers still off.
      const params = deps.store.params();
      try {
        restoreBulkIndexes(deps.db, () => {
          fillRollupZone(deps.db, params.timezone);
          refreshRepeatFlags(deps.db, repeatWindowMs(params), true, true);
          refillRollupTiers(deps.db, params.timezone);
          ensureAttemptRollup(deps.db);
        });
      } finally {
        if (autoCheckpoint > 0) deps.db.pragma(`wal_autocheckpoint = ${autoCheckpoint}`);
      }
    }
  }

  function report(status: 'done' | 'cancelled', unknownEvents: Record<string, number>): ImportReport {
    return {
      file: req.file,
      format,
      status,
      lines,
      imported: translator.accepted(),
      contacts,
      newContacts,
      rejected: rejects,
      rejectedCount,
      unknownEvents,
      orphanEvents: orphans,
      warnings: translator.warnings?.() ?? [],
      runId,
    };
  }
}
