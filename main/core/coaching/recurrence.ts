import { addLocalDays, localToUtc } from '../../../shared/domain/time';
import type { Recurrence } from '../../../shared/contract/coaching';

export interface Occurrence {
  /** Local wall-clock start, YYYY-MM-DDTHH:MM. */
  start: string;
  startAt: number;
  endAt: number;
}

/** UTC instant of a site-local `YYYY-MM-DDTHH:MM` (DST gaps move forward, overlaps take the first). */
export function localStart(zone: string, local: string): number {
  const [date, time] = local.split('T') as [string, string];
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  return localToUtc(zone, y, m, d, h, mi);
}

const MAX_OCCURRENCES = 104;

/**
 * Occurrences of a session: the first, then every 7 or 14 local days at the same wall-clock
 * time (so a 10:00 session stays at 10:00 across a DST change), until the date (inclusive) or
 * the count. Length is in real minutes.
 */
export function occurrences(zone: string, start: string, minutes: number, recurrence?: Recurrence): Occurrence[] {
  const [date, time] = start.split('T') as [string, string];
  const step = recurrence?.every === 'biweekly' ? 14 : 7;
  const count = recurrence ? (recurrence.count ?? MAX_OCCURRENCES) : 1;
  const out: Occurrence[] = [];
  for (let i = 0; i < Math.min(count, MAX_OCCURRENCES); i++) {
    const day = addLocalDays(date, i * step);
    if (recurrence?.until !== undefined && day > recurrence.until) break;
    const local = `${day}T${time}`;
    const startAt = localStart(zone, local);
    out.push({ start: local, startAt, endAt: startAt + minutes * 60_000 });
  }
  return out;
}
