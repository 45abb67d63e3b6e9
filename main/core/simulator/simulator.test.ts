import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../../shared/domain/channels';
import { CustomerRecord, IngestEvent } from '../ingest/events';
import { manualClock } from '../ports';
import { createSimulator, SEGMENTS } from './index';
import { contactOrderProblems, simulate } from './testing';

// Tuesday 2025-03-04 in Tallinn (UTC+2).
const DAY_START = Date.parse('2025-03-04T00:00:00+02:00');
const DAY = 86_400_000;

describe('simulator: one day of traffic', () => {
  const run = simulate({ from: DAY_START, to: DAY_START + DAY });
  const { events } = run;

  it('is deterministic for a seed and differs between seeds', () => {
    const again = simulate({ from: DAY_START, to: DAY_START + DAY });
    expect(again.events).toEqual(events);
    const other = simulate({ from: DAY_START, to: DAY_START + DAY, seed: 8 });
    expect(other.events).not.toEqual(events);
  });

  it('emits only valid ingest events, in time order', () => {
    for (const e of events) expect(IngestEvent.safeParse(e).success, JSON.stringify(e)).toBe(true);
    for (let i = 1; i < events.length; i++) {
      if ((events[i] as IngestEvent).at < (events[i - 1] as IngestEvent).at) throw new Error(`out of order at ${i}`);
    }
    expect(events.every((e) => e.source === 'simulator')).toBe(true);
  });

  it('keeps a valid event order per contact and unique ids', () => {
    expect(contactOrderProblems(events)).toEqual([]);
    const ids = events.filter((e) => e.kind === 'enqueued').map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => id.startsWith('sim-7-'))).toBe(true);
  });

  it('covers all channels, the segments and the behaviours analytics look for', () => {
    const enq = events.filter((e) => e.kind === 'enqueued');
    const fresh = enq.filter((e) => e.at >= DAY_START);
    expect(fresh.length).toBeGreaterThan(600);
    expect(new Set(enq.map((e) => e.channel))).toEqual(new Set(CHANNELS));
    const segments = new Set(enq.map((e) => e.segment).filter(Boolean));
    for (const s of SEGMENTS) expect(segments).toContain(s);
    expect(new Set(enq.map((e) => e.queue))).toEqual(new Set(['Sales', 'Support', 'Billing', 'Web chat', 'Inbox', 'Social', 'SMS']));

    const ended = events.filter((e) => e.kind === 'ended');
    const rna = events.filter((e) => e.kind === 'ring-end' && e.result === 'no-answer');
    expect(rna.length).toBeGreaterThan(5);
    expect(rna.every((e) => e.kind === 'ring-end' && (e.ringMs ?? 0) >= 14_000 && (e.ringMs ?? 0) <= 16_000)).toBe(true);
    expect(ended.filter((e) => e.outcome === 'abandoned').length).toBeGreaterThan(10);
    expect(ended.some((e) => e.resolved === false)).toBe(true);
    expect(ended.some((e) => e.csat != null)).toBe(true);
    expect(ended.filter((e) => e.outcome === 'answered').every((e) => (e.wrapMs ?? 0) > 0 && (e.talkMs ?? 0) > 0)).toBe(true);
    expect(enq.some((e) => e.extra?.repeatOf)).toBe(true);
    expect(events.some((e) => e.kind === 'agent' && e.action === 'pause' && e.reason === 'Lunch')).toBe(true);
  });

  it('gives each channel its own handle time', () => {
    const channelOf = new Map(events.flatMap((e) => (e.kind === 'enqueued' ? [[e.id, e.channel] as const] : [])));
    const talk: Record<string, number[]> = {};
    for (const e of events) {
      if (e.kind !== 'ended' || e.outcome !== 'answered' || e.reason?.startsWith('Transferred')) continue;
      (talk[channelOf.get(e.id) ?? '?'] ??= []).push((e.talkMs ?? 0) / 60_000);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    expect(median(talk.voice ?? [])).toBeGreaterThan(3);
    expect(median(talk.voice ?? [])).toBeLessThan(6);
    expect(median(talk.chat ?? [])).toBeGreaterThan(5.5);
    expect(median(talk.sms ?? [])).toBeLessThan(3);
  });

  it('reports generated contacts', () => {
    const generated = events.filter((e) => e.kind === 'enqueued').length;
    expect(run.sim.status()).toEqual({ running: false, seed: 7, generated });
  });
});

describe('simulator: directory and roster', () => {
  const sim = createSimulator({ seed: 1, clock: manualClock(0), timezone: 'UTC', emit: () => undefined });

  it('has a few thousand valid customers in four segments', () => {
    const records = sim.customers();
    for (const r of records.slice(0, 500)) expect(CustomerRecord.safeParse(r).success).toBe(true);
    expect(new Set(records.map((r) => r.caller)).size).toBe(records.length);
    const people = new Set(records.map((r) => r.ref));
    expect(people.size).toBeGreaterThan(3000);
    expect(new Set(records.map((r) => r.segment))).toEqual(new Set(SEGMENTS));
    const phones = records.filter((r) => r.caller.startsWith('+'));
    expect(phones.length).toBe(people.size);
    expect(phones.every((r) => /^\+3725\d{7}$/.test(r.caller))).toBe(true);
    expect(records.some((r) => r.caller.startsWith('@'))).toBe(true);
    const names = records.map((r) => r.name ?? '');
    expect(names.some((n) => /[õäöü]/i.test(n))).toBe(true);
    expect(names.some((n) => /^(Li|Wang|Zhang|Chen) /.test(n))).toBe(true);
  });

  it('has a roster of 20–25 named agents with skills', () => {
    const agents = sim.agents();
    expect(agents.length).toBeGreaterThanOrEqual(20);
    expect(agents.length).toBeLessThanOrEqual(25);
    expect(new Set(agents.map((a) => a.key)).size).toBe(agents.length);
    expect(agents.every((a) => a.channels.length > 0 && a.name.length > 0)).toBe(true);
    for (const c of CHANNELS) expect(agents.some((a) => a.channels.includes(c))).toBe(true);
  });

  it('rejects bad options', () => {
    const base = { seed: 1, clock: manualClock(0), emit: () => undefined };
    expect(() => createSimulator({ ...base, timezone: 'Mars/Olympus' })).toThrow();
    expect(() => createSimulator({ ...base, timezone: 'UTC', intensity: -1 })).toThrow();
    expect(() =>
      createSimulator({ ...base, timezone: 'UTC', inject: [{ kind: 'avoidance', agent: 'kadri', segment: 'VIP', rnaRate: 2 }] }),
    ).toThrow();
  });

  it('scales volume with intensity', () => {
    const count = (intensity: number) =>
      simulate({ from: DAY_START, to: DAY_START + DAY, intensity }).events.filter((e) => e.kind === 'enqueued' && e.at >= DAY_START).length;
    expect(count(0.5)).toBeLessThan(count(1) * 0.7);
  });
});
