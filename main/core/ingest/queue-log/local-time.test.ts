import { describe, expect, it } from 'vitest';
import { createLocalTimeConverter, localDateTimeToUtc, parseDateTime } from './local-time';
import { parseLines } from './testing';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

describe('local datetime → UTC', () => {
  const tallinn = createLocalTimeConverter('Europe/Tallinn');
  const wall = (text: string): number => {
    const parsed = parseDateTime(text);
    if (!parsed) throw new Error(text);
    return parsed.wallMs;
  };

  it('uses the offset in force on each side of the spring gap (Tallinn 2024-03-31, 03:00 → 04:00)', () => {
    expect(iso(tallinn.toUtc(wall('2024-03-31 02:59:59')))).toBe('2024-03-31T00:59:59.000Z'); // EET +2
    expect(iso(tallinn.toUtc(wall('2024-03-31 04:00:00')))).toBe('2024-03-31T01:00:00.000Z'); // EEST +3
  });

  it('moves a wall time inside the gap forward by the gap length', () => {
    const r = tallinn.resolve(wall('2024-03-31 03:30:00'));
    expect(r.kind).toBe('gap');
    // 03:30 does not exist; it is read as 04:30 EEST.
    expect(iso(r.earlier)).toBe('2024-03-31T01:30:00.000Z');
    expect(r.earlier).toBe(r.later);
  });

  it('gives both readings of a wall time in the autumn overlap (Tallinn 2024-10-27, 04:00 → 03:00)', () => {
    const r = tallinn.resolve(wall('2024-10-27 03:30:00'));
    expect(r.kind).toBe('overlap');
    expect(iso(r.earlier)).toBe('2024-10-27T00:30:00.000Z'); // EEST +3
    expect(iso(r.later)).toBe('2024-10-27T01:30:00.000Z'); // EET +2
    expect(iso(tallinn.toUtc(wall('2024-10-27 03:30:00')))).toBe('2024-10-27T00:30:00.000Z');
    expect(iso(tallinn.toUtc(wall('2024-10-27 03:30:00'), 'later'))).toBe('2024-10-27T01:30:00.000Z');
    expect(iso(tallinn.toUtc(wall('2024-10-27 02:59:59')))).toBe('2024-10-26T23:59:59.000Z');
    expect(iso(tallinn.toUtc(wall('2024-10-27 04:00:00')))).toBe('2024-10-27T02:00:00.000Z');
  });

  it('handles US Eastern standard time (the PBXware server) and UTC', () => {
    expect(iso(localDateTimeToUtc('2018-11-30 13:31:17', 'America/New_York'))).toBe('2018-11-30T18:31:17.000Z');
    expect(iso(localDateTimeToUtc('2018-07-01 12:00:00', 'America/New_York'))).toBe('2018-07-01T16:00:00.000Z');
    expect(iso(localDateTimeToUtc('2023-02-05 00:09:13', 'UTC'))).toBe('2023-02-05T00:09:13.000Z');
  });

  it('honours an offset written in the text, and fractions of a second', () => {
    expect(iso(localDateTimeToUtc('2012-07-03 15:27:23.896208+02', 'UTC'))).toBe('2012-07-03T13:27:23.896Z');
    expect(iso(localDateTimeToUtc('2012-07-03T15:27:23Z', 'Europe/Tallinn'))).toBe('2012-07-03T15:27:23.000Z');
    expect(iso(localDateTimeToUtc('2012-07-03 15:27:23 -05:00', 'UTC'))).toBe('2012-07-03T20:27:23.000Z');
  });

  it('refuses impossible datetimes and unknown zones', () => {
    for (const bad of ['2023-02-30 10:00:00', '2023-13-01 10:00:00', '2023-01-01 24:00:00', '2023-01-01 10:61:00', '01/02/2023 10:00', '']) {
      expect(parseDateTime(bad)).toBeNull();
    }
    expect(() => createLocalTimeConverter('Mars/Olympus')).toThrow(RangeError);
  });
});

describe('table rows across a DST change', () => {
  const header = 'time,callid,queuename,agent,event,data1,data2,data3,data4,data5';

  it('keeps rows in insertion order monotonic through the autumn overlap', () => {
    const rows = [
      '2024-10-27 03:50:00,a.1,q,NONE,ENTERQUEUE,,100,1,,', // first pass (EEST)
      '2024-10-27 03:59:00,a.1,q,NONE,ABANDON,1,1,540,,',
      '2024-10-27 03:05:00,b.1,q,NONE,ENTERQUEUE,,100,1,,', // second pass (EET)
      '2024-10-27 03:20:00,b.1,q,NONE,ABANDON,1,1,900,,',
      '2024-10-27 04:10:00,c.1,q,NONE,ENTERQUEUE,,100,1,,',
    ];
    const { events, result } = parseLines([header, ...rows], { format: 'table', sourceTimeZone: 'Europe/Tallinn' });
    expect(result.stats.rejected).toBe(0);
    expect(events.map((e) => iso(e.at))).toEqual([
      '2024-10-27T00:50:00.000Z',
      '2024-10-27T00:59:00.000Z',
      '2024-10-27T01:05:00.000Z',
      '2024-10-27T01:20:00.000Z',
      '2024-10-27T02:10:00.000Z',
    ]);
  });

  it('reads a row in the spring gap forward', () => {
    const { events } = parseLines([header, '2024-03-31 03:15:00,a.1,q,NONE,ENTERQUEUE,,100,1,,'], { format: 'table', sourceTimeZone: 'Europe/Tallinn' });
    expect(iso(events[0].at)).toBe('2024-03-31T01:15:00.000Z');
  });
});
