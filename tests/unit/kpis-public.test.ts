import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { queryKpisFull } from '../../main/core/analytics/kpis-full';
import { createCore, type CoreInternals } from '../../main/core/app';
import { createMemorySettingsStore } from '../../main/core/settings/file-store';
import { defaultSettings } from '../../shared/contract/settings';
import { publicFile } from '../support/fixtures';

/**
 * KPI figures of the public datasets, imported through the ordinary import path, against figures
 * computed here from the raw files with plain string splitting (not the importer, not the rollup).
 */
let core: CoreInternals | null = null;
afterEach(() => {
  core?.close();
  core = null;
});

function open(zone: string) {
  core = createCore({ dbPath: ':memory:', settings: createMemorySettingsStore({ timezone: zone }), host: 'headless', version: 'test', runSources: false });
  return core;
}

const s = defaultSettings();
const kpis = (c: CoreInternals, zone: string, by: ('day' | 'agent' | 'reason')[]) =>
  queryKpisFull(c.db, { by, zone, repeatWindowHours: 72 }, { timezone: zone, targetSec: s.targetSec, shortAbandonSec: s.shortAbandonSec });

describe('KPIs of the public datasets', () => {
  it('PwC call centre: offered, answered, ASA, AHT and CSAT per day; answered per agent; per topic', async () => {
    const c = open('UTC');
    await c.importFile({ file: publicFile('pwc-call-center-2021q1', 'Call-Center-Dataset.csv'), format: 'csv', mapping: 'pwc', sourceTz: 'UTC' });
    const lines = fs.readFileSync(publicFile('pwc-call-center-2021q1', 'Call-Center-Dataset.csv'), 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).filter(Boolean);
    const head = lines[0]!.split(',');
    const col = (name: string) => head.indexOf(name);
    const rows = lines.slice(1).map((l) => l.split(','));
    const byDay = new Map<string, { offered: number; answered: number; abandoned: number; speed: number; talk: number; rated: number; happy: number }>();
    const answeredByAgent = new Map<string, number>();
    const byTopic = new Map<string, number>();
    for (const r of rows) {
      const day = r[col('Date')]!;
      const d = byDay.get(day) ?? { offered: 0, answered: 0, abandoned: 0, speed: 0, talk: 0, rated: 0, happy: 0 };
      d.offered++;
      byTopic.set(r[col('Topic')]!, (byTopic.get(r[col('Topic')]!) ?? 0) + 1);
      if (r[col('Answered (Y/N)')] === 'Y') {
        d.answered++;
        d.speed += Number(r[col('Speed of answer in seconds')]);
        const [h, m, sec] = r[col('AvgTalkDuration')]!.split(':').map(Number) as [number, number, number];
        d.talk += h * 3600 + m * 60 + sec;
        answeredByAgent.set(r[col('Agent')]!, (answeredByAgent.get(r[col('Agent')]!) ?? 0) + 1);
      } else d.abandoned++;
      const rating = r[col('Satisfaction rating')];
      if (rating) {
        d.rated++;
        if (Number(rating) >= 4) d.happy++;
      }
      byDay.set(day, d);
    }

    const days = kpis(c, 'UTC', ['day']);
    expect(days.map((r) => r.day)).toEqual([...byDay.keys()].sort());
    for (const r of days) {
      const d = byDay.get(r.day!)!;
      expect([r.offered, r.answered, r.unanswered]).toEqual([d.offered, d.answered, d.offered - d.answered]);
      expect(r.asaSec).toBeCloseTo(d.speed / d.answered, 6);
      // Abandoned calls have no wait in the file: unknown, so never short abandons, and the
      // average wait is the mean of the known (answered) waits only.
      expect([r.abandoned, r.shortAbandoned]).toEqual([d.abandoned, 0]);
      expect(r.avgWaitSec).toBeCloseTo(d.speed / d.answered, 6);
      expect(r.ahtSec).toBeCloseTo(d.talk / d.answered, 6);
      expect(r.csatResponses).toBe(d.rated);
      expect(r.csat).toBeCloseTo(d.happy / d.rated, 9);
    }
    // The quarter, counted independently with awk on the raw file (BOM and CR stripped):
    //   awk -F, 'NR>1{o++; if($6=="Y"){a++; s+=$8; if($8<=20) t++} else {ab++; if($8!="") w++}}'
    // → offered 5000, answered 4054, abandoned 946 (none with a wait), speed sum 273,729 s,
    // answered within 20 s: 374. Average wait = 273,729 / 4,054 = 67.52 s (not / 5,000 = 54.75 s,
    // which counted every abandon as 0 s); service level 374 / (4,054 + 946) = 7.48 %.
    const [all] = kpis(c, 'UTC', []);
    expect(all).toMatchObject({ offered: 5000, answered: 4054, abandoned: 946, shortAbandoned: 0, answeredInTarget: 374 });
    expect(all!.avgWaitSec).toBeCloseTo(273_729 / 4054, 9);
    expect(all!.asaSec).toBeCloseTo(273_729 / 4054, 9);
    expect(all!.serviceLevel).toBeCloseTo(374 / 5000, 9);
    // A one-off zone buckets the contacts themselves: the same figures.
    const [other] = kpis(c, 'Europe/Zurich', []);
    expect(other).toMatchObject({ shortAbandoned: 0, avgWaitSec: all!.avgWaitSec, serviceLevel: all!.serviceLevel });

    const agents = kpis(c, 'UTC', ['agent']);
    expect(Object.fromEntries(agents.filter((r) => r.answered > 0).map((r) => [r.agent, r.answered]))).toEqual(Object.fromEntries(answeredByAgent));
    const topics = kpis(c, 'UTC', ['reason']);
    expect(Object.fromEntries(topics.map((r) => [r.reason, r.offered]))).toEqual(Object.fromEntries(byTopic));
  });

  it('PBXware queue_log: offered, answered and ring-no-answer per local day and per agent', async () => {
    const zone = 'America/New_York';
    const c = open(zone);
    await c.importFile({ file: publicFile('queue_log-pbxware-2018', 'queue_log.csv'), sourceTz: zone });
    // Raw table export: date_time (epoch s), callid, queue_name, type (agent), event.
    const raw = fs.readFileSync(publicFile('queue_log-pbxware-2018', 'queue_log.csv'), 'utf8').split('\n').slice(1).filter(Boolean).map((l) => l.split(','));
    const dayOf = (epochSec: number) => new Date(epochSec * 1000).toLocaleDateString('en-CA', { timeZone: zone });
    const enter = new Map<string, string>();
    const offered = new Map<string, number>();
    for (const f of raw) {
      if (f[5] !== 'ENTERQUEUE') continue;
      const day = dayOf(Number(f[1]));
      enter.set(f[2]!, day);
      offered.set(day, (offered.get(day) ?? 0) + 1);
    }
    const answered = new Map<string, number>();
    const rnaByAgent = new Map<string, number>();
    for (const f of raw) {
      if (f[5] === 'CONNECT' && enter.has(f[2]!)) answered.set(enter.get(f[2]!)!, (answered.get(enter.get(f[2]!)!) ?? 0) + 1);
      if (f[5] === 'RINGNOANSWER') rnaByAgent.set(f[4]!, (rnaByAgent.get(f[4]!) ?? 0) + 1);
    }
    const days = kpis(c, zone, ['day']);
    expect(Object.fromEntries(days.map((r) => [r.day, r.offered]))).toEqual(Object.fromEntries(offered));
    expect(Object.fromEntries(days.filter((r) => r.answered > 0).map((r) => [r.day, r.answered]))).toEqual(Object.fromEntries(answered));
    const total = days.reduce((n, r) => n + r.rnaAttempts, 0);
    expect(total).toBe([...rnaByAgent.values()].reduce((a, b) => a + b, 0));
  });
});
