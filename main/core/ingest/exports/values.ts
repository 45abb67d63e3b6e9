import { localTimeConverter, localToUtc } from '../../../../shared/domain/time';

/**
 * Text → value parsers for exported files. Each returns the value or a `Bad` carrying a short
 * reason; the caller prefixes the field name, so a rejected record says which field failed.
 */
export interface Bad {
  bad: string;
}
export const isBad = (v: unknown): v is Bad => typeof v === 'object' && v !== null && 'bad' in v;
const bad = (reason: string): Bad => ({ bad: reason });

export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** Is `zone` an IANA zone Intl knows? */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const ISO =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * ISO 8601 date-time. With `Z` or an offset it is an instant; without one it is a wall-clock
 * time in `zone` (DST gaps move forward, overlaps take the earlier reading: shared/domain/time).
 */
export function parseIso(text: string, zone: string): number | Bad {
  const m = ISO.exec(text.trim());
  if (!m) return bad(`not an ISO 8601 date-time: "${clip(text)}"`);
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
  const ms = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
  const checked = checkParts(y, mo, d, h, mi, s);
  if (checked) return checked;
  const offset = m[8];
  if (offset) {
    let off = 0;
    if (offset !== 'Z' && offset !== 'z') {
      const sign = offset[0] === '-' ? -1 : 1;
      const digits = offset.slice(1).replace(':', '');
      off = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0')) * 60_000;
    }
    return Date.UTC(y, mo - 1, d, h, mi, s) + ms - off;
  }
  return localToUtc(zone, y, mo, d, h, mi, s) + ms;
}

/** Does the ISO text carry `Z` or an offset (an instant rather than a wall-clock time)? */
export function isoHasOffset(text: string): boolean {
  const m = ISO.exec(text.trim());
  return m !== null && m[8] !== undefined;
}

export function parseEpoch(text: string, unit: 's' | 'ms'): number | Bad {
  const t = text.trim();
  if (!/^\d+(\.\d+)?$/.test(t)) return bad(`not an epoch number: "${clip(text)}"`);
  const v = Number(t);
  return Math.round(unit === 's' ? v * 1000 : v);
}

/** Date patterns are built from YYYY, YY, MM, M, DD, D and separators, e.g. `DD/MM/YYYY`, `YYMMDD`. */
export const DATE_PATTERN = /^(YYYY|YY|MM|M|DD|D|[^A-Za-z])+$/;

const compiledPatterns = new Map<string, { re: RegExp; order: ('y' | 'yy' | 'm' | 'd')[] }>();

function compileDatePattern(pattern: string) {
  let hit = compiledPatterns.get(pattern);
  if (hit) return hit;
  let src = '^';
  const order: ('y' | 'yy' | 'm' | 'd')[] = [];
  for (let i = 0; i < pattern.length; ) {
    const rest = pattern.slice(i);
    const token = ['YYYY', 'YY', 'MM', 'DD', 'M', 'D'].find((t) => rest.startsWith(t));
    if (token) {
      src += { YYYY: '(\\d{4})', YY: '(\\d{2})', MM: '(\\d{2})', DD: '(\\d{2})', M: '(\\d{1,2})', D: '(\\d{1,2})' }[token];
      order.push(token === 'YYYY' ? 'y' : token === 'YY' ? 'yy' : token[0] === 'M' ? 'm' : 'd');
      i += token.length;
    } else {
      src += pattern[i].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      i++;
    }
  }
  hit = { re: new RegExp(`${src}$`), order };
  compiledPatterns.set(pattern, hit);
  return hit;
}

/** A calendar date by the first pattern that fits. Two-digit years: 70–99 → 19xx, else 20xx. */
export function parseDate(text: string, patterns: readonly string[]): LocalDate | Bad {
  const t = text.trim();
  for (const p of patterns) {
    const { re, order } = compileDatePattern(p);
    const m = re.exec(t);
    if (!m) continue;
    let year = 0;
    let month = 0;
    let day = 0;
    order.forEach((k, i) => {
      const v = Number(m[i + 1]);
      if (k === 'y') year = v;
      else if (k === 'yy') year = v >= 70 ? 1900 + v : 2000 + v;
      else if (k === 'm') month = v;
      else day = v;
    });
    const checked = checkParts(year, month, day, 0, 0, 0);
    if (checked) return checked;
    return { year, month, day };
  }
  return bad(`date "${clip(text)}" does not fit ${patterns.join(' or ')}`);
}

const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?$/;

/** Time of day `H:MM[:SS[.fff]]` (zero padding optional) → ms after midnight. */
export function parseTimeOfDay(text: string): number | Bad {
  const m = TIME.exec(text.trim());
  if (!m) return bad(`not a time of day: "${clip(text)}"`);
  const h = Number(m[1]);
  const mi = Number(m[2]);
  const s = Number(m[3] ?? '0');
  if (h > 24 || mi > 59 || s > 60 || (h === 24 && (mi > 0 || s > 0))) return bad(`time of day out of range: "${clip(text)}"`);
  const ms = m[4] ? Math.round(Number(`0.${m[4]}`) * 1000) : 0;
  return ((h * 60 + mi) * 60 + s) * 1000 + ms;
}

/** Wall-clock time of day on a local date → UTC instant. `dayOffset` moves to a neighbouring day. */
export function localDateTime(zone: string, date: LocalDate, timeMs: number, dayOffset = 0): number {
  return localTimeConverter(zone).toUtc(Date.UTC(date.year, date.month - 1, date.day + dayOffset) + timeMs);
}

const HOUR_MS = 3_600_000;

/**
 * A time of day that belongs to a record whose reference instant is `anchor`: the reading on the
 * record's date, the day before or the day after, whichever lies closest to the anchor. Per-call
 * exports write times without dates, so a service that starts at 23:58:54 and ends at 0:04:25
 * ends on the next day; a gap of 12 h is the most any stage of one record can be apart.
 */
export function nearestDayTime(zone: string, date: LocalDate, timeMs: number, anchor: number): number {
  let best = localDateTime(zone, date, timeMs);
  // A neighbouring day is at least 23 h away, so it can only be nearer when this one is 11 h off.
  if (Math.abs(best - anchor) <= 11 * HOUR_MS) return best;
  for (const offset of [-1, 1]) {
    const t = localDateTime(zone, date, timeMs, offset);
    if (Math.abs(t - anchor) < Math.abs(best - anchor)) best = t;
  }
  return best;
}

export type DurationUnit = 's' | 'ms' | 'min' | 'hms';

/** A duration: a number in `unit`, or with `hms` also `H:MM:SS` / `M:SS`. Negative values are refused. */
export function parseDuration(text: string, unit: DurationUnit): number | Bad {
  const t = text.trim();
  if (unit === 'hms' && t.includes(':')) {
    const parts = t.split(':');
    if (parts.length > 3 || parts.some((p) => !/^\d+(\.\d+)?$/.test(p))) return bad(`not a duration H:MM:SS: "${clip(text)}"`);
    let secs = 0;
    for (const p of parts) secs = secs * 60 + Number(p);
    return Math.round(secs * 1000);
  }
  if (!/^\d+(\.\d+)?$/.test(t)) return bad(`not a non-negative number: "${clip(text)}"`);
  const v = Number(t);
  const factor = unit === 'ms' ? 1 : unit === 'min' ? 60_000 : 1000;
  return Math.round(v * factor);
}

const TRUE = new Set(['y', 'yes', 'true', '1', 't', 'resolved']);
const FALSE = new Set(['n', 'no', 'false', '0', 'f', 'unresolved']);

export function parseBool(text: string): boolean | Bad {
  const t = text.trim().toLowerCase();
  if (TRUE.has(t)) return true;
  if (FALSE.has(t)) return false;
  return bad(`not yes/no: "${clip(text)}"`);
}

export function parseIntIn(text: string, min: number, max: number): number | Bad {
  const t = text.trim();
  if (!/^-?\d+(\.0+)?$/.test(t)) return bad(`not an integer: "${clip(text)}"`);
  const v = Number.parseInt(t, 10);
  if (v < min || v > max) return bad(`${v} is outside ${min}–${max}`);
  return v;
}

function checkParts(y: number, mo: number, d: number, h: number, mi: number, s: number): Bad | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return bad(`date-time out of range`);
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCDate() !== d) return bad(`no such day ${y}-${mo}-${d}`);
  if (y < 1970 || y > 2200) return bad(`year ${y} is out of range`);
  return null;
}

export function clip(text: string, n = 40): string {
  return text.length > n ? `${text.slice(0, n)}…` : text;
}
