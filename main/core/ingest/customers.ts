import type { CustomerRecord } from './events';
import { readLineBatches } from './queue-log';
import { guessDelimiter, splitCsvRecord } from './queue-log/csv';

/** Header names accepted for each directory column (case, spaces and punctuation ignored). */
const COLUMNS = {
  caller: ['phone', 'number', 'caller', 'callerid', 'msisdn', 'phonenumber', 'telephone', 'tel', 'mobile', 'handle', 'contact'],
  segment: ['segment', 'tier', 'type', 'customersegment', 'class', 'level'],
  name: ['name', 'customername', 'fullname'],
  ref: ['id', 'customerid', 'ref', 'customerref', 'account', 'accountid'],
} as const;

const norm = (h: string) => h.replace(/^\uFEFF/, '').toLowerCase().replace(/[^a-z0-9]/g, '');

export interface DirectoryParseResult {
  records: CustomerRecord[];
  lines: number;
  rejected: { line: number; reason: string }[];
}

export class DirectoryFormatError extends Error {}

/**
 * Reads a customer directory CSV (caller → segment, optional name and id). The header decides
 * which column is which, by tolerant names; a row without a caller is rejected with its line
 * number, the rest still imported.
 */
export async function readDirectoryCsv(file: string): Promise<DirectoryParseResult> {
  const records: CustomerRecord[] = [];
  const rejected: { line: number; reason: string }[] = [];
  let idx: Partial<Record<keyof typeof COLUMNS, number>> | null = null;
  let delimiter = ',';
  let lines = 0;
  let pending = '';
  let pendingLine = 0;
  for await (const batch of readLineBatches(file, { includeUnterminated: true })) {
    for (let i = 0; i < batch.lines.length; i++) {
      const lineNo = batch.firstLineNo + i;
      lines++;
      const raw = batch.lines[i]!;
      const text = pending ? `${pending}\n${raw}` : raw;
      if (!pending) pendingLine = lineNo;
      if (text.trim() === '') continue;
      if (idx === null) {
        delimiter = guessDelimiter(text);
        const header = (splitCsvRecord(text, delimiter) ?? []).map(norm);
        idx = {};
        for (const [key, names] of Object.entries(COLUMNS) as [keyof typeof COLUMNS, readonly string[]][]) {
          const at = header.findIndex((h) => names.includes(h));
          if (at >= 0) idx[key] = at;
        }
        if (idx.caller === undefined || idx.segment === undefined) {
          throw new DirectoryFormatError(
            `The first line of ${file} must name the columns: a caller column (${COLUMNS.caller.slice(0, 3).join('/')}) and a segment column (${COLUMNS.segment.slice(0, 3).join('/')}); optional name and id. Found: ${header.join(', ') || '(empty)'}.`,
          );
        }
        continue;
      }
      const fields = splitCsvRecord(text, delimiter);
      if (fields === null) {
        pending = text; // a quoted field continues on the next line
        continue;
      }
      pending = '';
      const get = (k: keyof typeof COLUMNS) => (idx![k] === undefined ? '' : (fields[idx![k]!] ?? '').trim());
      const caller = get('caller');
      if (!caller) {
        rejected.push({ line: pendingLine, reason: 'no caller number or handle in this row' });
        continue;
      }
      if (caller.length > 200) {
        rejected.push({ line: pendingLine, reason: 'caller longer than 200 characters' });
        continue;
      }
      records.push({ caller, segment: get('segment') || null, name: get('name') || null, ref: get('ref') || null });
    }
  }
  if (pending) rejected.push({ line: pendingLine, reason: 'unterminated quoted field at the end of the file' });
  if (idx === null) throw new DirectoryFormatError(`${file} is empty: expected a CSV with a header line (phone,segment[,name,id]).`);
  return { records, lines, rejected };
}
