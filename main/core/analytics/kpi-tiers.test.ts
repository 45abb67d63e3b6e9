import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../shared/contract/settings';
import { offsetFunction } from '../../../shared/domain/time';
import { openDb, type Db } from '../../db/open';
import type { IngestEvent } from '../ingest/events';
import { rebuildRollups, type RollupParams } from '../ingest/rollup';
import { tierZone, zoneOffsetChanges } from '../ingest/rollup-tiers';
import { createIngestStore } from '../ingest/store';
import { queryKpis, type KpiQuery } from './kpis';
import { tierPlan } from './kpi-tiers';

const ZONE = 'Europe/Tallinn';
const s = defaultSettings();
const paramsOf = (timezone: string): RollupParams => ({ timezone, targetSec: s.targetSec, shortAbandonSec: s.shortAbandonSec });
const HOUR = 3_600_000;

/**
 * Calls from 2026-03-20 to 2026-11-06: one every 5 h 17 min (so every local hour of the day is hit
 * over the months), denser around both DST changes of 2026 in Tallinn (29 March: 23-hour day;
 * 25 October: 25-hour day, local 03:00 twice). Queues, segments, agents and outcomes vary.
 */
function calls(prefix = 'c'): IngestEvent[] {
  const out: IngestEvent[] = [];
  const times: number[] = [];
  for (let t = Date.parse('2026-03-20T00:00:00Z'); t < Date.parse('2026-11-06T00:00:00Z'); t += 5 * HOUR + 17 * 60_000) times.push(t);
  for (const day of ['2026-03-28T20:00:00Z', '2026-10-24T20:00:00Z']) for (let i = 0; i < 60; i++) times.push(Date.parse(day) + i * 11 * 60_000);
  times.forEach((t, i) => {
    const base = { source: 'test', id: `${prefix}${i}` };
    const channel = i % 5 === 3 ? 'chat' : 'voice';
    const queue = channel === 'chat' ? 'Web chat' : i % 2 ? 'Support' : 'Sales';
    out.push({ kind: 'enqueued', ...base, at: t, channel, queue, caller: `+3725${i % 40}`, segment: ['VIP', 'Business', 'Consumer', null][i % 4] ?? null });
    const wait = 2000 + ((i * 7919) % 60_000);
    if (i % 7 === 0) out.push({ kind: 'ended', ...base, at: t + wait, outcome: 'abandoned', waitMs: wait });
    else {
      const agent = `agent-${i % 6}`;
      out.push({ kind: 'ring', ...base, at: t + wait - 1000, agent });
      out.push({ kind: 'answered', ...base, at: t + wait, agent, waitMs: wait });
      out.push({ kind: 'ended', ...base, at: t + wait + 90_000, outcome: 'answered', waitMs: wait, talkMs: 90_000 });
    }
  });
  return out.sort((a, b) => a.at - b.at);
}

/** The same query on the hourly tier alone (the tiers hidden as if never built), as the reference. */
function hourlyOnly(db: Db, q: KpiQuery, p: RollupParams) {
  const zone = tierZone(db);
  db.prepare("DELETE FROM meta WHERE key = 'rollup.zone'").run();
  try {
    return queryKpis(db, q, p);
  } finally {
    if (zone !== null) db.prepare("INSERT INTO meta (key, value) VALUES ('rollup.zone', ?)").run(zone);
  }
}

const QUERIES: Omit<KpiQuery, 'zone'>[] = [
  { by: ['hour', 'segment'] },
  { by: ['day'] },
  { by: ['day', 'segment', 'queue'] },
  { by: ['weekday', 'hour'] },
  { by: ['segment', 'channel'] },
  { by: [] },
  { from: '2026-03-29', to: '2026-03-29', by: ['hour'] },
  { from: '2026-10-25', to: '2026-10-25', by: ['hour', 'segment'] },
  { from: '2026-03-23', to: '2026-03-31', by: ['day', 'channel'] },
  { from: '2026-03-15', to: '2026-10-31', by: ['hour', 'weekday', 'segment'] },
  { from: '2026-04-01', to: '2026-10-31', by: ['hour'] },
  { from: '2026-03-29', to: '2026-10-27', by: ['hour', 'queue'] },
  { to: '2026-06-15', by: ['hour'] },
  { from: '2026-06-15', by: ['weekday'] },
  // rollup_day_agent: agents by day (across the autumn DST change), by weekday, over a range.
  { by: ['agent'] },
  { from: '2026-10-20', to: '2026-10-31', by: ['day', 'agent'] },
  { from: '2026-03-01', to: '2026-04-30', by: ['weekday', 'agent', 'segment'] },
  // The hourly tier with SQLite grouping by local day / hour / weekday (the reference keys in JS).
  { from: '2026-10-20', to: '2026-10-31', by: ['day', 'hour'] },
  { from: '2026-03-27', to: '2026-03-31', by: ['day', 'hour', 'segment'] },
  { by: ['day', 'hour', 'agent'] },
  { from: '2026-10-19', to: '2026-10-30', by: ['weekday', 'hour', 'agent'] },
  { by: ['hour', 'agent'] },
];

const tiers = (db: Db) => ({
  day: db.prepare('SELECT * FROM rollup_day_seg WHERE offered <> 0 OR answered <> 0 ORDER BY 1, 2, 3, 4').all(),
  month: db.prepare('SELECT * FROM rollup_month_seg WHERE offered <> 0 OR answered <> 0 ORDER BY 1, 2, 3, 4, 5, 6').all(),
  dayAgent: db.prepare('SELECT * FROM rollup_day_agent WHERE offered <> 0 OR answered <> 0 OR attempts <> 0 ORDER BY 1, 2, 3, 4, 5').all(),
  agentTotals: db.prepare('SELECT * FROM rollup_day_agent_total WHERE offered <> 0 OR answered <> 0 OR attempts <> 0 ORDER BY 1, 2').all(),
});

describe('coarse rollup tiers (day, month × weekday × hour)', () => {
  it('give exactly the KPIs of the hourly rollup, across both DST changes', () => {
    const db = openDb(':memory:');
    const p = paramsOf(ZONE);
    createIngestStore(db, () => p).apply(calls());
    rebuildRollups(db, p);
    expect(tierZone(db)).toBe(ZONE);
    for (const q of QUERIES) {
      const query = { ...q, zone: ZONE };
      expect(queryKpis(db, query, p), JSON.stringify(q)).toEqual(hourlyOnly(db, query, p));
    }
    // The 25-hour day: local 03:00 holds two hours of contacts; the 23-hour day has no 03:00.
    const autumn = queryKpis(db, { from: '2026-10-25', to: '2026-10-25', by: ['hour'], zone: ZONE }, p);
    const spring = queryKpis(db, { from: '2026-03-29', to: '2026-03-29', by: ['hour'], zone: ZONE }, p);
    expect(spring.map((r) => r.hour)).not.toContain(3);
    expect(autumn.find((r) => r.hour === 3)!.offered).toBeGreaterThan(autumn.find((r) => r.hour === 5)!.offered);
    db.close();
  });

  it('give the KPIs of the hourly rollup in half-hour zones, with and without DST', () => {
    // Kolkata (+05:30) and Lord Howe (+10:30, +11:00 in summer: a half-hour DST shift).
    for (const zone of ['Asia/Kolkata', 'Australia/Lord_Howe']) {
      const db = openDb(':memory:');
      const p = paramsOf(zone);
      createIngestStore(db, () => p).apply(calls());
      rebuildRollups(db, p);
      expect(tierZone(db)).toBe(zone);
      for (const q of [...QUERIES, { from: '2026-04-03', to: '2026-04-06', by: ['day', 'hour'] } satisfies Omit<KpiQuery, 'zone'>]) {
        const query = { ...q, zone };
        expect(queryKpis(db, query, p), `${zone} ${JSON.stringify(q)}`).toEqual(hourlyOnly(db, query, p));
      }
      db.close();
    }
  });

  it('reads the coarse tiers where they answer the query', () => {
    const db = openDb(':memory:');
    rebuildRollups(db, paramsOf(ZONE));
    const plan = (q: Omit<KpiQuery, 'zone'>) => tierPlan(db, { ...q, zone: ZONE });
    expect(plan({ by: ['day', 'segment'] })).toEqual({ tier: 'day' });
    expect(plan({ from: '2026-03-15', to: '2026-06-10', by: ['hour'] })).toEqual({
      tier: 'month',
      months: ['2026-04', '2026-05'],
      edges: [
        ['2026-03-15', '2026-03-31'],
        ['2026-06-01', '2026-06-10'],
      ],
    });
    expect(plan({ from: '2026-02-01', to: '2026-02-28', by: ['hour'] })).toEqual({ tier: 'month', months: ['2026-02', '2026-02'], edges: [] });
    expect(plan({ from: '2026-03-02', to: '2026-03-30', by: ['hour'] })).toBeNull();
    expect(plan({ by: ['day', 'hour'] })).toBeNull();
    // Agents have a day tier (rollup_day_agent) and no month tier.
    expect(plan({ by: ['agent'] })).toEqual({ tier: 'day' });
    expect(plan({ by: ['day', 'agent'] })).toEqual({ tier: 'day' });
    expect(plan({ from: '2026-02-01', to: '2026-02-28', by: ['hour', 'agent'] })).toBeNull();
    // Built for another zone: the tiers' local days are not this zone's.
    expect(tierPlan(db, { by: ['day'], zone: 'Asia/Tehran' })).toBeNull();
    db.close();
  });

  it('stay equal to a rebuild under incremental ingest, late completions and re-imports', () => {
    const db = openDb(':memory:');
    const p = paramsOf(ZONE);
    const store = createIngestStore(db, () => p);
    rebuildRollups(db, p);
    const events = calls();
    // Enter events first (contacts left waiting), their completions in later batches.
    const enters = events.filter((e) => e.kind === 'enqueued');
    const rest = events.filter((e) => e.kind !== 'enqueued');
    for (let i = 0; i < enters.length; i += 97) store.apply(enters.slice(i, i + 97));
    for (let i = 0; i < rest.length; i += 131) store.apply(rest.slice(i, i + 131));
    // Re-import everything (idempotent) and an overlapping slice.
    store.apply(events);
    store.apply(events.slice(500, 900));
    const incremental = tiers(db);
    expect(incremental.day.length).toBeGreaterThan(200);
    for (const q of QUERIES) expect(queryKpis(db, { ...q, zone: ZONE }, p)).toEqual(hourlyOnly(db, { ...q, zone: ZONE }, p));
    rebuildRollups(db, p);
    expect(tiers(db)).toEqual(incremental);
    db.close();
  });

  it('follow a directory change and a change of zone through the rebuild', () => {
    const db = openDb(':memory:');
    const store = createIngestStore(db, () => paramsOf(ZONE));
    rebuildRollups(db, paramsOf(ZONE));
    store.apply(calls());
    store.upsertCustomers([{ caller: '+37251', segment: 'Partner', name: null, ref: null }], 0);
    const kolkata = paramsOf('Asia/Kolkata');
    rebuildRollups(db, kolkata);
    expect(tierZone(db)).toBe('Asia/Kolkata');
    for (const q of QUERIES) {
      const query = { ...q, zone: 'Asia/Kolkata' };
      expect(queryKpis(db, query, kolkata), JSON.stringify(q)).toEqual(hourlyOnly(db, query, kolkata));
    }
    expect(queryKpis(db, { by: ['segment'], zone: 'Asia/Kolkata' }, kolkata).map((r) => r.segment)).toContain('Partner');
    // The raw path (another zone asked for) agrees as well.
    const raw = queryKpis(db, { by: ['hour'], zone: ZONE }, kolkata);
    rebuildRollups(db, paramsOf(ZONE));
    expect(queryKpis(db, { by: ['hour'], zone: ZONE }, paramsOf(ZONE))).toEqual(raw);
    db.close();
  });
});

describe('zone offsets table', () => {
  it('matches the zone offset at every instant, half-hour and former DST zones included', () => {
    for (const zone of ['Europe/Tallinn', 'Asia/Tehran', 'Asia/Kolkata', 'America/St_Johns', 'Australia/Lord_Howe', 'UTC']) {
      const changes = zoneOffsetChanges(zone, Date.UTC(2015, 0, 1), Date.UTC(2027, 0, 1));
      const off = offsetFunction(zone);
      const at = (t: number) => {
        let o = changes[0]![1];
        for (const [from, v] of changes) if (from <= t) o = v;
        return o;
      };
      for (let t = Date.UTC(2015, 0, 2); t < Date.UTC(2026, 11, 31); t += 37 * 60_000 * 61) expect(at(t), `${zone} ${new Date(t).toISOString()}`).toBe(off(t));
      for (const [from] of changes.slice(1)) {
        expect(at(from)).toBe(off(from));
        expect(at(from - 60_000)).toBe(off(from - 60_000));
      }
    }
  });
});
