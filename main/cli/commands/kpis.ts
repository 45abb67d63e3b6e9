import { parseArgs } from 'node:util';
import { createCore } from '../../core/app';
import { ALL_KPI_FIELDS, kpiColumnsOf, queryKpisFull } from '../../core/analytics/kpis-full';
import { KPI_GROUPS, type KpiGroup } from '../../core/analytics/kpis';
import { rollupParamsOf } from '../../core/ingest/rollup';
import { toCsv } from '../../core/export/csv';
import { CliError, packageVersion, readerSettingsFor, type GlobalOptions } from '../context';

export const kpisHelp = `floorwatch kpis [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--by day,hour,segment,weekday,queue,channel,agent,reason] [--json|--csv]

KPIs (DESIGN §4) grouped by the --by keys, any of those above, comma-separated (default day).
Days and hours are local to the site's time zone
(settings, or --tz for this run). --from and --to are local dates, both inclusive.
Fields: ${KPI_GROUPS.join(', ')} (the groups asked for), utcOffset (by day and hour: the hour's
UTC offset, so the hour that happens twice when clocks go back is two rows), then
${ALL_KPI_FIELDS.join(', ')}.
Rates are fractions 0–1 (nps is a score −100…100); times are seconds; a rate with nothing to
divide by is empty (null). Repeat contacts and FCR use the repeatWindowHours setting.`;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export async function kpis(g: GlobalOptions, argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { from: { type: 'string' }, to: { type: 'string' }, by: { type: 'string', default: 'day' }, csv: { type: 'boolean', default: false } },
    strict: true,
  });
  for (const d of [values.from, values.to]) {
    if (d !== undefined && (!DATE.test(d) || Number.isNaN(Date.parse(`${d}T00:00:00Z`)))) throw new CliError(`Dates are local calendar dates YYYY-MM-DD, not "${d}".`, 2);
  }
  if (values.from && values.to && values.from > values.to) throw new CliError(`--from ${values.from} is after --to ${values.to}.`, 2);
  const by = values.by.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = by.filter((b) => !(KPI_GROUPS as readonly string[]).includes(b));
  if (bad.length) throw new CliError(`Unknown --by key(s) ${bad.join(', ')}: use ${KPI_GROUPS.join(', ')}.`, 2);

  // The query zone is --tz when given; the stored settings stand, unless the rollups were built in --tz (readerSettingsFor).
  const settings = readerSettingsFor(g);
  const core = createCore({ dbPath: g.db, settings, host: 'headless', version: packageVersion(), runSources: false });
  try {
    const s = settings.get();
    const rows = queryKpisFull(
      core.db,
      { from: values.from, to: values.to, by: by as KpiGroup[], zone: g.tz ?? s.timezone, repeatWindowHours: s.repeatWindowHours },
      rollupParamsOf(s),
    );
    // By day and hour the hour's UTC offset follows the keys: the hour that happens twice is two rows.
    const columns = kpiColumnsOf(by);
    if (g.json) process.stdout.write(`${JSON.stringify(rows)}\n`);
    else if (values.csv) process.stdout.write(toCsv(columns, rows as unknown as Record<string, unknown>[]));
    else {
      const fmt = (v: unknown) => (v === null || v === undefined ? '–' : typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(3) : String(v));
      const table = [columns, ...rows.map((r) => columns.map((c) => fmt((r as unknown as Record<string, unknown>)[c])))];
      const widths = columns.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
      for (const row of table) process.stdout.write(`${row.map((v, i) => v.padStart(widths[i]!)).join('  ')}\n`);
      if (rows.length === 0) process.stdout.write('(no contacts in that range)\n');
    }
  } finally {
    core.close();
  }
  return 0;
}
