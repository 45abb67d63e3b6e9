import type { ImportPreview } from '../../../../shared/contract/sources';
import { previewFile, suggestMapping } from '../exports';
import { guessDelimiter, splitCsvRecord } from '../queue-log/csv';
import { detectFormat, exportMapping, ImportError, readHeadLines, type ImportFormat } from './formats';

function head(file: string): string[] {
  return readHeadLines(file).map((l) => l.replace(/\r$/, ''));
}

/**
 * What an import would do, before doing it: the detected format, the first lines, and for
 * exported contact files the columns, the mapping that fits and what it makes of the first rows.
 */
export async function previewImport(
  file: string,
  request: { format: ImportFormat | 'auto' | 'customers'; sourceTz?: string; mapping?: string; mappingJson?: string },
): Promise<ImportPreview> {
  const lines = head(file);
  const base: ImportPreview = {
    format: null,
    lines: lines.slice(0, 20).map((text, i) => ({ line: i + 1, text: text.slice(0, 500) })),
    headers: [],
    preset: null,
    mappingJson: null,
    missing: [],
    rows: [],
    fatal: null,
  };
  if (request.format === 'customers') return { ...base, format: 'customers' };
  const format = request.format === 'auto' ? (detectFormat(lines)?.format ?? null) : request.format;
  if (format !== 'csv' && format !== 'connect-ctr') return { ...base, format };

  const first = (lines.find((l) => l.trim() !== '') ?? '').replace(/^\uFEFF/, '');
  const header = format === 'csv' ? (splitCsvRecord(first, guessDelimiter(first)) ?? []) : [];
  const suggestion = format === 'csv' ? suggestMapping(header) : null;
  let mapping;
  try {
    mapping = request.mappingJson || request.mapping ? exportMapping(format, request, lines) : format === 'connect-ctr' ? exportMapping(format, {}, lines) : suggestion!.mapping;
  } catch (error) {
    if (error instanceof ImportError) return { ...base, format, headers: header, fatal: error.message };
    throw error;
  }
  const p = await previewFile(file, mapping, { limit: 20, sourceTimeZone: request.sourceTz });
  return {
    ...base,
    format,
    headers: p.headers,
    preset: suggestion?.preset ?? (format === 'connect-ctr' ? 'connect-ctr' : null),
    mappingJson: JSON.stringify(mapping, null, 2),
    missing: suggestion?.missing ?? [],
    fatal: p.fatal,
    rows: p.rows.map((r) => {
      const enq = r.events.find((e) => e.kind === 'enqueued');
      const end = r.events.find((e) => e.kind === 'ended');
      const ans = r.events.find((e) => e.kind === 'answered');
      return {
        line: r.lineNo,
        values: r.values,
        result: r.result,
        reason: r.reason,
        enterAt: enq?.at ?? null,
        channel: enq?.kind === 'enqueued' ? enq.channel : null,
        queue: enq?.kind === 'enqueued' ? enq.queue : null,
        outcome: end?.kind === 'ended' ? end.outcome : null,
        agent: ans?.kind === 'answered' ? ans.agent : null,
        segment: r.customer?.segment ?? (enq?.kind === 'enqueued' ? (enq.segment ?? null) : null),
      };
    }),
  };
}
