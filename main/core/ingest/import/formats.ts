import type { CustomerRecord, IngestEvent } from '../events';
import fs from 'node:fs';
import { replayAmiTranscript } from '../ami';
import { createExportParser, createJsonRecordReader, isPresetName, parseMappingJson, presetMapping, PRESET_NAMES, suggestMapping, type Mapping } from '../exports';
import { createNdjsonParser } from '../ndjson';
import { createQueueLogParser, detectQueueLogFormat, type QueueLogParserState } from '../queue-log';
import type { StoredEntry } from '../queue-log/types';
import { guessDelimiter, splitCsvRecord } from '../queue-log/csv';

const isQueueLogState = (s: unknown): s is QueueLogParserState =>
  typeof s === 'object' && s !== null && (s as { version?: unknown }).version === 1 && Array.isArray((s as { calls?: unknown }).calls);

/** The formats `floorwatch import --format` names (README "Data sources"). */
export const IMPORT_FORMATS = ['queue_log', 'queue_log-table', 'ami', 'csv', 'ndjson', 'connect-ctr'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export interface Sink {
  event(e: IngestEvent): void;
  customer?(c: CustomerRecord): void;
  reject(line: number, reason: string): void;
}

/** A format's line-by-line translator into normalised events. */
export interface LineTranslator {
  push(line: string, lineNo: number): void;
  /** Lines so far that were valid records (translated or knowingly skipped). */
  accepted(): number;
  /** Problems with the file that import nonetheless, e.g. an optional column missing from a CSV header. */
  warnings?(): string[];
  /** Parser memory to resume a followed file from its saved offset (formats that keep state). */
  saveState?(): unknown;
  /** End of input: flush held state; returns unknown-event counts and agent spellings seen. */
  finish(): { unknownEvents: Record<string, number>; aliases?: { interface: string; agent: string }[] };
}

export interface FormatOptions {
  site: string;
  sourceTz: string | undefined;
  mapping: string | undefined;
  /** A mapping built on screen, as JSON text; wins over `mapping`. */
  mappingJson?: string;
  /** Saved parser memory from `saveState()`, when resuming a followed file. */
  state?: unknown;
  /** Stored queue entries of a uniqueid of `source` (see QueueLogParserOptions.storedEntries). */
  storedEntries?: (source: string, callid: string) => readonly StoredEntry[];
}

export class ImportError extends Error {}

/** Source name of everything from one Asterisk system: queue_log files and AMI share it, so they dedupe. */
export const asteriskSource = (site: string) => `asterisk:${site}`;

/** How much of a file format detection reads (and the lines it is given come from). */
export const SNIFF_BYTES = 64 * 1024;

/**
 * The complete lines in the first `SNIFF_BYTES` of a file (a line cut off by the limit is left
 * out, unless it is the only one).
 */
export function readHeadLines(file: string): string[] {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(SNIFF_BYTES);
    const n = fs.readSync(fd, buf, 0, SNIFF_BYTES, 0);
    const lines = buf.subarray(0, n).toString('utf8').split('\n');
    if (n === SNIFF_BYTES && lines.length > 1) lines.pop();
    return lines;
  } finally {
    fs.closeSync(fd);
  }
}

/** JSON records looked at to tell Amazon Connect records from an NDJSON feed. */
const JSON_SAMPLE = 50;

/**
 * Amazon Connect records (objects with a `ContactId`) or an NDJSON feed (objects with a `type` and
 * an `id`), decided by the first JSON object that is one or the other: objects one per line, in
 * an array, back to back or pretty-printed alike, so a malformed first line does not hide the
 * rest.
 */
function detectJson(lines: readonly string[]): ImportFormat | null {
  const reader = createJsonRecordReader();
  // No end(): a record cut off at the end of the sample is not looked at.
  const records = reader.push(lines.join('\n'));
  for (const r of records.slice(0, JSON_SAMPLE)) {
    const o = r.value;
    if (o === null) continue;
    if ('ContactId' in o) return 'connect-ctr';
    if (typeof o.type === 'string' && 'id' in o) return 'ndjson';
  }
  return null;
}

/**
 * Sniffs the format from the first lines (those of `readHeadLines`: the first 64 KB, so that a
 * pretty-printed record is seen whole); null when nothing matches.
 */
export function detectFormat(firstLines: readonly string[]): { format: ImportFormat; variant?: string } | null {
  const ql = detectQueueLogFormat(firstLines);
  if (ql === 'file') return { format: 'queue_log' };
  if (ql === 'table' || ql === 'pbxware') return { format: 'queue_log-table', variant: ql };
  const lines = firstLines.map((l) => l.replace(/^\uFEFF/, '').trim()).filter((l) => l !== '');
  const first = lines[0] ?? '';
  if (lines.slice(0, 60).some((l) => /^(Asterisk Call Manager\/|<-- Examining AMI event|Event: [A-Za-z]+$)/.test(l))) return { format: 'ami' };
  const startsJson = first.startsWith('{') || first.startsWith('[');
  if (startsJson) {
    const json = detectJson(lines);
    if (json) return { format: json };
  }
  // A CSV export whose header a built-in mapping recognises.
  const header = splitCsvRecord(first, guessDelimiter(first));
  if (header && header.length >= 3 && suggestMapping(header).preset !== null) return { format: 'csv' };
  // A feed whose first line is not JSON at all (a stray line of text).
  const json = startsJson ? null : detectJson(lines);
  return json ? { format: json } : null;
}

/** What `floorwatch import` tells a user whose file matched no format. */
export function unknownFormatMessage(file: string): string {
  return (
    `Cannot tell the format of ${file}. Expected an Asterisk queue_log (epoch|callid|queue|agent|EVENT|…), a queue_log table export ` +
    `(CSV with time, callid, queuename, agent, event, data…), an AMI capture, a CSV export with a header row (id, queue, enter_time…), ` +
    `Amazon Connect contact records (JSON objects with a ContactId, in an array, one per line or back to back), or an NDJSON event feed ` +
    `(one {"type", "id", "at", …} object per line); or give --format (${IMPORT_FORMATS.join(', ')}).`
  );
}

export function exportMapping(format: ImportFormat, o: { mapping?: string; mappingJson?: string }, firstLines: readonly string[]): Mapping {
  if (o.mappingJson) {
    const parsed = parseMappingJson(o.mappingJson);
    if (!parsed.ok) throw new ImportError(`The column mapping is not valid: ${parsed.errors.join('; ')}`);
    return parsed.mapping;
  }
  if (format === 'connect-ctr') return presetMapping('connect-ctr');
  if (o.mapping) {
    if (isPresetName(o.mapping)) return presetMapping(o.mapping);
    let text: string;
    try {
      text = fs.readFileSync(o.mapping, 'utf8');
    } catch {
      throw new ImportError(`--mapping "${o.mapping}" is neither a preset (${PRESET_NAMES.join(', ')}) nor a readable mapping file.`);
    }
    const parsed = parseMappingJson(text);
    if (!parsed.ok) throw new ImportError(`The mapping file ${o.mapping} is not valid: ${parsed.errors.join('; ')}`);
    return parsed.mapping;
  }
  const first = (firstLines.find((l) => l.trim() !== '') ?? '').replace(/^\uFEFF/, '');
  const header = splitCsvRecord(first, guessDelimiter(first)) ?? [];
  const suggestion = suggestMapping(header);
  if (suggestion.preset === null) {
    throw new ImportError(
      `No built-in mapping fits the columns of this file (${header.slice(0, 8).join(', ')}). Give --mapping with a preset (${PRESET_NAMES.join(', ')}) or a mapping JSON file (README: "Mapping files").`,
    );
  }
  return suggestion.mapping;
}

/** AMI captures are read whole (duplicates are removed across the file), so their size is capped. */
const AMI_MAX_BYTES = 64 * 1024 * 1024;

export function createTranslator(format: ImportFormat, variant: string | undefined, firstLines: readonly string[], o: FormatOptions, sink: Sink): LineTranslator {
  switch (format) {
    case 'queue_log':
    case 'queue_log-table': {
      const detected = detectQueueLogFormat(firstLines);
      const qlFormat = format === 'queue_log' ? 'file' : variant === 'pbxware' || detected === 'pbxware' ? 'pbxware' : 'table';
      if (qlFormat === 'table' && !o.sourceTz) {
        throw new ImportError('A queue_log table export carries local date-times: give their time zone with --source-tz (e.g. --source-tz Europe/Tallinn).');
      }
      const parser = createQueueLogParser({
        source: asteriskSource(o.site),
        format: qlFormat,
        sourceTimeZone: o.sourceTz,
        onEvent: (e) => sink.event(e),
        onReject: (r) => sink.reject(r.lineNo, r.reason),
        maxRejectsKept: 0,
        state: isQueueLogState(o.state) ? o.state : undefined,
        storedEntries: o.storedEntries ? (callid) => o.storedEntries!(asteriskSource(o.site), callid) : undefined,
      });
      return {
        push: (line, lineNo) => parser.push(line, lineNo),
        accepted: () => parser.stats().accepted,
        saveState: () => parser.saveState(),
        finish() {
          const r = parser.finish();
          return { unknownEvents: r.stats.unknown, aliases: r.aliases };
        },
      };
    }
    case 'csv':
    case 'connect-ctr': {
      const mapping = exportMapping(format, o, firstLines);
      const parser = createExportParser({
        mapping,
        source: `export:${o.site}`,
        sourceTimeZone: o.sourceTz,
        onEvent: (e) => sink.event(e),
        onCustomer: (c) => sink.customer?.(c),
        onReject: (r) => sink.reject(r.lineNo, r.reason),
        maxRejectsKept: 0,
      });
      let fatalReported = false;
      const checkFatal = () => {
        const fatal = parser.snapshot().fatal;
        if (fatal && !fatalReported) {
          fatalReported = true;
          throw new ImportError(fatal);
        }
      };
      let lines = 0;
      return {
        push(line) {
          parser.push(`${line}\n`);
          if (++lines <= 2) checkFatal();
        },
        accepted: () => {
          const st = parser.stats();
          return st.records - st.rejected;
        },
        warnings: () => parser.snapshot().warnings,
        finish() {
          const r = parser.end();
          if (r.fatal && !fatalReported) throw new ImportError(r.fatal);
          return { unknownEvents: r.stats.skippedBy };
        },
      };
    }
    case 'ndjson': {
      const parser = createNdjsonParser({
        source: `feed:${o.site}`,
        onEvent: (e) => sink.event(e),
        onReject: (r) => sink.reject(r.lineNo, r.reason),
        maxRejectsKept: 0,
      });
      return {
        push: (line, lineNo) => parser.pushLine(line, lineNo),
        accepted: () => parser.stats().accepted,
        finish() {
          parser.end({ includeUnterminated: true });
          return { unknownEvents: {} };
        },
      };
    }
    case 'ami': {
      const chunks: string[] = [];
      let size = 0;
      let accepted = 0;
      return {
        push(line) {
          size += line.length + 1;
          if (size > AMI_MAX_BYTES) throw new ImportError('AMI captures larger than 64 MB are not imported whole: split the capture into smaller files.');
          chunks.push(line);
          accepted++;
        },
        accepted: () => accepted,
        finish() {
          const r = replayAmiTranscript(chunks.join('\n'), { source: asteriskSource(o.site) });
          for (const e of r.events) sink.event(e);
          return { unknownEvents: {} };
        },
      };
    }
  }
}
