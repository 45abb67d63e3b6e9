import { SimulatorStatus } from '../../shared/contract/api';
import { localDate, localDayStart } from '../../shared/domain/time';
import { openDb, type Db } from '../db/open';
import { createDispatcher, type Handlers } from './api/dispatcher';
import { createEventHub } from './api/event-hub';
import type { CustomerRecord, IngestEvent } from './ingest/events';
import { importFile, type ImportReport, type ImportRequest } from './ingest/import/driver';
import { rebuildRollups, writeSegmentRules, type RollupParams } from './ingest/rollup';
import { createIngestStore, type IngestStore } from './ingest/store';
import { createLiveService } from './live/service';
import { silentNotifier, systemClock } from './ports';
import { createSimulator, type Simulator } from './simulator';
import type { Core, CoreOptions } from './types';

const ROLLUP_META_KEY = 'rollup.params';

/** Days since 1970 of a local date: the simulator's per-day seed, so a restart replays the same day. */
const dayNumber = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);

export interface CoreInternals extends Core {
  db: Db;
  store: IngestStore;
  simulator: Simulator | null;
  /** Upserts directory entries and re-segments history (rollups rebuilt when anything changed). */
  importCustomers(records: readonly CustomerRecord[]): number;
  /** Imports a file through the ingest path (see ingest/import/driver.ts). */
  importFile(request: ImportRequest): Promise<ImportReport>;
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

  const rollupParams = (): RollupParams => {
    const s = settings.get();
    return { timezone: s.timezone, targetSec: s.targetSec, shortAbandonSec: s.shortAbandonSec, segmentRules: s.segmentRules };
  };
  const metaGet = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
  const metaSet = db.prepare<[string, string]>('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  /** Rollups depend on zone, targets and thresholds: rebuild when those differ from the last build. */
  const ensureRollups = (force = false) => {
    const key = JSON.stringify(rollupParams());
    if (!force && metaGet.get(ROLLUP_META_KEY)?.value === key) return;
    writeSegmentRules(db, settings.get().segmentRules);
    rebuildRollups(db, rollupParams());
    metaSet.run(ROLLUP_META_KEY, key);
  };
  ensureRollups();

  const store = createIngestStore(db, rollupParams);
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
    if (changed > 0) ensureRollups(true);
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
      emit: ingest,
      // A failed write (disk full, database locked too long) must not take the host down.
      onError: (error) => log(`simulator: ${error instanceof Error ? error.message : String(error)}`),
    });
    importCustomers(simulator.customers());
    // Today so far, so a fresh console looks like a floor that has been open since morning.
    if (simOptions.backfill !== false) simulator.backfill(localDayStart(zone, now), now);
    simulator.start();
  }

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
  };

  return {
    db,
    store,
    simulator,
    dispatcher: createDispatcher(handlers, log),
    events: hub,
    ingest,
    importCustomers,
    importFile: (request) =>
      importFile({ db, store, now: () => clock.now(), onApplied: () => live.changed(), onCustomers: (c) => importCustomers(c) }, request),
    close() {
      simulator?.stop();
      live.stop();
      offSettings();
      db.close();
    },
  };
}
