/**
 * Local wall-clock datetimes (as written by database exports of queue_log) to UTC instants, with
 * the zone's real offset at that moment, using only Intl.
 *
 * DST rule (the same as Temporal's and java.time's default, "compatible"):
 * - a wall time skipped by a spring-forward gap is moved forward by the gap's length
 *   (Europe/Tallinn 2024-03-31 03:30 does not exist → 04:30 EEST = 01:30Z);
 * - a wall time that occurs twice in an autumn overlap resolves to the earlier occurrence unless
 *   the caller asks for the later one. The table parser asks for the later one when the earlier
 *   would put a row before the row it follows: exports are in insertion order, so the second
 *   pass through 03:00–04:00 follows rows already at the later offset.
 */

import { offsetFunction } from '../../../../shared/domain/time';

const MINUTE = 60_000;
const DAY = 86_400_000;

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

/** Throws a RangeError naming the zone when Intl does not know it. */
export function createLocalTimeConverter(timeZone: string): LocalTimeConverter {
  let offsetAt: (t: number) => number;
  try {
    offsetAt = offsetFunction(timeZone);
  } catch {
    throw new RangeError(`Unknown time zone: ${timeZone}`);
  }
  const resolutions = new Map<number, [number, number, ZoneResolution['kind']]>();

  const resolveOffsets = (wallMinute: number): [number, number, ZoneResolution['kind']] => {
    const wall = wallMinute * MINUTE;
    // No zone changes its offset twice within two days, so the offsets a day either side are
    // the only candidates.
    const before = offsetAt(wall - DAY);
    const after = offsetAt(wall + DAY);
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

  const resolveCached = (wallMs: number): [number, number, ZoneResolution['kind']] => {
    const minute = Math.floor(wallMs / MINUTE);
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

export interface ParsedDateTime {
  /** The wall time as ms since 1970 as if it were UTC. */
  wallMs: number;
  /** Offset (local minus UTC, ms) written in the text itself (`Z`, `+02`, `-05:00`), else null. */
  offsetMs: number | null;
}

const DATETIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/;

/** `YYYY-MM-DD HH:MM[:SS[.fff]]` with an optional `T`, and an optional `Z` / `±HH[:MM]`. Null if invalid. */
export function parseDateTime(text: string): ParsedDateTime | null {
  const m = DATETIME.exec(text.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] ? Number(m[6]) : 0;
  const ms = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const wallMs = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  // Date.UTC rolls 2023-02-30 into March; a round trip catches impossible dates.
  const check = new Date(wallMs);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) return null;
  let offsetMs: number | null = null;
  const zone = m[8];
  if (zone) {
    if (zone === 'Z') offsetMs = 0;
    else {
      const sign = zone[0] === '-' ? -1 : 1;
      const digits = zone.slice(1).replace(':', '');
      const oh = Number(digits.slice(0, 2));
      const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
      if (oh > 14 || om > 59) return null;
      offsetMs = sign * (oh * 60 + om) * MINUTE;
    }
  }
  return { wallMs, offsetMs };
}

/** Convenience for one-off conversions; parsers keep a converter instead (it caches). */
export function localDateTimeToUtc(text: string, timeZone: string, overlap: OverlapChoice = 'earlier'): number | null {
  const parsed = parseDateTime(text);
  if (!parsed) return null;
  if (parsed.offsetMs !== null) return parsed.wallMs - parsed.offsetMs;
  return createLocalTimeConverter(timeZone).toUtc(parsed.wallMs, overlap);
}
