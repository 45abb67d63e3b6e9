import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../shared/contract/settings';
import { openDb } from '../../db/open';
import type { IngestEvent } from '../ingest/events';
import { rebuildRollups, type RollupParams } from '../ingest/rollup';
import { createIngestStore } from '../ingest/store';
import { queryKpisFull } from './kpis-full';
import { queryKpis } from './kpis';

const ZONE = 'Europe/Tallinn';
const s = defaultSettings();
const params: RollupParams = { timezone: ZONE, targetSec: s.targetSec, shortAbandonSec: s.shortAbandonSec };
const at = (iso: string) => Date.parse(iso);

interface Call {
  id: string;
  enter: string;
  caller?: string;
  segment?: string;
  /** Agents who let it ring out before it was answered (or abandoned). */
  rna?: string[];
  agent?: string;
  waitSec: number;
  talkSec?: number;
  outcome?: 'abandoned' | 'timeout';
  transferred?: boolean;
  reason?: string;
  csat?: number;
  nps?: number;
}

function events(calls: Call[]): IngestEvent[] {
  const out: IngestEvent[] = [];
  for (const c of calls) {
    const t = at(c.enter);
    const base = { source: 'test', id: c.id };
    out.push({ kind: 'enqueued', ...base, at: t, channel: 'voice', queue: 'Support', caller: c.caller ?? null, segment: c.segment ?? null });
    let r = t + 1000;
    for (const a of c.rna ?? []) {
      out.push({ kind: 'ring', ...base, at: r, agent: a });
      out.push({ kind: 'ring-end', ...base, at: r + 500, agent: a, result: 'no-answer' });
      r += 600;
    }
    const answerAt = t + c.waitSec * 1000;
    if (c.agent) {
      out.push({ kind: 'ring', ...base, at: Math.min(r, answerAt - 1), agent: c.agent });
      out.push({ kind: 'answered', ...base, at: answerAt, agent: c.agent, waitMs: c.waitSec * 1000 });
      if (c.transferred) out.push({ kind: 'transferred', ...base, at: answerAt + 1000, to: 'Billing' });
      out.push({ kind: 'ended', ...base, at: answerAt + (c.talkSec ?? 60) * 1000, outcome: 'answered', waitMs: c.waitSec * 1000, talkMs: (c.talkSec ?? 60) * 1000, reason: c.reason ?? null, csat: c.csat ?? null, nps: c.nps ?? null });
    } else {
      out.push({ kind: 'ended', ...base, at: answerAt, outcome: c.outcome ?? 'abandoned', waitMs: c.waitSec * 1000, reason: c.reason ?? null });
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

function load(calls: Call[]) {
  const db = openDb(':memory:');
  const store = createIngestStore(db, () => params);
  rebuildRollups(db, params);
  store.apply(events(calls));
  return db;
}

// Spring forward in Tallinn: 2025-03-30 03:00 EET → 04:00 EEST (a 23-hour day).
const CALLS: Call[] = [
  { id: 'a', enter: '2025-03-30T02:30:00+02:00', caller: '+1', segment: 'VIP', agent: 'kadri', waitSec: 10, talkSec: 100, reason: 'billing', csat: 5, nps: 10 },
  { id: 'b', enter: '2025-03-30T04:10:00+03:00', caller: '+1', segment: 'VIP', rna: ['mart'], agent: 'kadri', waitSec: 30, talkSec: 200, reason: 'billing', transferred: true, csat: 2, nps: 3 },
  { id: 'c', enter: '2025-03-30T04:20:00+03:00', caller: '+2', segment: 'Consumer', waitSec: 3, reason: 'other' },
  { id: 'd', enter: '2025-03-30T04:40:00+03:00', caller: '+3', segment: 'Consumer', rna: ['kadri'], waitSec: 40 },
  { id: 'e', enter: '2025-03-30T05:00:00+03:00', caller: '+4', segment: 'Consumer', waitSec: 120, outcome: 'timeout' },
  // Crosses midnight: entered on the 30th, answered on the 31st; it belongs to the 30th, hour 23.
  { id: 'f', enter: '2025-03-30T23:59:00+03:00', caller: '+2', segment: 'Consumer', agent: 'mart', waitSec: 90, talkSec: 300, csat: 4, nps: 8 },
  // Repeat of +1 more than 72 h later: not a repeat.
  { id: 'g', enter: '2025-04-03T12:00:00+03:00', caller: '+1', segment: 'VIP', agent: 'kadri', waitSec: 5, talkSec: 60 },
];

describe('KPIs (hand-computed)', () => {
  const db = load(CALLS);
  const q = { from: '2025-03-30', to: '2025-03-30', zone: ZONE, repeatWindowHours: 72 };

  it('counts a DST day by local day and hour, contacts in the bucket of their enter time', () => {
    const [day] = queryKpisFull(db, { ...q, by: ['day'] }, params);
    expect(day).toMatchObject({ day: '2025-03-30', offered: 6, answered: 3, unanswered: 3, abandoned: 2, shortAbandoned: 1 });
    // SL = in 20 s / (answered + abandoned after 5 s) = a / (3 + 1).
    expect(day!.serviceLevel).toBeCloseTo(1 / 4, 12);
    expect(day!.answerRate).toBeCloseTo(3 / 6, 12);
    expect(day!.abandonRate).toBeCloseTo(2 / 6, 12);
    expect(day!.asaSec).toBeCloseTo((10 + 30 + 90) / 3, 9);
    expect(day!.avgWaitSec).toBeCloseTo((10 + 30 + 3 + 40 + 120 + 90) / 6, 9);
    expect(day!.ahtSec).toBeCloseTo((100 + 200 + 300) / 3, 9);
    const hours = queryKpisFull(db, { ...q, by: ['hour'] }, params).map((r) => [r.hour, r.offered]);
    // 02:30 local (before the jump), 04:xx (three), 05:00, 23:59; there is no 03:xx on this day.
    expect(hours).toEqual([
      [2, 1],
      [4, 3],
      [5, 1],
      [23, 1],
    ]);
  });

  it('RNA, transfers, repeat/FCR, CSAT and NPS', () => {
    const [day] = queryKpisFull(db, { ...q, by: ['day'] }, params);
    // Attempts: a(kadri), b(mart rna, kadri), d(kadri rna), f(mart) = 5, of which 2 rang out.
    expect(day).toMatchObject({ attempts: 5, rnaAttempts: 2, transferred: 1 });
    expect(day!.rnaRate).toBeCloseTo(2 / 5, 12);
    expect(day!.transferRate).toBeCloseTo(1 / 3, 12);
    // Repeats within 72 h: b (after a), f (after c) → 2 of 6 identified.
    expect(day!.repeatContacts).toBe(2);
    expect(day!.repeatRate).toBeCloseTo(2 / 6, 12);
    // Answered with a customer: a (followed by b → not resolved), b (g is > 72 h later), f → FCR 2/3.
    expect(day!.fcr).toBeCloseTo(2 / 3, 12);
    // CSAT 5, 2, 4 → 2 of 3 satisfied. NPS 10, 3, 8 → (1 − 1) / 3 = 0.
    expect(day!.csat).toBeCloseTo(2 / 3, 12);
    expect(day!.nps).toBe(0);
  });

  it('RNA by agent counts the agent who was rung, including one who answered nothing that day', () => {
    const rows = queryKpisFull(db, { ...q, by: ['agent'] }, params);
    const kadri = rows.find((r) => r.agent === 'kadri')!;
    const mart = rows.find((r) => r.agent === 'mart')!;
    expect([kadri.attempts, kadri.rnaAttempts, kadri.answered]).toEqual([3, 1, 2]);
    expect([mart.attempts, mart.rnaAttempts, mart.answered]).toEqual([2, 1, 1]);
  });

  it('groups by reason, repeat contacts by reason', () => {
    const rows = queryKpisFull(db, { ...q, by: ['reason'] }, params);
    const billing = rows.find((r) => r.reason === 'billing')!;
    expect([billing.offered, billing.answered, billing.repeatContacts]).toEqual([2, 2, 1]);
    expect(rows.find((r) => r.reason === 'other')).toMatchObject({ offered: 1, abandoned: 1, shortAbandoned: 1 });
  });

  it('a day when clocks go back has 25 hourly buckets: the repeated hour twice, told apart by its UTC offset', () => {
    // Tallinn falls back on 2025-10-26 at 04:00 EEST → 03:00 EET: 03:xx happens twice.
    const fall = load([
      { id: 'x1', enter: '2025-10-26T03:10:00+03:00', caller: '+7', agent: 'kadri', rna: ['mart'], waitSec: 10, talkSec: 60 },
      { id: 'x2', enter: '2025-10-26T03:20:00+03:00', caller: '+8', waitSec: 30 },
      { id: 'x3', enter: '2025-10-26T03:10:00+02:00', caller: '+9', agent: 'mart', waitSec: 5, talkSec: 60 },
      { id: 'x4', enter: '2025-10-26T04:30:00+02:00', caller: '+9', agent: 'mart', waitSec: 5, talkSec: 60 },
    ]);
    const day = { from: '2025-10-26', to: '2025-10-26', zone: ZONE, repeatWindowHours: 72, by: ['day', 'hour'] as const };
    const want = [
      ['2025-10-26', 3, '+03:00', 2, 1, 0.5],
      ['2025-10-26', 3, '+02:00', 1, 1, 0],
      ['2025-10-26', 4, '+02:00', 1, 1, 0],
    ];
    const rows = (r: ReturnType<typeof queryKpisFull>) => r.map((x) => [x.day, x.hour, x.utcOffset, x.offered, x.answered, x.rnaRate]);
    // From the rollups, and counted from the contacts (the rollups built in another zone).
    expect(rows(queryKpisFull(fall, { ...day, by: [...day.by] }, params))).toEqual(want);
    expect(rows(queryKpisFull(fall, { ...day, by: [...day.by] }, { ...params, timezone: 'UTC' }))).toEqual(want);
    // By hour of day alone, 03:00 is one hour of the day.
    expect(queryKpisFull(fall, { ...day, by: ['hour'] }, params).map((x) => [x.hour, x.offered, x.utcOffset])).toEqual([
      [3, 3, undefined],
      [4, 1, undefined],
    ]);
    fall.close();
  });

  it('the rollup path and the raw path agree (another zone forces the raw path)', () => {
    const viaRollup = queryKpis(db, { by: ['segment'], zone: ZONE }, params);
    const viaRaw = queryKpis(db, { by: ['segment'], zone: ZONE }, { ...params, timezone: 'UTC' });
    expect(viaRaw).toEqual(viaRollup);
  });

  it('stays correct when the same events are applied again and when a contact completes later', () => {
    const db2 = openDb(':memory:');
    const store = createIngestStore(db2, () => params);
    const evs = events(CALLS);
    const half = evs.findIndex((e) => e.kind === 'ended' && e.id === 'f');
    store.apply(evs.slice(0, half));
    store.apply(evs.slice(0, half));
    store.apply(evs.slice(half));
    store.apply(evs);
    expect(queryKpis(db2, { ...q, by: ['day'] }, params)).toEqual(queryKpis(db, { ...q, by: ['day'] }, params));
    // Ring attempts too: replayed ring-end/answered events without a ring time are the same rings.
    const attemptsOf = (d: typeof db) => d.prepare('SELECT contact_id, agent_id, at, ring_ms, result FROM attempts ORDER BY contact_id, at, agent_id').all();
    expect(attemptsOf(db2)).toEqual(attemptsOf(db));
    expect(queryKpisFull(db2, { ...q, by: ['agent'] }, params)).toEqual(queryKpisFull(db, { ...q, by: ['agent'] }, params));
    rebuildRollups(db2, params);
    expect(queryKpis(db2, { by: ['hour', 'segment'], zone: ZONE }, params)).toEqual(queryKpis(db, { by: ['hour', 'segment'], zone: ZONE }, params));
  });
});
