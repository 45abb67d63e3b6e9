/** RFC 4180 CSV text: fields with a comma, quote or line break are quoted, quotes doubled. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const s = typeof value === 'number' ? (Number.isInteger(value) ? String(value) : String(Number(value.toFixed(6)))) : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: readonly unknown[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

export function toCsv(columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  return csvLine(columns) + rows.map((r) => csvLine(columns.map((c) => r[c]))).join('');
}

/**
 * Files get a UTF-8 byte-order mark so spreadsheet programs read Persian and Chinese text as
 * UTF-8; text on stdout (`floorwatch kpis --csv`) has none, since pipes and tools do not want it.
 * The bytes after the mark are the same `toCsv` output.
 */
export const CSV_BOM = '\ufeff';

export function toCsvFile(columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  return CSV_BOM + toCsv(columns, rows);
}
