import { guessDelimiter, splitCsvRecord } from './csv';
import { epochMs, isEventName } from './file-line';
import { layoutFromRow } from './table-rows';
import type { QueueLogFormat } from './types';

const FILE_LINE = /^\d{9,11}(\.\d+)?\|[^|]*\|[^|]*\|[^|]*\|[A-Za-z][A-Za-z0-9_-]*(\||$)/;
const SAMPLE = 50;

function clean(line: string): string {
  let s = line.replace(/\0+/g, '');
  if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
  if (s.endsWith('\r')) s = s.slice(0, -1);
  return s;
}

function isUpperEvent(s: string): boolean {
  return isEventName(s) && s === s.toUpperCase() && /[A-Z]/.test(s);
}

function csvVerdict(line: string): QueueLogFormat | null {
  const fields = splitCsvRecord(line, guessDelimiter(line));
  if (fields === null || fields.length < 5) return null;
  const names = new Set(fields.map((f) => f.trim().toLowerCase()));
  if (names.has('event')) {
    if (names.has('date_time') || (names.has('htime') && names.has('param1'))) return 'pbxware';
    if (names.has('callid') && (names.has('time') || names.has('created') || names.has('datetime'))) return 'table';
    return null;
  }
  const [, dateTime] = fields;
  if (fields.length >= 13 && dateTime !== undefined) {
    const epoch = dateTime.trim();
    if (epochMs(epoch, 0, epoch.length) > 0 && isUpperEvent(fields[5]?.trim() ?? '')) return 'pbxware';
  }
  const layout = layoutFromRow(fields, 'table');
  if (layout && isUpperEvent(fields[layout.event]?.trim() ?? '')) return 'table';
  return null;
}

/**
 * Which queue_log form the first lines of an input are in: the pipe file, the realtime table
 * CSV, or the PBXware table CSV. Null when no line among the first 50 non-blank ones decides.
 */
export function detectQueueLogFormat(firstLines: readonly string[]): QueueLogFormat | null {
  let seen = 0;
  for (const raw of firstLines) {
    const line = clean(raw);
    if (line.trim().length === 0) continue;
    if (++seen > SAMPLE) break;
    if (FILE_LINE.test(line)) return 'file';
    const verdict = csvVerdict(line);
    if (verdict !== null) return verdict;
  }
  return null;
}
