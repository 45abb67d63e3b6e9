import type { CompareRow, KpiTable, ReviewFilters, ReviewGroup } from '../../../shared/contract/review';
import type { Db } from '../../db/open';
import { kpiColumnsOf, queryKpisFull, type FullKpiRow } from '../analytics/kpis-full';
import type { RollupParams } from '../ingest/rollup';

type Dimension = 'channel' | 'queue' | 'segment' | 'agent';

/** The value a filtered dimension has in a KPI row (queryKpis writes "no segment" as null). */
const wanted = (f: ReviewFilters, d: Dimension): string | null | undefined => (d === 'segment' ? (f.segment === undefined ? undefined : f.segment || null) : f[d]);

/**
 * KPIs of the range and filters: the very rows `floorwatch kpis` computes (queryKpisFull), so an
 * export equals `kpis --csv`. A filter on channel, queue, segment or agent is applied by grouping
 * on that dimension too and keeping the rows with the wanted value: with the dimension fixed,
 * each remaining row is exactly one group of the requested grouping — no figures are recombined.
 */
export function reviewKpis(db: Db, f: ReviewFilters, by: readonly ReviewGroup[], zone: string, rollup: RollupParams, repeatWindowHours: number): FullKpiRow[] {
  const dims = (['channel', 'queue', 'segment', 'agent'] as const).filter((d) => wanted(f, d) !== undefined && !by.includes(d));
  const filtered = (['channel', 'queue', 'segment', 'agent'] as const).filter((d) => wanted(f, d) !== undefined);
  const rows = queryKpisFull(db, { from: f.from, to: f.to, by: [...by, ...dims], zone, repeatWindowHours }, rollup);
  return rows
    .filter((r) => filtered.every((d) => (r[d] ?? null) === wanted(f, d)))
    .map((r) => {
      if (dims.length === 0) return r;
      const out: Record<string, unknown> = { ...r };
      for (const d of dims) delete out[d];
      return out as unknown as FullKpiRow;
    });
}

export function kpiColumns(by: readonly ReviewGroup[]): string[] {
  return kpiColumnsOf(by);
}

export function kpiTable(rows: readonly FullKpiRow[], by: readonly ReviewGroup[]): KpiTable {
  const columns = kpiColumns(by);
  return {
    columns,
    rows: rows.map((r) => {
      const rec = r as unknown as Record<string, string | number | null | undefined>;
      return Object.fromEntries(columns.map((c) => [c, rec[c] ?? null]));
    }),
  };
}

/** What the comparison shows: the volume and service figures, then the quality ones. */
export const COMPARE_FIELDS = [
  'offered',
  'answered',
  'abandoned',
  'serviceLevel',
  'answerRate',
  'abandonRate',
  'asaSec',
  'avgWaitSec',
  'ahtSec',
  'rnaRate',
  'transferRate',
  'repeatRate',
  'fcr',
  'csat',
  'nps',
] as const;

/** Totals of two periods side by side: this minus that, and the change relative to that. */
export function compareTotals(a: object | undefined, b: object | undefined): CompareRow[] {
  const num = (row: object | undefined, metric: string): number | null => {
    // A period without contacts: counts are 0, rates and means undefined.
    if (!row) return /^(offered|answered|unanswered|abandoned|shortAbandoned|answeredInTarget)$/.test(metric) ? 0 : null;
    const v = (row as Record<string, unknown>)[metric];
    return typeof v === 'number' ? v : null;
  };
  return COMPARE_FIELDS.map((metric) => {
    const va = num(a, metric);
    const vb = num(b, metric);
    const diff = va === null || vb === null ? null : va - vb;
    const pct = diff === null || vb === null || vb === 0 ? null : diff / Math.abs(vb);
    return { metric, a: va, b: vb, diff, pct };
  });
}
