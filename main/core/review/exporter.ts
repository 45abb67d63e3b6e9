import fs from 'node:fs';
import { CONTACT_COLUMNS, type ContactListRow, type ReviewFilters, type ReviewGroup } from '../../../shared/contract/review';
import { zoneOffsetMs } from '../../../shared/domain/time';
import type { Db } from '../../db/open';
import { CSV_BOM, csvLine, toCsvFile } from '../export/csv';
import { writeXlsx } from '../export/xlsx';
import type { RollupParams } from '../ingest/rollup';
import { contactRows, countContacts } from './contacts';
import type { JobHandle } from './jobs';
import { kpiTable, reviewKpis } from './kpis';

export interface ExportRequest {
  table: 'kpis' | 'contacts';
  format: 'csv' | 'xlsx';
  filters: ReviewFilters;
  by: ReviewGroup[];
}

export const MIME = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
} as const;

export const exportFileName = (r: { table: string; format: string; filters: ReviewFilters }) => `floorwatch-${r.table}-${r.filters.from}_${r.filters.to}.${r.format}`;

const pad = (n: number) => String(Math.floor(Math.abs(n))).padStart(2, '0');

/** ISO 8601 in the site's zone with its offset: what a spreadsheet user expects to read. */
export function localIso(zone: string, t: number): string {
  const off = zoneOffsetMs(zone, t);
  const local = new Date(t + off).toISOString().slice(0, 19);
  const m = Math.round(off / 60_000);
  return `${local}${m < 0 ? '-' : '+'}${pad(m / 60)}:${pad(m % 60)}`;
}

const contactValues = (zone: string, r: ContactListRow): unknown[] => CONTACT_COLUMNS.map((c) => (c === 'enterAt' ? localIso(zone, r.enterAt) : r[c]));

const tick = () => new Promise<void>((r) => setImmediate(r));

/** Writes one export to `file`, reporting progress on `h` and stopping when it is cancelled. */
export async function writeExport(db: Db, zone: string, rollup: RollupParams, repeatWindowHours: number, req: ExportRequest, file: string, h: JobHandle): Promise<void> {
  if (req.table === 'kpis') {
    const table = kpiTable(reviewKpis(db, req.filters, req.by, zone, rollup, repeatWindowHours), req.by);
    h.progress(0, table.rows.length);
    if (req.format === 'csv') fs.writeFileSync(file, toCsvFile(table.columns, table.rows));
    else await writeXlsx(file, table.columns, [table.rows.map((r) => table.columns.map((c) => r[c]))], { sheetName: 'KPIs' });
    h.progress(table.rows.length, table.rows.length);
    return;
  }
  const total = countContacts(db, zone, req.filters);
  h.progress(0, total);
  if (req.format === 'xlsx') {
    const batches = (function* () {
      for (const rows of contactRows(db, zone, req.filters)) yield rows.map((r) => contactValues(zone, r));
    })();
    const result = await writeXlsx(file, CONTACT_COLUMNS, batches, { sheetName: 'Contacts', onProgress: (n) => (h.progress(n), !h.cancelled) });
    h.check();
    if (result.truncated) h.job.error = `Only the first ${result.rows} rows fit in one sheet; export CSV for all ${total}.`;
    return;
  }
  const fd = fs.openSync(file, 'w');
  try {
    fs.writeSync(fd, CSV_BOM + csvLine(CONTACT_COLUMNS));
    let done = 0;
    for (const rows of contactRows(db, zone, req.filters)) {
      fs.writeSync(fd, rows.map((r) => csvLine(contactValues(zone, r))).join(''));
      done += rows.length;
      h.progress(done);
      h.check();
      await tick();
    }
  } finally {
    fs.closeSync(fd);
  }
}
