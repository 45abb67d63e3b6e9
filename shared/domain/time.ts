/**
 * Site-local calendar arithmetic on UTC instants, in any IANA zone, correct across DST changes.
 * Pure ECMAScript (Intl), so the renderer and core share it. Formatters are cached per zone
 * because constructing Intl.DateTimeFormat costs far more than formatting.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(zone, f);
  }
  return f;
}

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

export function localParts(zone: string, t: number): LocalParts {
  const parts = formatter(zone).formatToParts(new Date(t));
  const out: LocalParts = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0, weekday: 0 };
  for (const p of parts) {
    switch (p.type) {
      case 'year':
        out.year = Number(p.value);
        break;
      case 'month':
        out.month = Number(p.value);
        break;
      case 'day':
        out.day = Number(p.value);
        break;
      case 'hour':
        out.hour = Number(p.value);
        break;
      case 'minute':
        out.minute = Number(p.value);
        break;
      case 'second':
        out.second = Number(p.value);
        break;
      case 'weekday':
        out.weekday = WEEKDAYS[p.value] ?? 0;
        break;
      default:
        break;
    }
  }
  return out;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const offsetFunctions = new Map<string, (t: number) => number>();

/**
 * The zone's offset function, cached per minute: offsets (since 1970) change only on whole
 * minutes, so one Intl lookup per minute serves every instant in it. Hot paths (parsers,
 * rollups, the simulator) call this millions of times. Throws RangeError for an unknown zone.
 */
export function offsetFunction(zone: string): (t: number) => number {
  let fn = offsetFunctions.get(zone);
  if (fn) return fn;
  const f = formatter(zone);
  const cache = new Map<number, number>();
  fn = (t: number): number => {
    const slot = Math.floor(t / MINUTE_MS);
    let offset = cache.get(slot);
    if (offset === undefined) {
      if (cache.size > 100_000) cache.clear();
      const at = slot * MINUTE_MS;
      let y = 1970, mo = 1, d = 1, h = 0, mi = 0, sec = 0;
      for (const part of f.formatToParts(at)) {
        switch (part.type) {
          case 'year': y = Number(part.value); break;
          case 'month': mo = Number(part.value); break;
          case 'day': d = Number(part.value); break;
          case 'hour': h = Number(part.value) % 24; break;
          case 'minute': mi = Number(part.value); break;
          case 'second': sec = Number(part.value); break;
          default: break;
        }
      }
      offset = Date.UTC(y, mo - 1, d, h, mi, sec) - at;
      cache.set(slot, offset);
    }
    return offset;
  };
  offsetFunctions.set(zone, fn);
  return fn;
}

/** The zone's offset from UTC at instant t, in ms (positive east of Greenwich). */
export function zoneOffsetMs(zone: string, t: number): number {
  return offsetFunction(zone)(t);
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Local calendar date `YYYY-MM-DD` of instant t. */
export function localDate(zone: string, t: number): string {
  const p = localParts(zone, t);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** Local hour of day 0–23 of instant t. */
export function localHour(zone: string, t: number): number {
  return localParts(zone, t).hour;
}

/**
 * DST rule for wall-clock → UTC, the same as Temporal's and java.time's default ("compatible"):
 * - a wall time skipped by a spring-forward gap is moved forward by the gap's length
 *   (Europe/Tallinn 2024-03-31 03:30 does not exist → 04:30 EEST = 01:30Z);
 * - a wall time that occurs twice in an autumn overlap resolves to the earlier occurrence unless
 *   the caller asks for the later one (the queue_log table parser does, when the earlier reading
 *   would put a row before the row it follows).
 */
export type OverlapChoice = 'earlier' | 'later';

export interface ZoneResolution {
  /** `gap`: the wall time does not exist; `overlap`: it exists twice. */
  kind: 'normal' | 'gap' | 'overlap';
  earlier: number;
  later: number;
}

export interface LocalTimeConverter {
  readonly timeZone: string;
  /** Local minus UTC in ms at instant `t`. */
  offsetAt(t: number): number;
  /** Both readings of a wall time given as "ms since 1970 as if the wall clock were UTC". */
  resolve(wallMs: number): ZoneResolution;
  toUtc(wallMs: number, overlap?: OverlapChoice): number;
}

type Resolved = [earlyOffset: number, lateOffset: number, kind: ZoneResolution['kind']];

/** Throws a RangeError naming the zone when Intl does not know it. */
export function createLocalTimeConverter(timeZone: string): LocalTimeConverter {
  let offsetAt: (t: number) => number;
  try {
    offsetAt = offsetFunction(timeZone);
  } catch {
    throw new RangeError(`Unknown time zone: ${timeZone}`);
  }
  // Per wall-clock minute: offsets (since 1970) change only on whole minutes, and imports of
  // local datetimes convert millions of rows that fall into a few thousand minutes.
  const resolutions = new Map<number, Resolved>();

  const resolveOffsets = (wallMinute: number): Resolved => {
    const wall = wallMinute * MINUTE_MS;
    // No zone changes its offset twice within two days, so the offsets a day either side are
    // the only candidates.
    const before = offsetAt(wall - DAY_MS);
    const after = offsetAt(wall + DAY_MS);
    const validBefore = offsetAt(wall - before) === before;
    if (before === after) return [before, before, 'normal'];
    const validAfter = offsetAt(wall - after) === after;
    if (validBefore && validAfter) {
      // The larger offset gives the earlier instant.
      return before > after ? [before, after, 'overlap'] : [after, before, 'overlap'];
    }
    if (validBefore) return [before, before, 'normal'];
    if (validAfter) return [after, after, 'normal'];
    // Gap: read with the offset in force before it, which lands the same distance past the gap.
    return [before, before, 'gap'];
  };

  const resolveCached = (wallMs: number): Resolved => {
    const minute = Math.floor(wallMs / MINUTE_MS);
    let entry = resolutions.get(minute);
    if (entry === undefined) {
      if (resolutions.size > 100_000) resolutions.clear();
      entry = resolveOffsets(minute);
      resolutions.set(minute, entry);
    }
    return entry;
  };

  return {
    timeZone,
    offsetAt,
    resolve(wallMs) {
      const [early, late, kind] = resolveCached(wallMs);
      return { kind, earlier: wallMs - early, later: wallMs - late };
    },
    toUtc(wallMs, overlap = 'earlier') {
      const [early, late] = resolveCached(wallMs);
      return wallMs - (overlap === 'later' ? late : early);
    },
  };
}

const converters = new Map<string, LocalTimeConverter>();

/** The zone's converter, shared by every caller so its per-minute cache is filled once. */
export function localTimeConverter(zone: string): LocalTimeConverter {
  let c = converters.get(zone);
  if (!c) {
    c = createLocalTimeConverter(zone);
    converters.set(zone, c);
  }
  return c;
}

/**
 * The UTC instant of a local wall-clock time, by the rule above: in a DST gap the same distance
 * past the gap, in an overlap the earlier reading.
 */
export function localToUtc(zone: string, y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number {
  return localTimeConverter(zone).toUtc(Date.UTC(y, mo - 1, d, h, mi, s));
}

/** UTC instant at which the local day `YYYY-MM-DD` begins. */
export function localDayStartOf(zone: string, date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return localToUtc(zone, y, m, d, 0, 0, 0);
}

/** UTC instant at which the local day containing t begins. */
export function localDayStart(zone: string, t: number): number {
  const p = localParts(zone, t);
  return localToUtc(zone, p.year, p.month, p.day, 0, 0, 0);
}

/** The local date `days` after `date` (calendar arithmetic, not 24-hour steps). */
export function addLocalDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** UTC instant at which the local hour containing t begins (handles half-hour zones). */
export function localHourStart(zone: string, t: number): number {
  const off = zoneOffsetMs(zone, t);
  return Math.floor((t + off) / 3_600_000) * 3_600_000 - off;
}

/**
 * The local hourly buckets of a local day: 24 normally, 23 on a spring-forward day and 25 on a
 * fall-back day. Each is [start, end) in UTC with its local hour label.
 */
export function localHoursOfDay(zone: string, date: string): { start: number; end: number; hour: number }[] {
  const start = localDayStartOf(zone, date);
  const end = localDayStartOf(zone, addLocalDays(date, 1));
  const out: { start: number; end: number; hour: number }[] = [];
  let t = start;
  while (t < end) {
    const next = Math.min(localHourStart(zone, t + 3_600_000), end);
    out.push({ start: t, end: next > t ? next : t + 3_600_000, hour: localHour(zone, t) });
    t = next > t ? next : t + 3_600_000;
  }
  return out;
}

export function isValidTimeZone(zone: string): boolean {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}
