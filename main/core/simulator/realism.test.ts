import { describe, expect, it } from 'vitest';
import type { IngestEvent } from '../ingest/events';
import { simulate } from './testing';

/**
 * Guards the tuning: a ~20-agent floor at the weekday peak shows a few waiting calls and a
 * service level of 70–90 %, nights stay quiet but not dead, and someone is always waiting.
 */
const MONDAY = Date.parse('2025-03-03T00:00:00+02:00');
const DAY = 86_400_000;
const hourFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Tallinn', hour: 'numeric', hourCycle: 'h23' });
const hourOf = (t: number) => Number(hourFormat.format(t));

interface Sample {
  t: number;
  waiting: number;
  voice: number;
}

/** Waiting contacts sampled once a minute. */
function sample(events: IngestEvent[], from: number, to: number): Sample[] {
  const channel = new Map<string, string>();
  const open = new Set<string>();
  const out: Sample[] = [];
  let next = from;
  const snap = () => {
    let voice = 0;
    for (const id of open) if (channel.get(id) === 'voice') voice++;
    out.push({ t: next, waiting: open.size, voice });
    next += 60_000;
  };
  for (const e of events) {
    while (e.at >= next && next < to) snap();
    if (e.kind === 'enqueued') {
      channel.set(e.id, e.channel);
      open.add(e.id);
    } else if (e.kind === 'answered' || e.kind === 'ended') open.delete(e.id);
  }
  while (next < to) snap();
  return out;
}

describe('simulator: realism of a working week', () => {
  const started = performance.now();
  const { events } = simulate({ from: MONDAY, to: MONDAY + 5 * DAY });
  const elapsed = performance.now() - started;

  it('backfills a day in well under a second', () => {
    expect(elapsed / 5).toBeLessThan(500);
  });

  it('runs the weekday peak at a 70–90 % voice service level with a few calls queued', () => {
    const voice = new Map<string, { enter: number; answer?: number; outcome?: string; wait?: number }>();
    for (const e of events) {
      if (e.kind === 'enqueued' && e.channel === 'voice' && e.at >= MONDAY) voice.set(e.id, { enter: e.at });
      const c = 'id' in e ? voice.get(e.id) : undefined;
      if (!c) continue;
      if (e.kind === 'answered') c.answer = e.at;
      if (e.kind === 'ended') {
        c.outcome = e.outcome;
        c.wait = e.waitMs ?? 0;
      }
    }
    const peak = [...voice.values()].filter((c) => c.outcome && hourOf(c.enter) >= 9 && hourOf(c.enter) < 13);
    const inTarget = peak.filter((c) => c.answer !== undefined && c.answer - c.enter <= 20_000).length;
    const counted = peak.filter((c) => c.answer !== undefined || (c.outcome === 'abandoned' && (c.wait ?? 0) > 5000)).length;
    const sl = inTarget / counted;
    expect(sl).toBeGreaterThan(0.68);
    expect(sl).toBeLessThan(0.92);
    const all = [...voice.values()].filter((c) => c.outcome);
    const abandonRate = all.filter((c) => c.outcome === 'abandoned').length / all.length;
    expect(abandonRate).toBeGreaterThan(0.02);
    expect(abandonRate).toBeLessThan(0.12);

    const samples = sample(events, MONDAY, MONDAY + 5 * DAY);
    const peakSamples = samples.filter((s) => hourOf(s.t) >= 9 && hourOf(s.t) < 13);
    const meanQueue = peakSamples.reduce((a, s) => a + s.voice, 0) / peakSamples.length;
    expect(meanQueue).toBeGreaterThan(0.1);
    expect(meanQueue).toBeLessThan(2);
    expect(Math.max(...peakSamples.map((s) => s.voice))).toBeGreaterThanOrEqual(3);
  });

  it('keeps nights quiet but not dead, and someone waiting at almost every minute', () => {
    const fresh = events.filter((e) => e.kind === 'enqueued' && e.at >= MONDAY);
    const night = fresh.filter((e) => hourOf(e.at) >= 1 && hourOf(e.at) < 5);
    const peak = fresh.filter((e) => hourOf(e.at) >= 9 && hourOf(e.at) < 13);
    expect(night.length / 5).toBeGreaterThan(3);
    expect(night.length).toBeLessThan(peak.length / 10);
    const samples = sample(events, MONDAY, MONDAY + 5 * DAY);
    expect(samples.filter((s) => s.waiting < 2).length / samples.length).toBeLessThan(0.01);
  });

  it('makes a month of history in seconds', () => {
    const t0 = performance.now();
    const month = simulate({ from: MONDAY, to: MONDAY + 30 * DAY });
    expect(performance.now() - t0).toBeLessThan(10_000);
    expect(month.events.filter((e) => e.kind === 'enqueued').length).toBeGreaterThan(15_000);
  });
});
