import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IngestEvent } from '../ingest/events';
import { manualClock } from '../ports';
import { createSimulator } from './index';
import { contactOrderProblems, simulate, waitingIds } from './testing';

// Tuesday 2025-03-04 in Tallinn (UTC+2).
const DAY_START = Date.parse('2025-03-04T00:00:00+02:00');
const HOUR = 3_600_000;

describe('simulator: real time', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function live(now: number) {
    const clock = manualClock(now);
    const batches: IngestEvent[][] = [];
    const sim = createSimulator({ seed: 7, clock, timezone: 'Europe/Tallinn', emit: (b) => batches.push(b) });
    const events = () => batches.flat();
    /** Moves the clock and lets the 200 ms timer fire, as wall time would. */
    const run = (ms: number) => {
      for (let t = 0; t < ms; t += 200) {
        clock.advance(200);
        vi.advanceTimersByTime(200);
      }
    };
    return { clock, sim, batches, events, run };
  }

  it('continues a backfill seamlessly: same events as one long backfill, no duplicate ids', () => {
    const now = DAY_START + 10 * HOUR + 17 * 60_000;
    const rt = live(now);
    rt.sim.backfill(DAY_START, now);
    const backfilled = rt.events();
    const waitingAtStart = waitingIds(backfilled);
    expect(waitingAtStart.size).toBeGreaterThanOrEqual(2);

    rt.sim.start();
    expect(rt.sim.status().running).toBe(true);
    rt.run(20 * 60_000);
    const all = rt.events();
    const liveEvents = all.slice(backfilled.length);
    expect(liveEvents.length).toBeGreaterThan(50);
    expect(liveEvents.every((e) => e.at > now - 1 && e.at <= rt.clock.now())).toBe(true);

    const enqueued = all.filter((e) => e.kind === 'enqueued').map((e) => e.id);
    expect(new Set(enqueued).size).toBe(enqueued.length);
    expect(contactOrderProblems(all)).toEqual([]);
    // Contacts that were waiting when the backfill stopped are answered or given up on later.
    const resolvedLater = liveEvents.filter((e) => (e.kind === 'answered' || e.kind === 'ended') && waitingAtStart.has(e.id));
    expect(resolvedLater.length).toBeGreaterThan(0);

    // Stepping in 200 ms ticks produces exactly what a single backfill to the same instant does.
    const oneShot = simulate({ from: DAY_START, to: rt.clock.now() });
    expect(all).toEqual(oneShot.events);
  });

  it('stops emitting when stopped and catches up when started again', () => {
    const now = DAY_START + 14 * HOUR;
    const rt = live(now);
    rt.sim.backfill(DAY_START, now);
    rt.sim.start();
    rt.run(60_000);
    rt.sim.stop();
    expect(rt.sim.status().running).toBe(false);
    const count = rt.batches.length;
    rt.run(5 * 60_000);
    expect(rt.batches.length).toBe(count);
    rt.sim.start();
    const caughtUp = rt.batches.slice(count).flat();
    expect(caughtUp.length).toBeGreaterThan(0);
    expect(Math.max(...caughtUp.map((e) => e.at))).toBeLessThanOrEqual(rt.clock.now());
    rt.sim.stop();
    const oneShot = simulate({ from: DAY_START, to: rt.clock.now() });
    expect(rt.events()).toEqual(oneShot.events);
  });

  it('starts without a backfill with contacts already waiting', () => {
    const rt = live(DAY_START + 3 * HOUR);
    rt.sim.start();
    expect(waitingIds(rt.events()).size).toBeGreaterThanOrEqual(2);
    expect(rt.events().some((e) => e.kind === 'agent' && e.action === 'login')).toBe(true);
    rt.run(10_000);
    expect(rt.sim.status().generated).toBeGreaterThan(0);
    rt.sim.stop();
  });
});

describe('simulator: a fresh console at any hour', () => {
  // The live screen's end-to-end tests backfill "today" and expect people waiting at once.
  const starts = [
    ['Tuesday', DAY_START],
    ['Sunday', Date.parse('2025-03-09T00:00:00+02:00')],
  ] as const;
  for (const [label, dayStart] of starts) {
    it(`has at least two contacts waiting right after a backfill of ${label} so far`, () => {
      for (let h = 0; h < 24; h += 1) {
        const now = dayStart + h * HOUR + 7 * 60_000;
        const { events } = simulate({ from: dayStart, to: now, seed: 3 });
        expect(waitingIds(events).size, `${label} ${h}:07`).toBeGreaterThanOrEqual(2);
      }
    });
  }
});
