import type { Db } from '../../db/open';
import { DEFAULT_REPEAT_WINDOW_HOURS, type RollupParams } from '../ingest/rollup';
import { EXTRA_FIELDS, extraFigures, keyOf, queryKpiExtras, zeroExtraCounts, type ExtraCounts, type ExtraFigures, type GroupKeys } from './kpi-extras';
import { byDayAndHour } from './local-parts';
import { KPI_FIELDS, kpiRows, queryKpiGroups, rollupAnswers, sortByKeys, type KpiQuery, type KpiRow } from './kpis';

export type FullKpiRow = KpiRow & ExtraFigures;

/** Every KPI field, in output order (CLI --csv columns after the group keys). */
export const ALL_KPI_FIELDS = [...KPI_FIELDS, ...EXTRA_FIELDS] as const;

/** The columns of a KPI table (CLI --csv, exports, the review screen): the group keys, the hour's UTC offset by day and hour, every field. */
export const kpiColumnsOf = (by: readonly string[]): string[] => [...by, ...(byDayAndHour(by) ? ['utcOffset'] : []), ...ALL_KPI_FIELDS];

/** The figures of a group that only agents' ring attempts reach (an agent rung who answered none of it). */
const ringOnly = (keys: GroupKeys, extra: ExtraCounts): FullKpiRow =>
  ({
    ...keys,
    offered: 0,
    answered: 0,
    unanswered: 0,
    abandoned: 0,
    shortAbandoned: 0,
    answeredInTarget: 0,
    serviceLevel: null,
    answerRate: null,
    abandonRate: null,
    asaSec: null,
    avgWaitSec: null,
    ahtSec: null,
    ...extraFigures(extra),
  }) as FullKpiRow;

/**
 * All KPIs of DESIGN §4. The rollups carry every sum (ring attempts under the agent rung, repeat
 * and FCR from the contacts' stored flags), so a range the rollups answer is read from them
 * alone. Otherwise (a one-off zone, grouping by reason, a repeat window other than the one the
 * flags were set with) the figures the hourly sums do not give are counted from contacts and
 * attempts (kpi-extras.ts). Agents who were rung but never answered still get a row when grouping
 * by agent, so their ring-no-answer rate shows.
 */
export function queryKpisFull(db: Db, q: KpiQuery & { repeatWindowHours: number }, rollup: RollupParams): FullKpiRow[] {
  const groups = queryKpiGroups(db, q, rollup);
  const fromRollups = rollupAnswers(q, rollup) && q.repeatWindowHours === (rollup.repeatWindowHours ?? DEFAULT_REPEAT_WINDOW_HOURS);
  if (fromRollups) {
    const out: FullKpiRow[] = [];
    for (const g of groups) {
      const extra = g.extra ?? zeroExtraCounts();
      if (g.counts.offered === 0 && g.counts.answered === 0) {
        if (extra.attempts > 0) out.push(ringOnly(g.keys as GroupKeys, extra));
        continue;
      }
      const [row] = kpiRows([g], q.by);
      out.push({ ...row!, ...extraFigures(extra) });
    }
    sortByKeys(out, q.by);
    return out;
  }
  const base = kpiRows(groups, q.by);
  const extras = queryKpiExtras(db, q);
  const seen = new Set<string>();
  const empty = extraFigures(zeroExtraCounts());
  const out: FullKpiRow[] = base.map((row) => {
    const key = keyOf(q.by, row as unknown as Record<string, unknown>);
    seen.add(key);
    const e = extras.get(key);
    return { ...row, ...(e ? extraFigures(e.counts) : empty) };
  });
  for (const [key, e] of extras) {
    if (seen.has(key) || e.counts.attempts === 0) continue;
    out.push(ringOnly(e.keys, e.counts));
  }
  return out;
}
