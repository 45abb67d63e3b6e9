/**
 * Wall-clock time in the site's IANA zone. Shifts and arrival profiles are local (an early shift
 * starts at 07:00 local on both sides of a DST change), so every conversion goes through the
 * zone's real offset at that instant.
 */
import { offsetFunction } from '../../../shared/domain/time';

const MINUTE = 60_000;
const DAY = 86_400_000;

export interface LocalParts {
  /** Days since 1970-01-01 in local time; identifies the local date. */
  day: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  hour: number;
  /** Minutes since local midnight (fractional). */
  minuteOfDay: number;
}

export interface Zone {
  readonly name: string;
  /** Local minus UTC, in ms, at instant t. */
  offsetAt(t: number): number;
  local(t: number): LocalParts;
  /** The instant a local wall-clock time occurs; a time skipped by DST lands just after the gap. */
  toUtc(day: number, minuteOfDay: number): number;
  startOfDay(day: number): number;
}

export function createZone(name: string): Zone {
  // Throws RangeError for an unknown zone, which is what a caller passing a bad zone should get.
  const offsetAt = offsetFunction(name);

  const local = (t: number): LocalParts => {
    const l = t + offsetAt(t);
    const day = Math.floor(l / DAY);
    const minuteOfDay = (l - day * DAY) / MINUTE;
    // 1970-01-01 was a Thursday.
    const weekday = (((day + 4) % 7) + 7) % 7;
    return { day, weekday, hour: Math.floor(minuteOfDay / 60), minuteOfDay };
  };

  const toUtc = (day: number, minuteOfDay: number): number => {
    const wall = day * DAY + minuteOfDay * MINUTE;
    const first = wall - offsetAt(wall);
    const second = wall - offsetAt(first);
    if (second + offsetAt(second) === wall) return second;
    // In a spring-forward gap neither guess maps back; the later offset gives the instant after it.
    return Math.max(first, second);
  };

  return { name, offsetAt, local, toUtc, startOfDay: (day) => toUtc(day, 0) };
}

export const TIME = { MINUTE, HOUR: 60 * MINUTE, DAY } as const;
