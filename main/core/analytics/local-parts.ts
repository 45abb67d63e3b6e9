import { localParts, type LocalParts } from '../../../shared/domain/time';

const DAY = 86_400_000;

/**
 * `localParts` for many instants of one zone, fast: Intl's formatToParts costs tens of µs, and an
 * all-time dashboard asks for thousands of hours. The zone's offset is read at both ends of each
 * UTC day; when they agree (every day but the few with a DST change) the local parts are plain
 * UTC arithmetic on the shifted instant, otherwise `localParts` itself answers.
 */
export function localPartsCache(zone: string): (t: number) => LocalParts {
  const days = new Map<number, number | null>();
  const offsetOf = (t: number) => offsetMsOf(localParts(zone, t), t);
  return (t) => {
    const day = Math.floor(t / DAY);
    let off = days.get(day);
    if (off === undefined) {
      const a = offsetOf(day * DAY);
      const b = offsetOf(day * DAY + DAY - 1000);
      off = a === b ? a : null;
      days.set(day, off);
    }
    if (off === null) return localParts(zone, t);
    const d = new Date(t + off);
    return {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
      weekday: d.getUTCDay(),
    };
  };
}

/**
 * The UTC offset, as ±HH:MM, of local time at instant `t` whose local parts are `p`. A day and
 * hour alone do not name a local hour on the day clocks go back (01:00 happens twice); with the
 * offset they do.
 */
export function utcOffsetText(p: LocalParts, t: number): string {
  return offsetText(offsetMsOf(p, t));
}

/** The zone's offset from UTC (ms) at instant `t`, from its local parts there. */
function offsetMsOf(p: LocalParts, t: number): number {
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(t / 1000) * 1000;
}

/** An offset in ms as ±HH:MM. */
export function offsetText(ms: number): string {
  const min = Math.round(ms / 60_000);
  const a = Math.abs(min);
  return `${min < 0 ? '-' : '+'}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

/** The local date (YYYY-MM-DD) of local parts: the `day` key of KPI rows. */
export const dayKeyOf = (p: LocalParts): string => `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;

/** Rows grouped by both local day and hour carry the hour's UTC offset too (`utcOffset`). */
export const byDayAndHour = (by: readonly string[]) => by.includes('day') && by.includes('hour');
