import { describe, expect, it } from 'vitest';
import type { CoachingSession } from '../../../shared/contract/coaching';
import { instant, IcalError, parseCalendar, parseLine, prop, props, unescapeText, unfold } from '../../../tests/support/ical';
import { fold, toIcs } from './ics';
import { occurrences } from './recurrence';

const ZONE = 'Europe/Tallinn';

function session(over: Partial<CoachingSession>): CoachingSession {
  return {
    id: 1,
    uid: 'a1b2c3@floorwatch',
    agentId: 7,
    agentName: 'Mari Tamm',
    lead: 'Jüri Kask',
    startAt: 0,
    endAt: 0,
    topic: 'Ring-no-answer on VIP calls',
    agenda: 'Review flags; agree on actions, then follow up.\nSecond line; with "quotes", commas\\ and a backslash',
    status: 'scheduled',
    targetMetric: 'rnaRate',
    seriesId: null,
    evidence: [{ kind: 'anomaly', ref: '12', summary: 'RNA 38 % for VIP vs 9 % expected (q = 0.002)' }],
    ...over,
  };
}

describe('iCalendar export read back by an independent parser', () => {
  const spring = occurrences(ZONE, '2026-03-29T10:00', 45)[0]!;
  const winter = occurrences(ZONE, '2026-01-14T14:30', 30)[0]!;
  const autumn = occurrences(ZONE, '2026-10-25T03:30', 60)[0]!;
  const sessions = [
    session({ id: 1, uid: 'one@floorwatch', startAt: spring.startAt, endAt: spring.endAt }),
    session({ id: 2, uid: 'two@floorwatch', startAt: winter.startAt, endAt: winter.endAt, agentName: 'Wang Wei, Jr.', evidence: [] }),
    session({ id: 3, uid: 'three@floorwatch', startAt: autumn.startAt, endAt: autumn.endAt, status: 'cancelled', topic: 'پیگیری کیفیت تماس‌ها و رضایت مشتریان ویژه در ساعات شلوغ' }),
  ];
  const text = toIcs(sessions, {
    zone: ZONE,
    now: Date.UTC(2026, 0, 1, 12),
    leadEmail: (lead) => (lead === 'Jüri Kask' ? 'juri@example.ee' : null),
    agentEmail: (id) => (id === 7 ? 'mari@example.ee' : null),
  });
  const cal = parseCalendar(text);
  const events = cal.children.filter((c) => c.name === 'VEVENT');

  it('is a well-formed calendar with the required properties', () => {
    expect(prop(cal, 'VERSION')?.value).toBe('2.0');
    expect(prop(cal, 'PRODID')).toBeDefined();
    expect(events).toHaveLength(3);
    for (const e of events) for (const name of ['UID', 'DTSTAMP', 'DTSTART', 'SUMMARY']) expect(prop(e, name), name).toBeDefined();
    for (const e of events.slice(0, 2)) expect(prop(e, 'DTEND')).toBeDefined();
    expect(prop(events[0]!, 'DTSTAMP')!.value).toBe('20260101T120000Z');
  });

  it('round-trips UID, start, end and time zone, including DST days', () => {
    events.forEach((e, i) => {
      expect(prop(e, 'UID')!.value).toBe(sessions[i]!.uid);
      expect(prop(e, 'DTSTART')!.params.TZID).toBe(ZONE);
      expect(instant(cal, prop(e, 'DTSTART')!)).toBe(sessions[i]!.startAt);
      const end = prop(e, 'DTEND');
      if (end) expect(instant(cal, end)).toBe(sessions[i]!.endAt);
      else expect(instant(cal, prop(e, 'DTSTART')!) + Number(/^PT(\d+)M$/.exec(prop(e, 'DURATION')!.value)![1]) * 60_000).toBe(sessions[i]!.endAt);
    });
    // 03:30 EEST + 60 min ends at the second 03:30 (EET): a wall time that would read as the first.
    expect(prop(events[2]!, 'DTEND')).toBeUndefined();
    expect(prop(events[0]!, 'DTSTART')!.value).toBe('20260329T100000');
  });

  it('keeps the text: escaping, folding of long and multi-byte lines', () => {
    const desc = unescapeText(prop(events[0]!, 'DESCRIPTION')!.value);
    expect(desc).toContain('Second line; with "quotes", commas\\ and a backslash');
    expect(desc).toContain('anomaly 12: RNA 38 % for VIP');
    expect(unescapeText(prop(events[1]!, 'SUMMARY')!.value)).toBe('Coaching: Wang Wei, Jr. – Ring-no-answer on VIP calls');
    expect(unescapeText(prop(events[2]!, 'SUMMARY')!.value)).toContain('پیگیری کیفیت تماس‌ها');
    expect(prop(events[2]!, 'STATUS')!.value).toBe('CANCELLED');
  });

  it('names organizer and attendee only where e-mail is known, with quoted CN when needed', () => {
    expect(prop(events[0]!, 'ORGANIZER')).toMatchObject({ params: { CN: 'Jüri Kask' }, value: 'mailto:juri@example.ee' });
    expect(props(events[0]!, 'ATTENDEE').map((a) => a.value)).toContain('mailto:mari@example.ee');
    const noMail = toIcs([session({ startAt: winter.startAt, endAt: winter.endAt, lead: 'Nobody, Known' })], { zone: ZONE, now: 0, leadEmail: () => null, agentEmail: () => null });
    expect(noMail).not.toMatch(/ORGANIZER|ATTENDEE/);
    expect(parseLine('ATTENDEE;CN="Wang Wei, Jr.";ROLE=REQ-PARTICIPANT:mailto:w@x').params.CN).toBe('Wang Wei, Jr.');
  });

  it('has a VTIMEZONE with both offsets of Tallinn in 2026', () => {
    const tz = cal.children.find((c) => c.name === 'VTIMEZONE')!;
    const offsets = tz.children.map((c) => prop(c, 'TZOFFSETTO')!.value);
    expect(offsets).toEqual(expect.arrayContaining(['+0200', '+0300']));
    const daylight = tz.children.find((c) => c.name === 'DAYLIGHT')!;
    expect(prop(daylight, 'DTSTART')!.value).toBe('20260329T030000');
  });

  it('folds at 75 octets without splitting a UTF-8 character, and the parser rejects what RFC 5545 forbids', () => {
    const long = `DESCRIPTION:${'ä'.repeat(100)}`;
    const folded = fold(long);
    for (const line of folded.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(unfold(`${folded}\r\n`)).toEqual([long]);
    expect(() => unfold('BEGIN:VCALENDAR\nEND:VCALENDAR\n')).toThrow(IcalError);
    expect(() => unfold(`X:${'a'.repeat(80)}\r\n`)).toThrow(/75 octets/);
    expect(() => parseCalendar('BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VCALENDAR\r\n')).toThrow(IcalError);
  });
});
