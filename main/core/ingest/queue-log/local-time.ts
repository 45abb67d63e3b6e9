/**
 * Local wall-clock datetimes as written by database exports of queue_log: the text format, and
 * its conversion to UTC through the one converter in shared/domain/time (its DST rule is written
 * there). The table parser asks for the later reading of an autumn overlap when the earlier would
 * put a row before the row it follows: exports are in insertion order, so the second pass through
 * 03:00–04:00 follows rows already at the later offset.
 */

import { localTimeConverter, type OverlapChoice } from '../../../../shared/domain/time';

export { createLocalTimeConverter, localTimeConverter, type LocalTimeConverter, type OverlapChoice, type ZoneResolution } from '../../../../shared/domain/time';

const MINUTE = 60_000;

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

/** One text → UTC instant; an offset written in the text wins over the zone. */
export function localDateTimeToUtc(text: string, timeZone: string, overlap: OverlapChoice = 'earlier'): number | null {
  const parsed = parseDateTime(text);
  if (!parsed) return null;
  if (parsed.offsetMs !== null) return parsed.wallMs - parsed.offsetMs;
  return localTimeConverter(timeZone).toUtc(parsed.wallMs, overlap);
}
