import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SimulatorStatus } from '../../shared/contract/api';
import { ApiError } from '../../shared/contract/errors';
import type { ImportJob, ImportRun } from '../../shared/contract/sources';
import { localDate, localDayStart } from '../../shared/domain/time';
import { openDb, type Db } from '../db/open';
import { createAnomalyHandlers } from './anomalies/handlers';
import { createDispatcher, type Handlers } from './api/dispatcher';
import { coachingHandlers } from './coaching/handlers';
import { createEventHub } from './api/event-hub';
import type { CustomerRecord, IngestEvent } from './ingest/events';
import { readDirectoryCsv } from './ingest/customers';
import { importFile, type ImportReport, type ImportRequest } from './ingest/import/driver';
import { ImportError } from './ingest/import/formats';
import { createImportJobs, runImportWorker } from './ingest/import/jobs';
import { createRunLog } from './ingest/import/runs';
import { previewImport } from './ingest/import/preview';
import { createSourceManager } from './sources/manager';
import { rebuildPending, rollupParamsOf, segmentsCurrent, type RollupParams } from './ingest/rollup';
import { ensureRollupParams } from './ingest/rollup-update';
import { createIngestStore, type IngestStore } from './ingest/store';
import { createGateBuffer, liveGate } from './ingest/write-gate';
import { createLiveService } from './live/service';
import { silentNotifier, systemClock } from './ports';
import { createSimulator, type Simulator } from './simulator';
import type { Core, CoreOptions } from './types';
import { reviewHandlers } from './review/handlers';
import { agentHandlers } from './agents/handlers';

/** Days since 1970 of a local date: the simulator's per-day seed, so a restart replays the same day. */
const dayNumber = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);

export interface CoreInternals extends Core {
  db: Db;
  store: IngestStore;
  simulator: Simulator | null;
  /** Upserts directory entries and re-segments history (rollups rebuilt when anything changed). */
  importCustomers(records: readonly CustomerRecord[]): number;
  /** Imports a file through the ingest path (see ingest/import/driver.ts), on this thread. */
  importFile(request: ImportRequest): Promise<ImportReport>;
  /**
   * The same in a worker thread whose heap is capped (bounded memory on any file size); on this
   * thread for an in-memory database, which a worker cannot open.
   */
  importFileInWorker(request: Omit<ImportRequest, 'signal'>): Promise<ImportReport>;
  /** Where the host stores uploaded files until they are imported. */
  uploadsDir: string;
}

/**
 * Builds a running core from its ports. Every host (Electron, headless, CLI, tests) calls this;
 * nothing here knows which one it is.
 */
export function createCore(options: CoreOptions): CoreInternals {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? (() => undefined);
  const settings = options.settings;
  const _notifier = options.notifier ?? silentNotifier;
  const db = openDb(options.dbPath);
  const hub = createEventHub();

  const rollupParams = (): RollupParams => rollupParamsOf(settings.get());
  /**
   * Rollups depend on zone, targets, thresholds, repeat window and segment rules: when those
   * differ from what the rollups were built with, move the sums that change, or rebuild
   * (rollup-update.ts; `force` always rebuilds).
   */
  const ensureRollups = (force = false) => {
    const how = ensureRollupParams(db, rollupParams(), force);
    if (how !== 'unchanged') log(`rollups ${how} for the settings`);
  };
  ensureRollups();
  // A rebuild that could not finish (another writer held the database too long, say) is owed:
  // tried again every minute until it is done, not only at the next start.
  const owed = setInterval(() => {
    if (!db.open || rebuildPending(db) === null) return;
    try {
      ensureRollups();
    } catch (error) {
      log(`rollup rebuild: ${error instanceof Error ? error.message : String(error)}`);
    }
  }, 60_000);
  owed.unref?.();

  const gate = createGateBuffer();
  const store = createIngestStore(db, rollupParams, { gate: liveGate(gate) });
  const live = createLiveService(db, clock, settings, hub);
  const offSettings = settings.onChange((s) => {
    ensureRollups();
    hub.emit('settings.changed', s);
  });

  const ingest = (events: IngestEvent[]) => {
    if (events.length === 0) return;
    store.apply(events);
    live.changed();
  };

  const importCustomers = (records: readonly CustomerRecord[]) => {
    const changed = store.upsertCustomers(records, clock.now());
    // The store moves the rollup sums of re-segmented contacts itself while the stored segments
    // were current; otherwise everything is re-segmented and rebuilt.
    if (changed > 0 && !segmentsCurrent(db)) ensureRollups(true);
    return changed;
  };

  let simulator: Simulator | null = null;
  if (options.simulate) {
    const simOptions = typeof options.simulate === 'object' ? options.simulate : {};
    const zone = settings.get().timezone;
    const now = clock.now();
    simulator = createSimulator({
      seed: (simOptions.seed ?? 1) * 100_000 + dayNumber(localDate(zone, now)),
      clock,
      timezone: zone,
      // Three teams (75 agents) by default: a mid-size floor, lively enough to watch.
      teams: simOptions.teams ?? 3,
      emit: ingest,
      // A failed write (disk full, database locked too long) must not take the host down.
      onError: (error) => log(`simulator: ${error instanceof Error ? error.message : String(error)}`),
    });
    importCustomers(simulator.customers());
    // Today so far, so a fresh console looks like a floor that has been open since morning.
    if (simOptions.backfill !== false) simulator.backfill(localDayStart(zone, now), now);
    simulator.start();
  }

  const uploadsDir = options.uploadsDir ?? (options.dbPath === ':memory:' ? path.join(os.tmpdir(), 'floorwatch-uploads') : path.join(path.dirname(options.dbPath), 'uploads'));
  const runImport = (request: ImportRequest) =>
    importFile({ db, store, now: () => clock.now(), onApplied: () => live.changed(), onCustomers: (c) => importCustomers(c) }, request);
  const jobs = createImportJobs({
    dbPath: options.dbPath,
    hub,
    rollup: rollupParams,
    onApplied: () => live.changed(),
    importCustomers: (records) => importCustomers(records),
    inProcess: runImport,
    gate,
    // While workers import they checkpoint the WAL between their batches; otherwise the live
    // writer's commit that crosses the threshold would run the checkpoint on this thread.
    onWorkersActive: (active) => db.pragma(`wal_autocheckpoint = ${active ? 0 : 1000}`),
  });
  const sources = createSourceManager({ db, store, clock, hub, onApplied: () => live.changed(), log });
  if (options.runSources !== false) sources.startAll();

  const resolveFile = (input: { path?: string; uploadId?: string }): string => {
    const file = input.path ?? path.join(uploadsDir, input.uploadId!);
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new ApiError('not-found', `Cannot read ${input.path ?? 'the uploaded file'}: no such file.`);
    return file;
  };

  /** A directory CSV imported from a screen: small, done in-process, reported like a job. */
  const importDirectory = (file: string, name: string): ImportJob => {
    const job: ImportJob = { jobId: `dir-${clock.now()}`, file: name, state: 'running', bytes: 0, totalBytes: fs.statSync(file).size, lines: 0, contacts: 0, error: null, report: null };
    const runs = createRunLog(db);
    const runId = runs.start('customers', name, 'customers', clock.now(), null);
    void readDirectoryCsv(file).then(
      (r) => {
        const changed = importCustomers(r.records);
        db.transaction(() => {
          for (const x of r.rejected.slice(0, 1000)) runs.reject(runId, x.line, x.reason);
          runs.progress(runId, { byteOffset: job.totalBytes, lines: r.lines, imported: r.records.length, contacts: 0, rejected: r.rejected.length });
          runs.finish(runId, 'done', clock.now(), null, null);
        })();
        Object.assign(job, {
          state: 'done',
          bytes: job.totalBytes,
          lines: r.lines,
          report: { format: 'customers', lines: r.lines, imported: r.records.length, contacts: 0, newContacts: changed, rejected: r.rejected.slice(0, 200), rejectedCount: r.rejected.length, unknownEvents: {} },
        });
        hub.emit('import.progress', { ...job });
      },
      (e: unknown) => {
        Object.assign(job, { state: 'failed', error: e instanceof Error ? e.message : String(e) });
        runs.finish(runId, 'failed', clock.now(), null, job.error);
        hub.emit('import.progress', { ...job });
      },
    );
    return { ...job };
  };

  const simulatorStatus = (): SimulatorStatus =>
    simulator ? { available: true, ...simulator.status() } : { available: false, running: false, seed: 0, generated: 0 };

  const handlers: Handlers = {
    'app.info': (_input, ctx) => ({
      name: 'Floorwatch',
      version: options.version,
      timezone: settings.get().timezone,
      dbPath: options.dbPath,
      access: ctx.access,
      host: options.host,
    }),
    'settings.get': () => settings.get(),
    'settings.update': (patch) => settings.update(patch),
    'live.snapshot': () => live.snapshot(),
    'simulator.status': () => simulatorStatus(),
    'simulator.setRunning': ({ running }) => {
      if (simulator) {
        if (running) simulator.start();
        else simulator.stop();
      }
      const status = simulatorStatus();
      hub.emit('simulator.status', status);
      return status;
    },
    'sources.list': () => sources.list(),
    'sources.add': (input) => sources.add(input),
    'sources.update': ({ id, enabled, source }) => sources.update(id, { enabled, source }),
    'sources.remove': ({ id }) => ({ removed: sources.remove(id) }),
    'import.preview': (input) => previewImport(resolveFile(input), input),
    'import.start': (input) => {
      const file = resolveFile(input);
      const name = input.name ?? path.basename(file);
      if (input.format === 'customers') return importDirectory(file, name);
      try {
        return jobs.start({ file, format: input.format, site: input.site, sourceTz: input.sourceTz, mapping: input.mapping, mappingJson: input.mappingJson }, name);
      } catch (error) {
        if (error instanceof ImportError) throw new ApiError('bad-input', error.message);
        throw error;
      }
    },
    'import.cancel': ({ jobId }) => ({ cancelled: jobs.cancel(jobId) }),
    'import.jobs': () => jobs.list(),
    // Feature handlers are built in their own modules and spread here, one line each:
    // analytics & anomalies
    ...createAnomalyHandlers({ db, settings, clock, hub, notifier: _notifier, log, live: options.runSources !== false }),
    // coaching
    ...coachingHandlers({ db, settings, clock, hub, reminders: options.runSources !== false }),
    // offline review
    ...reviewHandlers({ db, hub, settings, clock, dbPath: options.dbPath, rollup: rollupParams, log, switchDatabase: options.switchDatabase }),
    // agents
    ...agentHandlers({ db, hub, directory: store.agents, onChanged: () => live.changed() }),
    'import.history': ({ limit }) =>
      db
        .prepare<[number], ImportRun>(
          `SELECT id, file, format, started_at AS startedAt, finished_at AS finishedAt, status, lines, imported, contacts, rejected, error
           FROM import_runs ORDER BY id DESC LIMIT ?`,
        )
        .all(limit),
  };

  return {
    db,
    store,
    simulator,
    dispatcher: createDispatcher(handlers, log),
    events: hub,
    ingest,
    importCustomers,
    importFile: runImport,
    importFileInWorker: ({ onProgress, ...request }) =>
      options.dbPath === ':memory:'
        ? runImport({ ...request, onProgress })
        : runImportWorker({ dbPath: options.dbPath, request, rollup: rollupParams(), gate, onProgress, onApplied: () => live.changed(), onCustomers: (c) => importCustomers(c) }).done,
    uploadsDir,
    stopSources: () => sources.stopAll(),
    close() {
      clearInterval(owed);
      void sources.stopAll();
      simulator?.stop();
      live.stop();
      offSettings();
      db.close();
    },
  };
}
