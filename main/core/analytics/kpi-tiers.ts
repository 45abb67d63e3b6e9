import { addLocalDays } from '../../../shared/domain/time';
import type { Db } from '../../db/open';
import { tierZone } from '../ingest/rollup-tiers';

/**
 * Which rollup tier answers a KPI query (migration 0006). Ranges are whole local days, so any
 * grouping without hour-of-day reads `rollup_day_seg` (`rollup_day_agent` by agent, migration 0009); hour-of-day groupings read
 * `rollup_month_seg` for the whole local months inside the range and the hourly tier for the days
 * left at either end; day × hour needs the hourly tier. The tiers hold sums of the same rows as the
 * hourly tier, so every path gives the same figures (tested across a DST week).
 */
export type TierPlan = { tier: 'day' } | { tier: 'month'; months: [string, string]; edges: [string, string][] };

const monthOf = (date: string) => date.slice(0, 7);
const nextMonth = (month: string) => addLocalDays(`${month}-28`, 7).slice(0, 7);
const lastDayOf = (month: string) => addLocalDays(`${nextMonth(month)}-01`, -1);

export function tierPlan(db: Db, q: { from?: string; to?: string; by: readonly string[]; zone: string }): TierPlan | null {
  if (q.by.includes('reason') || tierZone(db) !== q.zone) return null;
  if (!q.by.includes('hour')) return { tier: 'day' };
  // Agents have a day tier (rollup_day_agent), not a month one.
  if (q.by.includes('agent')) return null;
  if (q.by.includes('day')) return null;
  const first = q.from === undefined ? '0000-01' : q.from.endsWith('-01') ? monthOf(q.from) : nextMonth(monthOf(q.from));
  const last = q.to === undefined ? '9999-12' : q.to === lastDayOf(monthOf(q.to)) ? monthOf(q.to) : monthOf(addLocalDays(`${monthOf(q.to)}-01`, -1));
  if (first > last) return null;
  const edges: [string, string][] = [];
  if (q.from !== undefined && q.from < `${first}-01`) edges.push([q.from, addLocalDays(`${first}-01`, -1)]);
  if (q.to !== undefined && q.to > lastDayOf(last)) edges.push([addLocalDays(lastDayOf(last), 1), q.to]);
  return { tier: 'month', months: [first, last], edges };
}

/** Weekday (0 = Sunday) of a calendar date, as localParts counts it. */
export const weekdayOf = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay();
