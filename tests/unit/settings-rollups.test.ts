import { afterEach, describe, expect, it } from 'vitest';
import { queryKpisFull } from '../../main/core/analytics/kpis-full';
import { createCore, type CoreInternals } from '../../main/core/app';
import { rollupParamsOf } from '../../main/core/ingest/rollup';
import { createMemorySettingsStore } from '../../main/core/settings/file-store';
import type { SettingsStore } from '../../main/core/ports';
import type { Settings } from '../../shared/contract/settings';
import { publicFile } from '../support/fixtures';

/**
 * A supervisor saves new settings on a console that already holds a month of calls (the Technion
 * bank, August 1999): the figures afterwards equal those of a console that had the new settings
 * from the start, and the sums that could be moved were moved rather than rebuilt.
 */
const BANK = publicFile('technion-anonymous-bank-1999-08', 'anonymous_bank_calls_1999-08.csv');
const opened: CoreInternals[] = [];
afterEach(() => {
  for (const c of opened.splice(0)) c.close();
});

async function openConsole(initial: Partial<Settings>, log?: string[]): Promise<{ core: CoreInternals; settings: SettingsStore }> {
  const settings = createMemorySettingsStore(initial);
  const core = createCore({ dbPath: ':memory:', settings, host: 'headless', version: 'test', runSources: false, log: log ? (m) => log.push(m) : undefined });
  opened.push(core);
  const report = await core.importFile({ file: BANK, format: 'csv', mapping: 'technion-bank', sourceTz: 'Asia/Jerusalem' });
  expect(report.contacts).toBeGreaterThan(30_000);
  return { core, settings };
}

/** Every KPI by local day × hour × agent, and by segment, as the review screens read them. */
function figures(core: CoreInternals, s: Settings) {
  const rollup = rollupParamsOf(s);
  const q = { zone: s.timezone, repeatWindowHours: s.repeatWindowHours };
  return [queryKpisFull(core.db, { ...q, by: ['day', 'hour', 'agent'] }, rollup), queryKpisFull(core.db, { ...q, by: ['weekday', 'hour', 'segment'] }, rollup)];
}

describe('saving settings that the rollups depend on', () => {
  it('answer target, short-abandon threshold, zone and repeat window: same figures as a console set up that way', async () => {
    const log: string[] = [];
    const { core, settings } = await openConsole({ timezone: 'Asia/Jerusalem' }, log);
    const before = figures(core, settings.get());
    log.length = 0;
    settings.update({ targetSec: { ...settings.get().targetSec, voice: 30 } });
    settings.update({ shortAbandonSec: 12 });
    settings.update({ timezone: 'Europe/Tallinn' });
    settings.update({ repeatWindowHours: 24 });
    expect(log).toEqual(Array(4).fill('rollups updated for the settings'));
    const after = figures(core, settings.get());
    expect(after).not.toEqual(before);

    const fresh = await openConsole(settings.get());
    expect(after).toEqual(figures(fresh.core, fresh.settings.get()));
  });

  // The fresh console imports in Kolkata (UTC+05:30), so this also holds the import's hour
  // buckets in a half-hour zone to a rebuild's, on a file whose calls are not in time order.
  it('segment rules and a part-hour zone rebuild, with the same result', async () => {
    const log: string[] = [];
    const { core, settings } = await openConsole({ timezone: 'Asia/Jerusalem' }, log);
    log.length = 0;
    settings.update({ segmentRules: [{ kind: 'prefix', pattern: '1', segment: 'Ones' }] });
    settings.update({ timezone: 'Asia/Kolkata' });
    expect(log).toEqual(Array(2).fill('rollups rebuilt for the settings'));
    const fresh = await openConsole(settings.get());
    expect(figures(core, settings.get())).toEqual(figures(fresh.core, fresh.settings.get()));
  });
});
