import { describe, expect, it } from 'vitest';
import type { CoachingSession } from '../../../../shared/contract/coaching';
import { localToUtc } from '../../../../shared/domain/time';
import { hourSpan, placeDay, rangeOf, routeParams, stepAnchor, visibleDays, weekStart } from './selectors';

const ZONE = 'Europe/Tallinn';
const at = (d: number, h: number, m = 0) => localToUtc(ZONE, 2026, 3, d, h, m);
const session = (id: number, start: number, minutes: number, agentId = id): CoachingSession => ({
  id,
  uid: `${id}`,
  agentId,
  agentName: `A${id}`,
  lead: 'L',
  startAt: start,
  endAt: start + minutes * 60_000,
  topic: 't',
  agenda: null,
  status: 'scheduled',
  targetMetric: null,
  seriesId: null,
  evidence: [],
});

describe('coaching selectors', () => {
  it('weeks run Monday to Sunday; views step by their unit', () => {
    expect(weekStart('2026-03-29')).toBe('2026-03-23');
    expect(weekStart('2026-03-23')).toBe('2026-03-23');
    // Persian weeks start on Saturday.
    expect(weekStart('2026-03-27', 6)).toBe('2026-03-21');
    expect(weekStart('2026-03-28', 6)).toBe('2026-03-28');
    expect(visibleDays('week', '2026-03-28', 6)[6]).toBe('2026-04-03');
    expect(visibleDays('week', '2026-03-25')).toEqual(['2026-03-23', '2026-03-24', '2026-03-25', '2026-03-26', '2026-03-27', '2026-03-28', '2026-03-29']);
    expect(visibleDays('day', '2026-03-25')).toEqual(['2026-03-25']);
    expect(rangeOf('list', '2026-03-25')).toEqual({ from: '2026-03-23', to: '2026-04-19' });
    expect(stepAnchor('day', '2026-03-29', 1)).toBe('2026-03-30');
    expect(stepAnchor('week', '2026-03-29', -1)).toBe('2026-03-22');
  });

  it('places sessions by local time on a DST day, overlapping ones side by side, touching ones in one lane', () => {
    const list = [session(1, at(29, 10), 30), session(2, at(29, 10, 15), 30), session(3, at(29, 10, 45), 15), session(4, at(30, 10), 30)];
    const placed = placeDay(list, ZONE, '2026-03-29', 7, 19);
    expect(placed.map((p) => [p.session.id, p.top, p.lane, p.lanes])).toEqual([
      [1, 180, 0, 2],
      [2, 195, 1, 2],
      [3, 225, 0, 1],
    ]);
  });

  it('widens the hours to fit early or late sessions', () => {
    expect(hourSpan([], ZONE)).toEqual([7, 19]);
    expect(hourSpan([session(1, at(3, 6, 30), 30), session(2, at(3, 20), 60)], ZONE)).toEqual([6, 21]);
  });

  it('reads the form and session parameters from the hash', () => {
    expect(routeParams('#/coaching?agent=3&anomaly=9')).toEqual({ agent: 3, anomaly: 9, session: null, view: null, date: null });
    expect(routeParams('#/coaching?session=12&view=day&date=2026-03-29')).toEqual({ agent: null, anomaly: null, session: 12, view: 'day', date: '2026-03-29' });
    expect(routeParams('#/coaching?agent=x&date=soon')).toEqual({ agent: null, anomaly: null, session: null, view: null, date: null });
  });
});
