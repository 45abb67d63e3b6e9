import type { Db } from '../../db/open';
import type { RollupParams } from '../ingest/rollup';
import { EXTRA_FIELDS, extraFigures, keyOf, queryKpiExtras, zeroExtraCounts, type ExtraFigures } from './kpi-extras';
import { KPI_FIELDS, queryKpis, type KpiQuery, type KpiRow } from './kpis';

export type FullKpiRow = KpiRow & ExtraFigures;

/** Every KPI field, in output order (CLI --csv columns after the group keys). */
export const ALL_KPI_FIELDS = [...KPI_FIELDS, ...EXTRA_FIELDS] as const;

/**
 * All KPIs of DESIGN §4: the rollup figures of `queryKpis` joined with the figures counted from
 * contacts and attempts (RNA, transfers, repeat/FCR, CSAT, NPS). Agents who were rung but never
 * answered still get a row when grouping by agent, so their ring-no-answer rate shows.
 */
export function queryKpisFull(db: Db, q: KpiQuery & { repeatWindowHours: number }, rollup: RollupParams): FullKpiRow[] {
  const base = queryKpis(db, q, rollup);
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
    out.push({
      ...e.keys,
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
      ...extraFigures(e.counts),
    } as FullKpiRow);
  }
  return out;
}
