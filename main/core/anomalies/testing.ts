import { defaultSettings, type Settings } from '../../../shared/contract/settings';
import { openDb, type Db } from '../../db/open';
import { rebuildRollups, rollupParamsOf, type RollupParams } from '../ingest/rollup';
import { createIngestStore } from '../ingest/store';
import { manualClock } from '../ports';
import { createMemorySettingsStore } from '../settings/file-store';
import { createSimulator, type Injection } from '../simulator';
import { ensureAttemptRollup } from './attempt-rollup';
import { createAnomalyService } from './service';

/**
 * A database filled with simulated days (and planted anomalies), for the detection tests and the
 * quality benchmark. No core, no timers: a manual clock at the end of the simulated range.
 */
export function simulatedDb(options: { from: number; days: number; seed: number; timezone?: string; inject?: Injection[]; settings?: Partial<Settings>; file?: string }) {
  const timezone = options.timezone ?? 'Europe/Tallinn';
  const to = options.from + options.days * 86_400_000;
  const clock = manualClock(to);
  const settings = createMemorySettingsStore({ timezone, ...options.settings });
  const db: Db = openDb(options.file ?? ':memory:');
  const s = settings.get();
  const params = (): RollupParams => ({ ...rollupParamsOf(s), timezone });
  const store = createIngestStore(db, params);
  const sim = createSimulator({ seed: options.seed, clock, timezone, inject: options.inject, emit: (batch) => store.apply(batch) });
  store.upsertCustomers(sim.customers(), options.from);
  rebuildRollups(db, params());
  // Built (empty) before the traffic, so the attempt rollup below is the one its triggers kept.
  ensureAttemptRollup(db);
  sim.backfill(options.from, to);
  const service = createAnomalyService({ db, settings, clock });
  return { db, settings, clock, service, sim, to, close: () => db.close() };
}

export const DEFAULT_ANOMALY_SETTINGS = defaultSettings().anomalies;
