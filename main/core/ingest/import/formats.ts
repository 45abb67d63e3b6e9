import type { CustomerRecord, IngestEvent } from '../events';
import { createQueueLogParser, detectQueueLogFormat, type QueueLogParserState } from '../queue-log';

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
  /** Parser memory to resume a followed file from its saved offset (formats that keep state). */
  saveState?(): unknown;
  /** End of input: flush held state; returns unknown-event counts and agent spellings seen. */
  finish(): { unknownEvents: Record<string, number>; aliases?: { interface: string; agent: string }[] };
}

export interface FormatOptions {
  site: string;
  sourceTz: string | undefined;
  mapping: string | undefined;
  /** Saved parser memory from `saveState()`, when resuming a followed file. */
  state?: unknown;
}

export class ImportError extends Error {}

/** Source name of everything from one Asterisk system: queue_log files and AMI share it, so they dedupe. */
export const asteriskSource = (site: string) => `asterisk:${site}`;

/** Sniffs the format from the first lines; null when nothing matches. */
export function detectFormat(firstLines: readonly string[]): { format: ImportFormat; variant?: string } | null {
  const ql = detectQueueLogFormat(firstLines);
  if (ql === 'file') return { format: 'queue_log' };
  if (ql === 'table' || ql === 'pbxware') return { format: 'queue_log-table', variant: ql };
  return null;
}

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
    default:
      throw new ImportError(`The ${format} format is not supported by this version of the importer yet.`);
  }
}
