import { describe, expect, it } from 'vitest';
import { localParts } from '../../../shared/domain/time';
import { occurrences } from './recurrence';

const ZONE = 'Europe/Tallinn';

describe('recurrence and DST-day sessions (Europe/Tallinn)', () => {
  it('keeps the local wall-clock time across the spring change (29 March 2026: 03:00 → 04:00)', () => {
    const occ = occurrences(ZONE, '2026-03-23T10:00', 30, { every: 'weekly', count: 3 });
    expect(occ.map((o) => o.start)).toEqual(['2026-03-23T10:00', '2026-03-30T10:00', '2026-04-06T10:00']);
    // EET (UTC+2) before, EEST (UTC+3) after: 08:00Z then 07:00Z.
    expect(new Date(occ[0]!.startAt).toISOString()).toBe('2026-03-23T08:00:00.000Z');
    expect(new Date(occ[1]!.startAt).toISOString()).toBe('2026-03-30T07:00:00.000Z');
    for (const o of occ) expect(o.endAt - o.startAt).toBe(30 * 60_000);
  });

  it('a session across the change on the DST day itself lasts its real minutes', () => {
    // 02:30 local + 60 min on 29 March: 03:00–04:00 does not exist, so it ends at 04:30 local.
    const [o] = occurrences(ZONE, '2026-03-29T02:30', 60);
    expect(new Date(o!.startAt).toISOString()).toBe('2026-03-29T00:30:00.000Z');
    const end = localParts(ZONE, o!.endAt);
    expect([end.hour, end.minute]).toEqual([4, 30]);
  });

  it('a start inside the spring gap moves past the gap; in the autumn overlap it takes the first 03:30', () => {
    const [gap] = occurrences(ZONE, '2026-03-29T03:30', 30);
    expect(localParts(ZONE, gap!.startAt).hour).toBe(4);
    const [overlap] = occurrences(ZONE, '2026-10-25T03:30', 30);
    expect(new Date(overlap!.startAt).toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('biweekly until a date includes that date and stops after it', () => {
    const occ = occurrences(ZONE, '2026-01-05T09:00', 45, { every: 'biweekly', until: '2026-02-16' });
    expect(occ.map((o) => o.start.slice(0, 10))).toEqual(['2026-01-05', '2026-01-19', '2026-02-02', '2026-02-16']);
  });

  it('a single session without a rule, and a count limit', () => {
    expect(occurrences(ZONE, '2026-01-05T09:00', 45)).toHaveLength(1);
    expect(occurrences(ZONE, '2026-01-05T09:00', 45, { every: 'weekly', count: 5 })).toHaveLength(5);
  });
});
