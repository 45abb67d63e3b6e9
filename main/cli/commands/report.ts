import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CHANNELS } from '../../../shared/domain/channels';
import { REVIEW_GROUPS, ReviewFilters, type ReviewGroup } from '../../../shared/contract/review';
import { createEventHub } from '../../core/api/event-hub';
import { createCore } from '../../core/app';
import { toCsvFile } from '../../core/export/csv';
import { kpiReportPdf } from '../../core/export/report-pdf';
import { writeXlsx } from '../../core/export/xlsx';
import { describeFilters } from '../../core/review/filters';
import { writeExport } from '../../core/review/exporter';
import { createReviewJobs } from '../../core/review/jobs';
import { kpiTable, reviewKpis } from '../../core/review/kpis';
import { rollupParamsOf } from '../../core/ingest/rollup';
import { CliError, packageVersion, print, readerSettingsFor, type GlobalOptions } from '../context';

export const reportHelp = `floorwatch report --from YYYY-MM-DD --to YYYY-MM-DD [--by day[,segment…]] --out FILE.pdf|.csv|.xlsx
                  [--channel C] [--queue Q] [--segment S] [--agent NAME] [--contacts]

Writes a report of the range (local dates, both inclusive) to FILE; the extension picks the format.
  KPIs (default): grouped by --by (${REVIEW_GROUPS.join(', ')}; default day). The CSV is the same
    columns and rows as \`floorwatch kpis --csv\`, with a UTF-8 byte-order mark so spreadsheet
    programs read Persian and Chinese text; the PDF adds a chart, the range and the filters, and
    page numbers (text in the PDF is Western European only; use the console's PDF for other scripts).
  --contacts: every contact of the range and filters, one row each (.csv or .xlsx).
Filters: --channel (${CHANNELS.join(', ')}), --queue, --segment ("" for none), --agent (name).`;

export async function report(g: GlobalOptions, argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      by: { type: 'string', default: 'day' },
      out: { type: 'string' },
      channel: { type: 'string' },
      queue: { type: 'string' },
      segment: { type: 'string' },
      agent: { type: 'string' },
      contacts: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (!values.from || !values.to || !values.out) throw new CliError('Give --from, --to and --out. See `floorwatch report --help`.', 2);
  const format = path.extname(values.out).slice(1).toLowerCase();
  if (!['pdf', 'csv', 'xlsx'].includes(format)) throw new CliError(`--out must end in .pdf, .csv or .xlsx, not "${values.out}".`, 2);
  if (values.contacts && format === 'pdf') throw new CliError('--contacts writes .csv or .xlsx.', 2);
  const parsed = ReviewFilters.safeParse({ from: values.from, to: values.to, channel: values.channel, queue: values.queue, segment: values.segment, agent: values.agent });
  if (!parsed.success) throw new CliError(parsed.error.issues.map((i) => `${i.path.join('.') || 'range'}: ${i.message}`).join('; '), 2);
  const filters = parsed.data;
  const by = values.by.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = by.filter((b) => !(REVIEW_GROUPS as readonly string[]).includes(b));
  if (bad.length) throw new CliError(`Unknown --by key(s) ${bad.join(', ')}: use ${REVIEW_GROUPS.join(', ')}.`, 2);

  const settings = readerSettingsFor(g);
  const core = createCore({ dbPath: g.db, settings, host: 'headless', version: packageVersion(), runSources: false });
  try {
    const s = settings.get();
    const zone = g.tz ?? s.timezone;
    const rollup = rollupParamsOf(s);
    const out = path.resolve(values.out);
    if (values.contacts) {
      const jobs = createReviewJobs(createEventHub(), Date.now);
      const h = jobs.create('export', path.basename(out));
      await writeExport(core.db, zone, rollup, s.repeatWindowHours, { table: 'contacts', format: format as 'csv' | 'xlsx', filters, by: [] }, out, h);
      print(g, `${out}: ${h.job.done} contacts${h.job.error ? ` (${h.job.error})` : ''}`, { file: out, rows: h.job.done });
      return 0;
    }
    const rows = reviewKpis(core.db, filters, by as ReviewGroup[], zone, rollup, s.repeatWindowHours);
    const table = kpiTable(rows, by as ReviewGroup[]);
    if (format === 'csv') fs.writeFileSync(out, toCsvFile(table.columns, table.rows));
    else if (format === 'xlsx') await writeXlsx(out, table.columns, [table.rows.map((r) => table.columns.map((c) => r[c]))], { sheetName: 'KPIs' });
    else {
      fs.writeFileSync(
        out,
        kpiReportPdf({ title: 'Floorwatch KPI report', subtitle: `${describeFilters(filters)} · ${zone}`, generated: `Generated ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`, table, chart: true }),
      );
    }
    print(g, `${out}: ${table.rows.length} rows`, { file: out, rows: table.rows.length });
  } finally {
    core.close();
  }
  return 0;
}
