/**
 * Wall-clock time in the site's IANA zone. Shifts and arrival profiles are local (an early shift
 * starts at 07:00 local on both sides of a DST change), so every conversion goes through the
 * zone's real offset at that instant.
 */
const MINUTE = 60_000;
const DAY = 86_400_000;
/** Every zone offset in use is a multiple of 15 minutes and changes only on such a boundary. */
const OFFSET_SLOT = 15 * MINUTE;

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
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: name,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const cache = new Map<number, number>();

  const computeOffset = (t: number): number => {
    const fields: Record<string, number> = {};
    for (const part of format.formatToParts(t)) {
      if (part.type !== 'literal') fields[part.type] = Number(part.value);
    }
    const asUtc = Date.UTC(
      fields.year ?? 1970,
      (fields.month ?? 1) - 1,
      fields.day ?? 1,
      (fields.hour ?? 0) % 24,
      fields.minute ?? 0,
      fields.second ?? 0,
    );
    return asUtc - Math.floor(t / 1000) * 1000;
  };

  const offsetAt = (t: number): number => {
    const slot = Math.floor(t / OFFSET_SLOT);
    let offset = cache.get(slot);
    if (offset === undefined) {
      if (cache.size > 50_000) cache.clear();
      offset = computeOffset(slot * OFFSET_SLOT);
      cache.set(slot, offset);
    }
    return offset;
  };

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
