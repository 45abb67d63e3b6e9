import { describe, expect, it } from 'vitest';
import { addLocalDays, createLocalTimeConverter, localDate, localDayStart, localDayStartOf, localHour, localHourStart, localHoursOfDay, localParts, localToUtc, zoneOffsetMs } from './time';

const TLL = 'Europe/Tallinn';

describe('site-local time', () => {
  it('knows Tallinn offsets either side of the 2024 DST changes', () => {
    expect(zoneOffsetMs(TLL, Date.UTC(2024, 2, 30, 12))).toBe(2 * 3600_000);
    expect(zoneOffsetMs(TLL, Date.UTC(2024, 2, 31, 12))).toBe(3 * 3600_000);
    expect(zoneOffsetMs(TLL, Date.UTC(2024, 9, 27, 12))).toBe(2 * 3600_000);
  });

  it('gives 23 hourly buckets on the spring-forward day and 25 on the fall-back day', () => {
    const spring = localHoursOfDay(TLL, '2024-03-31');
    expect(spring).toHaveLength(23);
    expect(spring.map((h) => h.hour)).not.toContain(3);
    const autumn = localHoursOfDay(TLL, '2024-10-27');
    expect(autumn).toHaveLength(25);
    expect(autumn.filter((h) => h.hour === 3)).toHaveLength(2);
    expect(localHoursOfDay(TLL, '2024-06-01')).toHaveLength(24);
    // Buckets tile the day exactly.
    for (const day of [spring, autumn]) {
      for (let i = 1; i < day.length; i++) expect(day[i]!.start).toBe(day[i - 1]!.end);
    }
  });

  it('maps local wall times to UTC in gaps and overlaps by the documented rule', () => {
    // 03:30 does not exist on 2024-03-31 in Tallinn (03:00 → 04:00): the instant after the gap.
    expect(localToUtc(TLL, 2024, 3, 31, 3, 30)).toBe(Date.UTC(2024, 2, 31, 1, 30));
    // 03:30 exists twice on 2024-10-27: the earlier (summer time, UTC+3) is chosen.
    expect(localToUtc(TLL, 2024, 10, 27, 3, 30)).toBe(Date.UTC(2024, 9, 27, 0, 30));
    expect(localToUtc('UTC', 2024, 1, 1, 0, 0)).toBe(Date.UTC(2024, 0, 1));
  });

  it('finds the local day and its start across midnight and DST', () => {
    const t = Date.UTC(2024, 9, 26, 22, 30); // 01:30 local on the 27th (UTC+3)
    expect(localDate(TLL, t)).toBe('2024-10-27');
    expect(localDayStart(TLL, t)).toBe(Date.UTC(2024, 9, 26, 21));
    expect(localDayStartOf(TLL, '2024-10-28')).toBe(Date.UTC(2024, 9, 27, 22));
    expect(addLocalDays('2024-02-28', 2)).toBe('2024-03-01');
  });

  it('buckets half-hour zones by their own local hours', () => {
    const t = Date.UTC(2024, 5, 1, 6, 10); // 09:40 in Tehran (UTC+3:30)
    expect(localHour('Asia/Tehran', t)).toBe(9);
    expect(localHourStart('Asia/Tehran', t)).toBe(Date.UTC(2024, 5, 1, 5, 30));
  });

  it('resolves every wall minute around DST changes like a search over local readings', () => {
    // Lord Howe shifts by 30 min; Apia skipped 2011-12-30 whole; Tallinn is the usual hour.
    const cases: [string, number][] = [
      [TLL, Date.UTC(2024, 9, 27, 3)],
      [TLL, Date.UTC(2024, 2, 31, 3)],
      ['Australia/Lord_Howe', Date.UTC(2024, 3, 7, 1, 45)],
      ['Australia/Lord_Howe', Date.UTC(2024, 9, 6, 2, 15)],
      ['Pacific/Apia', Date.UTC(2011, 11, 30, 12)],
    ];
    for (const [zone, centre] of cases) {
      const conv = createLocalTimeConverter(zone);
      for (let wall = centre - 90 * 60_000; wall <= centre + 90 * 60_000; wall += 5 * 60_000) {
        // Every instant whose local reading is that wall time (offsets lie within −12 h … +14 h and
        // are multiples of 15 min here, so a 5-min grid from the wall time finds them all).
        const readings: number[] = [];
        for (let t = wall - 14 * 3_600_000; t <= wall + 12 * 3_600_000; t += 5 * 60_000) {
          const p = localParts(zone, t);
          if (Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) === wall) readings.push(t);
        }
        const r = conv.resolve(wall);
        if (readings.length === 0) {
          expect(r.kind).toBe('gap');
          // Read with the offset before the gap: as far past the gap's end as the wall time is past its start.
          expect(r.earlier).toBe(wall - zoneOffsetMs(zone, wall - 86_400_000));
        } else {
          expect([r.earlier, r.later]).toEqual([readings[0], readings[readings.length - 1]]);
          expect(r.kind).toBe(readings.length > 1 ? 'overlap' : 'normal');
        }
        const d = new Date(wall);
        expect(localToUtc(zone, d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes())).toBe(r.earlier);
      }
    }
  });
});
