import type { ReviewFilters } from '../../../shared/contract/review';
import { addLocalDays, localDayStartOf } from '../../../shared/domain/time';
import { SEGMENT_SQL } from '../ingest/rollup';

/** UTC [start, end) of the local dates `from`..`to` (inclusive), DST-correct. */
export function rangeBounds(zone: string, from: string, to: string): [number, number] {
  return [localDayStartOf(zone, from), localDayStartOf(zone, addLocalDays(to, 1))];
}

/**
 * WHERE clause (on contacts `c`) for the filters, with its parameters. Segment is resolved the
 * same way the rollups resolve it (SEGMENT_SQL), so the explorer and the KPI tables agree.
 */
export function contactWhere(zone: string, f: ReviewFilters, within?: [number, number]): { sql: string; params: (string | number)[] } {
  let [start, end] = rangeBounds(zone, f.from, f.to);
  // One pair of bounds only: given two, SQLite may walk the index over the wider one.
  if (within) [start, end] = [Math.max(start, within[0]), Math.min(end, within[1])];
  const parts = ['c.enter_at >= ?', 'c.enter_at < ?'];
  const params: (string | number)[] = [start, end];
  if (f.channel) {
    parts.push('c.channel = ?');
    params.push(f.channel);
  }
  if (f.queue) {
    parts.push('c.queue = ?');
    params.push(f.queue);
  }
  if (f.agent) {
    parts.push('c.agent_id IN (SELECT id FROM agents WHERE name = ?)');
    params.push(f.agent);
  }
  if (f.segment !== undefined) {
    parts.push(`${SEGMENT_SQL} = ?`);
    params.push(f.segment);
  }
  return { sql: parts.join(' AND '), params };
}

/** Same filters on rollup_hour `r` (which already carries the resolved segment). */
export function rollupWhere(zone: string, f: ReviewFilters): { sql: string; params: (string | number)[] } {
  const [start, end] = rangeBounds(zone, f.from, f.to);
  const parts = ['r.hour_at >= ?', 'r.hour_at < ?'];
  const params: (string | number)[] = [start, end];
  if (f.channel) {
    parts.push('r.channel = ?');
    params.push(f.channel);
  }
  if (f.queue) {
    parts.push('r.queue = ?');
    params.push(f.queue);
  }
  if (f.agent) {
    parts.push('r.agent_id IN (SELECT id FROM agents WHERE name = ?)');
    params.push(f.agent);
  }
  if (f.segment !== undefined) {
    parts.push('r.segment = ?');
    params.push(f.segment);
  }
  return { sql: parts.join(' AND '), params };
}

export const hasDimensionFilter = (f: ReviewFilters): boolean => Boolean(f.channel || f.queue || f.agent || f.segment !== undefined);

/** Human summary of the filters, printed on exports ("Channel: voice · Segment: VIP"). */
export function describeFilters(f: ReviewFilters): string {
  const out = [`${f.from} – ${f.to}`];
  if (f.channel) out.push(`Channel: ${f.channel}`);
  if (f.queue) out.push(`Queue: ${f.queue}`);
  if (f.segment !== undefined) out.push(`Segment: ${f.segment || '(none)'}`);
  if (f.agent) out.push(`Agent: ${f.agent}`);
  return out.join(' · ');
}
