import { describe, expect, it } from 'vitest';
import type { IngestEvent } from '../ingest/events';
import { simulate } from './testing';
import type { Injection } from './types';

// Two weeks from Monday 2025-03-03 (Tallinn, UTC+2).
const FROM = Date.parse('2025-03-03T00:00:00+02:00');
const TO = FROM + 14 * 86_400_000;

const segmentOf = (events: IngestEvent[]) =>
  new Map(events.flatMap((e) => (e.kind === 'enqueued' ? [[e.id, e.segment ?? null] as const] : [])));

/** RNA rate of one agent for contacts of a segment (or of every other segment with `not`). */
function rnaRate(events: IngestEvent[], agent: string, segment: string, not = false) {
  const seg = segmentOf(events);
  let rings = 0;
  let rna = 0;
  for (const e of events) {
    if (e.kind !== 'ring' && e.kind !== 'ring-end') continue;
    if (e.agent !== agent || (seg.get(e.id) === segment) === not) continue;
    if (e.kind === 'ring') rings++;
    else if (e.result === 'no-answer') rna++;
  }
  return { rings, rate: rna / rings };
}

const hourFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Tallinn', hour: 'numeric', hourCycle: 'h23' });
const hourOf = (t: number) => Number(hourFormat.format(t));

/** Share of a segment's live-channel contacts entering in the given local hours that went unanswered. */
function unansweredShare(events: IngestEvent[], segment: string, hours: number[]) {
  const entered = new Map<string, boolean>();
  for (const e of events) {
    if (e.kind === 'enqueued' && e.at >= FROM && e.segment === segment && (e.channel === 'voice' || e.channel === 'chat')) {
      entered.set(e.id, hours.includes(hourOf(e.at)));
    }
  }
  let n = 0;
  let lost = 0;
  for (const e of events) {
    if (e.kind !== 'ended' || !entered.get(e.id)) continue;
    n++;
    if (e.outcome !== 'answered') lost++;
  }
  return { n, share: lost / n };
}

describe('simulator: planted anomalies', () => {
  const base = simulate({ from: FROM, to: TO });

  it('avoidance raises one agent’s ring-no-answer rate for one segment only', () => {
    const inject: Injection[] = [{ kind: 'avoidance', agent: 'kadri', segment: 'VIP', rnaRate: 0.7 }];
    const planted = simulate({ from: FROM, to: TO, inject });
    const before = rnaRate(base.events, 'kadri', 'VIP');
    const after = rnaRate(planted.events, 'kadri', 'VIP');
    expect(after.rings).toBeGreaterThan(15);
    expect(before.rate).toBeLessThan(0.2);
    expect(after.rate).toBeGreaterThan(0.5);
    // Other segments and other agents keep their usual rates.
    expect(rnaRate(planted.events, 'kadri', 'VIP', true).rate).toBeLessThan(0.1);
    expect(rnaRate(planted.events, 'jaan', 'VIP').rate).toBeLessThan(0.2);
  });

  it('unanswered multiplies abandonment for the segment in the given local hours', () => {
    const inject: Injection[] = [{ kind: 'unanswered', segment: 'Business', localHours: [13, 14], abandonFactor: 4 }];
    const planted = simulate({ from: FROM, to: TO, inject });
    const before = unansweredShare(base.events, 'Business', [13, 14]);
    const after = unansweredShare(planted.events, 'Business', [13, 14]);
    expect(after.n).toBeGreaterThan(150);
    expect(after.share).toBeGreaterThan(before.share * 2.5);
    expect(after.share).toBeGreaterThan(0.12);
    // Outside the window and for other segments nothing changes beyond noise.
    const otherHours = unansweredShare(planted.events, 'Business', [9, 10, 16, 17]);
    const otherHoursBase = unansweredShare(base.events, 'Business', [9, 10, 16, 17]);
    expect(Math.abs(otherHours.share - otherHoursBase.share)).toBeLessThan(0.05);
    const consumers = unansweredShare(planted.events, 'Consumer', [13, 14]);
    expect(consumers.share).toBeLessThan(after.share / 2);
  });

  it('respects weekdays and the from/to window', () => {
    // Active only on Saturdays, or only after the simulated period: traffic must be unchanged
    // in the second case (the injection never fires) and on weekdays in the first.
    const later: Injection[] = [{ kind: 'unanswered', segment: 'VIP', localHours: [10], abandonFactor: 10, from: TO + 1 }];
    expect(simulate({ from: FROM, to: TO, inject: later }).events).toEqual(base.events);
    const avoidLater: Injection[] = [{ kind: 'avoidance', agent: 'kadri', segment: 'VIP', rnaRate: 1, to: FROM - 1 }];
    expect(simulate({ from: FROM, to: TO, inject: avoidLater }).events).toEqual(base.events);

    const saturday: Injection[] = [
      { kind: 'unanswered', segment: 'Consumer', localHours: [10, 11, 12, 13], weekdays: [6], abandonFactor: 8 },
    ];
    const planted = simulate({ from: FROM, to: TO, inject: saturday });
    const weekdayFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Tallinn', weekday: 'short' });
    const weekdayOf = (t: number) => weekdayFormat.format(t);
    const lostOn = (events: IngestEvent[], day: string) => {
      const ids = new Set(
        events.filter((e) => e.kind === 'enqueued' && e.segment === 'Consumer' && e.channel === 'voice' && weekdayOf(e.at) === day && [10, 11, 12, 13].includes(hourOf(e.at))).map((e) => ('id' in e ? e.id : '')),
      );
      const ended = events.filter((e) => e.kind === 'ended' && ids.has(e.id));
      return ended.filter((e) => e.kind === 'ended' && e.outcome !== 'answered').length / ended.length;
    };
    expect(lostOn(planted.events, 'Sat')).toBeGreaterThan(lostOn(base.events, 'Sat') + 0.15);
  });
});
