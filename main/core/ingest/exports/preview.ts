import type { CustomerRecord, IngestEvent } from '../events';
import { createCsvReader } from './csv-reader';
import { createJsonRecordReader } from './json-reader';
import type { Mapping } from './mapping';
import { createExportParser, type ExportStats } from './parser';
import { readTextChunks } from './read-chunks';

/**
 * The app's import flow: show the first rows of a file, let the user map columns (or take a
 * suggested preset), then show what those rows become. Both steps work on the head of the file.
 * Unless `complete` is set, the text is taken to be cut off, so a last partial record is left out.
 */

export type SourceFormat = 'csv' | 'json';

export interface SourcePreview {
  format: SourceFormat;
  headers: string[];
  rows: { lineNo: number; values: Record<string, string> }[];
}

export interface PreviewOptions {
  /** Rows to return; default 20. */
  limit?: number;
  /** The text is the whole file (include a last record without a line break). */
  complete?: boolean;
}

/** `json` when the text starts with `{` or `[`, else `csv`. */
export function detectFormat(text: string): SourceFormat {
  const t = text.replace(/^\uFEFF/, '').trimStart();
  return t.startsWith('{') || t.startsWith('[') ? 'json' : 'csv';
}

/** The first rows of a file as header → text, before any mapping. JSON objects are flattened to dotted paths. */
export function previewSource(text: string, options: PreviewOptions & { format?: SourceFormat } = {}): SourcePreview {
  const limit = options.limit ?? 20;
  const format = options.format ?? detectFormat(text);
  if (format === 'csv') {
    const reader = createCsvReader();
    const records = [...reader.push(text), ...(options.complete ? reader.end() : [])];
    const headers = (records[0]?.fields ?? []).map((h) => h.trim());
    const rows = records.slice(1, limit + 1).map((r) => ({ lineNo: r.lineNo, values: Object.fromEntries(headers.map((h, i) => [h, r.fields[i] ?? ''])) }));
    return { format, headers, rows };
  }
  const reader = createJsonRecordReader();
  const records = [...reader.push(text), ...(options.complete ? reader.end() : [])].slice(0, limit);
  const headers = new Set<string>();
  const rows = records.map((r) => {
    const values: Record<string, string> = {};
    if (r.value) flattenText(r.value, '', values);
    for (const k of Object.keys(values)) headers.add(k);
    return { lineNo: r.lineNo, values };
  });
  return { format, headers: [...headers], rows };
}

export interface PreviewRow {
  lineNo: number;
  values: Record<string, string>;
  result: 'contact' | 'skip' | 'reject';
  events: IngestEvent[];
  customer: CustomerRecord | null;
  /** Why the row was skipped or rejected. */
  reason: string | null;
}

export interface MappingPreview {
  headers: string[];
  rows: PreviewRow[];
  fatal: string | null;
  warnings: string[];
  stats: ExportStats;
}

/** The first `limit` records of `text` with what `mapping` makes of each. */
export function preview(text: string, mapping: Mapping, options: PreviewOptions & { sourceTimeZone?: string; source?: string } = {}): MappingPreview {
  const limit = options.limit ?? 20;
  const rows: PreviewRow[] = [];
  const parser = createExportParser({
    mapping,
    source: options.source,
    sourceTimeZone: options.sourceTimeZone,
    onEvent: () => {},
    onRecord(row, result) {
      if (rows.length >= limit) return;
      const values: Record<string, string> = {};
      for (const c of row.columns()) values[c] = row.get(c) ?? '';
      rows.push({
        lineNo: row.lineNo,
        values,
        result: result.kind,
        events: result.kind === 'contact' ? result.events : [],
        customer: result.kind === 'contact' ? result.customer : null,
        reason: result.kind === 'contact' ? null : result.reason,
      });
    },
    onReject(r) {
      // Rejected before translation (broken quoting, too many fields): no values to show.
      if (rows.length < limit && !rows.some((x) => x.lineNo === r.lineNo)) {
        rows.push({ lineNo: r.lineNo, values: {}, result: 'reject', events: [], customer: null, reason: r.reason });
      }
    },
  });
  parser.push(text);
  const result = options.complete ? parser.end() : parser.snapshot();
  rows.sort((a, b) => a.lineNo - b.lineNo);
  const headers = result.headers.length > 0 ? result.headers : previewSource(text, { limit: 1, format: mapping.format, complete: options.complete }).headers;
  return { headers, rows, fatal: result.fatal, warnings: result.warnings, stats: result.stats };
}

/** Reads the head of a file (default 256 KiB) and previews it. */
export async function previewFile(path: string, mapping: Mapping, options: PreviewOptions & { bytes?: number; sourceTimeZone?: string } = {}): Promise<MappingPreview> {
  const text = await readHead(path, options.bytes ?? 256 * 1024);
  return preview(text.text, mapping, { ...options, complete: text.complete });
}

/** The first `bytes` of a file as text, and whether that was all of it. */
export async function readHead(path: string, bytes = 256 * 1024): Promise<{ text: string; complete: boolean }> {
  let text = '';
  for await (const chunk of readTextChunks(path, { chunkSize: Math.min(bytes, 1 << 20) })) {
    text += chunk;
    if (text.length >= bytes) return { text, complete: false };
  }
  return { text, complete: true };
}

function flattenText(value: Record<string, unknown>, prefix: string, out: Record<string, string>) {
  for (const [k, v] of Object.entries(value)) {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) flattenText(v as Record<string, unknown>, `${prefix}${k}.`, out);
    else out[prefix + k] = v === null || v === undefined ? '' : typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
}
