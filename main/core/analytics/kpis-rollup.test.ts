import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../shared/contract/settings';
import { openDb, type Db } from '../../db/open';
import type { IngestEvent } from '../ingest/events';
import { CONTACT_ROW_SQL, rebuildRollups, REPEAT_AFTER, REPEAT_BEFORE, segmentsCurrent, type RollupParams } from '../ingest/rollup';
import { ROLLUP_SUMS } from '../ingest/rollup-sums';
import { createIngestStore } from '../ingest/store';
import { mulberry32 } from '../simulator/random';
import { keyOf, queryKpiExtras, type ExtraCounts } from './kpi-extras';
import { queryKpiGroups, type KpiGroup } from './kpis';
import { queryKpisFull } from './kpis-full';

const S = 'test';
const HOUR = 3_600_000;

const params = (zone: string, repeatWindowHours = 72): RollupParams => {
  const s = defaultSettings();
  return { timezone: zone, targetSec: s.targetSec, shortAbandonSec: s.shortAbandonSec, repeatWindowHours };
};

/**
 * A week of contacts from a few customers (so repeats inside and outside the window), with ring
 * attempts on several agents, transfers, surveys, contacts that cross midnight, and contacts that
 * reach the store out of time order and in pieces across batches.
 */
function history(seed: number, start: number, n: number): IngestEvent[][] {
  const rnd = mulberry32(seed);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const agents = ['SIP/1001', 'SIP/1002', 'SIP/1003', 'SIP/1004'];
  const contacts: IngestEvent[][] = [];
  for (let i = 0; i < n; i++) {
    const id = `c${i}`;
    const enter = start + Math.floor(rnd() * 7 * 24 * HOUR);
    const channel = rnd() < 0.75 ? 'voice' : 'chat';
    const caller = rnd() < 0.1 ? null : `+3725${Math.floor(rnd() * 25)}`;
    const ev: IngestEvent[] = [{ kind: 'enqueued', source: S, id, at: enter, channel, queue: channel === 'voice' ? pick(['Support', 'Sales']) : 'Web chat', caller, segment: rnd() < 0.3 ? 'Partner' : null }];
    let t = enter;
    const rings = Math.floor(rnd() * 3);
    for (let r = 0; r < rings; r++) {
      const agent = pick(agents);
      ev.push({ kind: 'ring', source: S, id, at: t + 1000, agent });
      ev.push({ kind: 'ring-end', source: S, id, at: t + 16_000, agent, ringMs: 15_000, result: rnd() < 0.8 ? 'no-answer' : 'canceled' });
      t += 16_000;
    }
    const fate = rnd();
    if (fate < 0.7) {
      const agent = pick(agents);
      const answer = t + 2000 + Math.floor(rnd() * 60_000);
      ev.push({ kind: 'ring', source: S, id, at: answer - 2000, agent });
      ev.push({ kind: 'answered', source: S, id, at: answer, agent, ringMs: 2000 });
      if (rnd() < 0.15) ev.push({ kind: 'transferred', source: S, id, at: answer + 30_000 });
      // Some conversations run past midnight.
      const talk = rnd() < 0.05 ? 3 * HOUR : 60_000 + Math.floor(rnd() * 600_000);
      ev.push({
        kind: 'ended',
        source: S,
        id,
        at: answer + talk,
        outcome: rnd() < 0.1 ? 'transferred' : 'answered',
        talkMs: talk,
        wrapMs: 10_000,
        csat: rnd() < 0.3 ? 1 + Math.floor(rnd() * 5) : null,
        nps: rnd() < 0.3 ? Math.floor(rnd() * 11) : null,
      });
    } else if (fate < 0.95) {
      // A transfer logged for a contact nobody answered is not an answered contact transferred.
      if (rnd() < 0.2) ev.push({ kind: 'transferred', source: S, id, at: t + 500 });
      ev.push({ kind: 'ended', source: S, id, at: t + Math.floor(rnd() * 120_000), outcome: 'abandoned' });
    }
    // else: still waiting
    contacts.push(ev);
  }
  // Batches: contacts in random order, each split in two parts that land in different batches.
  const order = contacts.map((_, i) => i).sort(() => rnd() - 0.5);
  const firsts: IngestEvent[] = [];
  const rests: IngestEvent[] = [];
  for (const i of order) {
    const cut = 1 + Math.floor(rnd() * contacts[i]!.length);
    firsts.push(...contacts[i]!.slice(0, cut));
    rests.push(...contacts[i]!.slice(cut));
  }
  const batches: IngestEvent[][] = [];
  for (const list of [firsts, rests]) for (let i = 0; i < list.length; i += 37) batches.push(list.slice(i, i + 37));
  return batches;
}

const allSums = (db: Db) => db.prepare(`SELECT * FROM rollup_hour WHERE ${ROLLUP_SUMS.map((c) => `${c} <> 0`).join(' OR ')} ORDER BY 1, 2, 3, 4, 5`).all();

/** A tier's rows that hold any figure, in key order. */
const tier = (db: Db, table: string) =>
  db.prepare(`SELECT * FROM ${table} WHERE ${ROLLUP_SUMS.map((c) => `${c} <> 0`).join(' OR ')} ORDER BY 1, 2, 3, 4, 5`).all();

/** The extra counts per group as the rollups give them. */
function fromRollups(db: Db, by: KpiGroup[], zone: string, p: RollupParams, from: string, to: string): Map<string, ExtraCounts> {
  const out = new Map<string, ExtraCounts>();
  for (const g of queryKpiGroups(db, { by, zone, from, to }, p)) out.set(keyOf(by, g.keys), g.extra!);
  return out;
}

function fromContacts(db: Db, by: KpiGroup[], zone: string, from: string, to: string, hours: number): Map<string, ExtraCounts> {
  const out = new Map<string, ExtraCounts>();
  for (const [k, v] of queryKpiExtras(db, { by, zone, from, to, repeatWindowHours: hours })) out.set(k, v.counts);
  return out;
}

const GROUPINGS: KpiGroup[][] = [['day'], ['hour'], ['agent'], ['day', 'agent'], ['segment', 'channel'], ['weekday', 'queue'], []];

describe('KPIs from rollups', () => {
  // The week of Tallinn's spring DST change (25 March 2024 is a Monday).
  for (const [zone, start] of [
    ['Europe/Tallinn', Date.UTC(2024, 2, 25, 0)],
    ['Asia/Kolkata', Date.UTC(2024, 2, 25, 0)],
  ] as const) {
    it(`give the RNA, transfer, repeat, FCR, CSAT and NPS counts that the contacts give (${zone})`, () => {
      const db = openDb(':memory:');
      const p = params(zone);
      const store = createIngestStore(db, () => p);
      for (const b of history(7, start, 400)) store.apply(b);
      // A directory entry arriving afterwards re-segments that customer's contacts.
      store.upsertCustomers([{ caller: '+37253', segment: 'VIP' }], 0);
      rebuildRollups(db, p);

      const flags = db.prepare('SELECT repeat_flags AS f, COUNT(*) AS n FROM contacts GROUP BY 1 ORDER BY 1').all() as { f: number; n: number }[];
      expect(flags.map((r) => r.f)).toEqual([0, REPEAT_BEFORE, REPEAT_AFTER, REPEAT_BEFORE | REPEAT_AFTER]);
      for (const by of GROUPINGS) {
        const a = fromRollups(db, by, zone, p, '2024-03-24', '2024-04-02');
        const b = fromContacts(db, by, zone, '2024-03-24', '2024-04-02', 72);
        // Groups that only ring attempts reach appear in both.
        expect([...a.keys()].sort(), by.join(',')).toEqual([...b.keys()].sort());
        for (const [k, counts] of b) expect(a.get(k), `${by.join(',')} ${k}`).toEqual(counts);
      }
      expect([...fromRollups(db, ['agent'], zone, p, '2024-03-24', '2024-04-02').values()].reduce((n, c) => n + c.rnaAttempts, 0)).toBeGreaterThan(50);
      db.close();
    });
  }

  it('stay equal to a rebuild while contacts arrive out of order, move, and change customer', () => {
    const zone = 'Europe/Tallinn';
    const db = openDb(':memory:');
    const p = params(zone, 24);
    // As the app starts: the tiers are built for the site zone before anything is ingested.
    rebuildRollups(db, p);
    const store = createIngestStore(db, () => p);
    for (const b of history(11, Date.UTC(2024, 9, 21, 0), 300)) store.apply(b);
    // A contact re-entered with another time and customer moves its flags and its neighbours'.
    store.apply([{ kind: 'enqueued', source: S, id: 'c5', at: Date.UTC(2024, 9, 23, 9), channel: 'voice', queue: 'Support', caller: '+37299999' }]);
    store.apply([{ kind: 'enqueued', source: S, id: 'c6', at: Date.UTC(2024, 9, 23, 9, 30), channel: 'voice', queue: 'Support', caller: '+37299999' }]);
    // A directory import after the calls: the contacts of those callers, their sums and their
    // ring attempts move to the new segment without a rebuild.
    expect(store.upsertCustomers([{ caller: '+37253', segment: 'VIP' }, { caller: '+372510', segment: 'Business' }, { caller: '+37299999', segment: 'VIP' }], 1)).toBe(3);
    expect(segmentsCurrent(db)).toBe(true);
    const resolved = db.prepare(`SELECT id, segment FROM (${CONTACT_ROW_SQL}) ORDER BY id`).all();
    expect(db.prepare('SELECT id, segment FROM contacts ORDER BY id').all()).toEqual(resolved);
    expect(db.prepare("SELECT count(*) AS n FROM contacts WHERE segment = 'VIP'").get()).not.toEqual({ n: 0 });
    const incremental = allSums(db);
    const dayAgent = tier(db, 'rollup_day_agent');
    const daySeg = tier(db, 'rollup_day_seg');
    const agentTotals = tier(db, 'rollup_day_agent_total');
    const storedFlags = db.prepare('SELECT id, repeat_flags FROM contacts ORDER BY id').all();
    rebuildRollups(db, p, { refreshFlags: true });
    expect(db.prepare('SELECT id, repeat_flags FROM contacts ORDER BY id').all()).toEqual(storedFlags);
    expect(allSums(db)).toEqual(incremental);
    // The tiers the triggers kept (the week of Tallinn's autumn DST change) equal their refill.
    expect(tier(db, 'rollup_day_agent')).toEqual(dayAgent);
    expect(tier(db, 'rollup_day_seg')).toEqual(daySeg);
    expect(tier(db, 'rollup_day_agent_total')).toEqual(agentTotals);
    expect(agentTotals.length).toBeGreaterThan(10);
    expect(dayAgent.length).toBeGreaterThan(20);
    const both = db.prepare("SELECT repeat_flags FROM contacts WHERE source_id IN ('c5', 'c6') ORDER BY source_id").all();
    expect(both).toEqual([{ repeat_flags: REPEAT_AFTER }, { repeat_flags: REPEAT_BEFORE }]);
    db.close();
  });

  it('answer the review table from the rollups, and from the contacts for another repeat window', () => {
    const zone = 'Europe/Tallinn';
    const db = openDb(':memory:');
    const p = params(zone);
    const store = createIngestStore(db, () => p);
    for (const b of history(3, Date.UTC(2024, 2, 25, 0), 200)) store.apply(b);
    const q = { by: ['day', 'agent'] as KpiGroup[], zone, from: '2024-03-24', to: '2024-04-02' };
    const rolled = queryKpisFull(db, { ...q, repeatWindowHours: 72 }, p);
    // A one-off window the flags were not set with is counted from the contacts.
    const counted = queryKpisFull(db, { ...q, repeatWindowHours: 72 }, { ...p, repeatWindowHours: 48 });
    expect(rolled).toEqual(counted.sort((x, y) => JSON.stringify([x.day, x.agent]).localeCompare(JSON.stringify([y.day, y.agent]))).map((r) => r));
    const shorter = queryKpisFull(db, { ...q, repeatWindowHours: 1 }, p);
    expect(shorter.reduce((n, r) => n + r.repeatContacts, 0)).toBeLessThan(rolled.reduce((n, r) => n + r.repeatContacts, 0));
    db.close();
  });
});
