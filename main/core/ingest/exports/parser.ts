import type { Outcome } from '../../../../shared/domain/channels';
import type { CustomerRecord, IngestEvent } from '../events';
import { createCsvReader, type CsvRecord } from './csv-reader';
import { createJsonRecordReader, type JsonRecord } from './json-reader';
import type { Mapping } from './mapping';
import { csvRow, jsonRow, resolveHeader } from './rows';
import { isTimeZone } from './values';
import { createTranslator, type RecordResult, type SourceRow, type Translator } from './translate';

export interface RejectedRecord {
  /** 1-based physical line where the record starts (the header is line 1 of a CSV). */
  lineNo: number;
  /** Names the field, e.g. `enter: not a time of day: "25:61"`. */
  reason: string;
}

export interface ExportStats {
  /** Data records read (CSV rows after the header, JSON objects). */
  records: number;
  /** Records that became a contact (one `enqueued` each): the contacts offered. */
  contacts: number;
  /** Contacts with an `answered` event. */
  answered: number;
  /** Contacts per final outcome. */
  outcomes: Partial<Record<Outcome, number>>;
  /** Records that are not queue contacts by the mapping's rules, per reason. */
  skipped: number;
  skippedBy: Record<string, number>;
  rejected: number;
  /** Customer directory entries emitted (new or changed callers only). */
  customers: number;
  /** Distinct agents on answered contacts. */
  agents: string[];
  firstEnterAt: number | null;
  lastEnterAt: number | null;
}

export interface ExportResult {
  stats: ExportStats;
  /** At most `maxRejectsKept` (stats.rejected has the full count). */
  rejects: RejectedRecord[];
  /** Problems with the file as a whole, e.g. a required column missing from the header (then nothing is imported). */
  fatal: string | null;
  /** Optional columns the mapping names but the header lacks. */
  warnings: string[];
  headers: string[];
}

export interface ExportParserOptions {
  mapping: Mapping;
  /** Written into every event; default `export:<mapping name>`. */
  source?: string;
  /** Zone of wall-clock times in the file; overrides the mapping's `zone`; default UTC. */
  sourceTimeZone?: string;
  onEvent: (event: IngestEvent) => void;
  onCustomer?: (customer: CustomerRecord) => void;
  onReject?: (rejected: RejectedRecord) => void;
  /** Called for every record (preview uses it to show source rows beside their result). */
  onRecord?: (row: SourceRow, result: RecordResult) => void;
  maxRejectsKept?: number;
}

export interface ExportParser {
  /** Feeds the next piece of the file's text. Never throws for bad data. */
  push(chunk: string): void;
  /** Ends the input and returns the totals. */
  end(): ExportResult;
  stats(): ExportStats;
  /** The result so far, without ending the input (header problems are known after the first line). */
  snapshot(): ExportResult;
}

const MAX_AGENTS = 10_000;
const MAX_CUSTOMERS_REMEMBERED = 1_000_000;

/**
 * Exported per-contact files (CSV with a header row, or JSON records) → ingest events through a
 * mapping. Each record gives `enqueued`, then `answered` when answered, then `ended`, all at once:
 * the records are independent, so nothing is held between them (except which customers were
 * already emitted, to send each directory entry once).
 */
export function createExportParser(options: ExportParserOptions): ExportParser {
  const { mapping } = options;
  const translator: Translator = createTranslator(mapping, options);
  const maxRejects = options.maxRejectsKept ?? 1000;
  const stats: ExportStats = {
    records: 0,
    contacts: 0,
    answered: 0,
    outcomes: {},
    skipped: 0,
    skippedBy: {},
    rejected: 0,
    customers: 0,
    agents: [],
    firstEnterAt: null,
    lastEnterAt: null,
  };
  const rejects: RejectedRecord[] = [];
  const agents = new Set<string>();
  const customersSeen = new Map<string, string>();
  // A zone Intl does not know is a problem with the import's settings, not with a record.
  let fatal: string | null = isTimeZone(translator.zone) ? null : `unknown source time zone "${translator.zone}"`;
  const warnings: string[] = [];
  let headers: string[] = [];
  let header: Map<string, number> | null = null;

  const csv = mapping.format === 'csv' ? createCsvReader({ delimiter: mapping.delimiter ?? 'auto' }) : null;
  const json = mapping.format === 'json' ? createJsonRecordReader() : null;
  const jsonKeys = new Set<string>();

  const reject = (lineNo: number, reason: string) => {
    stats.rejected++;
    const r = { lineNo, reason };
    if (rejects.length < maxRejects) rejects.push(r);
    options.onReject?.(r);
  };

  function handle(row: SourceRow) {
    stats.records++;
    const result = translator.translate(row);
    options.onRecord?.(row, result);
    switch (result.kind) {
      case 'reject':
        reject(row.lineNo, result.reason);
        return;
      case 'skip':
        stats.skipped++;
        stats.skippedBy[result.reason] = (stats.skippedBy[result.reason] ?? 0) + 1;
        return;
      case 'contact':
        break;
    }
    stats.contacts++;
    stats.outcomes[result.outcome] = (stats.outcomes[result.outcome] ?? 0) + 1;
    if (result.agent !== null) {
      stats.answered++;
      if (agents.size < MAX_AGENTS) agents.add(result.agent);
    }
    if (stats.firstEnterAt === null || result.enterAt < stats.firstEnterAt) stats.firstEnterAt = result.enterAt;
    if (stats.lastEnterAt === null || result.enterAt > stats.lastEnterAt) stats.lastEnterAt = result.enterAt;
    for (const e of result.events) options.onEvent(e);
    const c = result.customer;
    if (c) {
      const key = JSON.stringify([c.segment ?? null, c.name ?? null]);
      if (customersSeen.get(c.caller) !== key) {
        if (customersSeen.size >= MAX_CUSTOMERS_REMEMBERED) customersSeen.clear();
        customersSeen.set(c.caller, key);
        stats.customers++;
        options.onCustomer?.(c);
      }
    }
  }

  function onCsv(records: CsvRecord[]) {
    for (const rec of records) {
      if (fatal !== null) return;
      if (header === null) {
        headers = rec.fields.map((h) => h.trim());
        const check = resolveHeader(headers, translator.uses);
        header = check.index;
        fatal = check.fatal;
        warnings.push(...check.warnings);
        continue;
      }
      if (rec.error) {
        stats.records++;
        reject(rec.lineNo, `record: ${rec.error}`);
        continue;
      }
      // Decided by the count, not by content: a row whose trailing optional fields are empty still
      // writes their delimiters out, and blank lines never reach here (the reader skips them).
      if (rec.fields.length > headers.length) {
        stats.records++;
        reject(rec.lineNo, `record: ${rec.fields.length} fields, the header has ${headers.length} (an unquoted delimiter inside a value?)`);
        continue;
      }
      if (rec.fields.length < headers.length) {
        stats.records++;
        reject(rec.lineNo, `record: ${rec.fields.length} fields, the header has ${headers.length} (a line cut short?)`);
        continue;
      }
      handle(csvRow(rec, headers, header));
    }
  }

  function onJson(records: JsonRecord[]) {
    for (const rec of records) {
      if (fatal !== null) return;
      if (rec.value === null) {
        stats.records++;
        reject(rec.lineNo, `record: ${rec.error ?? 'not a JSON object'}`);
        continue;
      }
      const row = jsonRow(rec.value, rec.lineNo);
      if (jsonKeys.size < 1000) for (const k of row.columns()) jsonKeys.add(k);
      handle(row);
    }
  }

  return {
    push(chunk) {
      if (csv) onCsv(csv.push(chunk));
      else onJson(json!.push(chunk));
    },
    end() {
      if (csv) {
        onCsv(csv.end());
        if (header === null && fatal === null) fatal = 'the file is empty: no header row';
      } else {
        onJson(json!.end());
      }
      return this.snapshot();
    },
    snapshot() {
      return { stats: this.stats(), rejects: [...rejects], fatal, warnings: [...warnings], headers: json ? [...jsonKeys] : [...headers] };
    },
    stats() {
      return { ...stats, outcomes: { ...stats.outcomes }, skippedBy: { ...stats.skippedBy }, agents: [...agents].sort() };
    },
  };
}
