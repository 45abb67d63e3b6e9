import { guessDelimiter, splitCsvRecord } from './csv';
import { isEventName, parseFileLine } from './file-line';
import { localTimeConverter, type LocalTimeConverter } from './local-time';
import { isWholeRow, layoutFromHeader, layoutFromRow, looksLikeHeader, rowToRecord, type RowContext, type TableLayout } from './table-rows';
import { Translator, type QlRecord } from './translate';
import type { QueueLogParser, QueueLogParserOptions, QueueLogParserState, QueueLogResult, QueueLogStats, RejectedLine } from './types';

const DAY = 86_400_000;
/** A quoted CSV field longer than this is a runaway quote, not data. */
const MAX_CSV_RECORD = 1 << 20;
const REJECT_TEXT = 200;

function newStats(): QueueLogStats {
  return {
    lines: 0,
    blank: 0,
    nulStripped: 0,
    headers: 0,
    accepted: 0,
    rejected: 0,
    known: {},
    unknown: {},
    emitted: { enqueued: 0, ring: 0, 'ring-end': 0, answered: 0, ended: 0, transferred: 0, agent: 0 },
    firstAt: null,
    lastAt: null,
  };
}

/**
 * A streaming queue_log parser: lines in, normalised events out through `onEvent`, in log order.
 * Holds no more than one pending member line, one unfinished quoted CSV record, and the small
 * per-call memory described in calls.ts. Bad lines are rejected with their line number; nothing
 * is thrown for input. Throws only for bad options (no `source`, a `table` without a zone, an
 * unknown zone).
 */
export function createQueueLogParser(options: QueueLogParserOptions): QueueLogParser {
  const { source, format } = options;
  if (!source) throw new Error('queue_log parser: source is required');
  if (format === 'table' && !options.sourceTimeZone) {
    throw new Error('queue_log parser: the table form has local datetimes; sourceTimeZone is required');
  }
  const zone: LocalTimeConverter | null = options.sourceTimeZone ? localTimeConverter(options.sourceTimeZone) : null;
  const maxRejects = options.maxRejectsKept ?? 1000;
  const stats = newStats();
  const rejects: RejectedLine[] = [];
  const translator = new Translator(source, options.onEvent, stats, options.callMemoryMs ?? DAY, options.storedEntries);
  if (options.state) {
    translator.calls.restore(options.state.calls, options.state.clock);
    translator.aliases.restore(options.state.aliases);
    translator.restoreHeld(options.state.held ?? null);
  }

  const rec: QlRecord = { at: 0, callid: '', queue: '', agent: '', event: '', data: new Array<string>(8).fill(''), dataLen: 0 };
  let layout: TableLayout | null = null;
  let delimiter = ',';
  let pending: string | null = null;
  let pendingLineNo = 0;
  const rowCtx: RowContext = { zone, previousAt: Number.NEGATIVE_INFINITY };

  const reject = (lineNo: number, reason: string, text: string): void => {
    stats.rejected++;
    const entry: RejectedLine = { lineNo, reason, text: text.length > REJECT_TEXT ? text.slice(0, REJECT_TEXT) : text };
    if (rejects.length < maxRejects) rejects.push(entry);
    options.onReject?.(entry);
  };

  const accept = (at: number): void => {
    stats.accepted++;
    if (stats.firstAt === null || at < stats.firstAt) stats.firstAt = at;
    if (stats.lastAt === null || at > stats.lastAt) stats.lastAt = at;
  };

  const translate = (lineNo: number, text: string, mode: 'strict' | 'padded' | 'exact'): void => {
    const problem = translator.handle(rec, mode);
    if (problem === null) accept(rec.at);
    else reject(lineNo, problem, text);
  };

  const pushFileLine = (line: string, lineNo: number): void => {
    const problem = parseFileLine(line, rec);
    if (problem !== null) {
      translator.flush();
      reject(lineNo, problem, line);
      return;
    }
    translate(lineNo, line, 'strict');
  };

  const pushCsvRecord = (text: string, lineNo: number): void => {
    if (layout === null) delimiter = guessDelimiter(text);
    const fields = splitCsvRecord(text, delimiter);
    if (fields === null) {
      if (text.length > MAX_CSV_RECORD) {
        reject(lineNo, 'unterminated quoted field', text);
        return;
      }
      pending = text;
      pendingLineNo = lineNo;
      return;
    }
    const kind = format === 'pbxware' ? 'pbxware' : 'table';
    if (layout === null) {
      if (looksLikeHeader(fields)) {
        layout = layoutFromHeader(fields, kind);
        if (layout === null) reject(lineNo, 'header lacks time, callid, queue, agent or event columns', text);
        else stats.headers++;
        return;
      }
      layout = layoutFromRow(fields, kind);
      if (layout === null) {
        reject(lineNo, `row fits no known ${kind} layout and no header came before it`, text);
        return;
      }
    } else if (layout.header !== null && fields.length === layout.width && fields.every((f, i) => f === layout?.header?.[i])) {
      // Concatenated exports repeat their header.
      stats.headers++;
      return;
    }
    const mode = rowToRecord(fields, layout, rowCtx, rec);
    if (typeof mode !== 'string') {
      translator.flush();
      reject(lineNo, mode.reject, text);
      return;
    }
    if (!isEventName(rec.event)) {
      translator.flush();
      reject(lineNo, rec.event.length === 0 ? 'missing event name' : 'event name is not valid', text);
      return;
    }
    rowCtx.previousAt = rec.at;
    translate(lineNo, text, mode);
  };

  const push = (raw: string, lineNo: number): void => {
    stats.lines++;
    let line = raw;
    if (line.length > 0 && line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
    if (line.length > 0 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    if (line.indexOf('\0') !== -1) {
      // logrotate copytruncate leaves NUL runs where the writer's old offset was; the text
      // around them is intact.
      line = line.replace(/\0+/g, '');
      stats.nulStripped++;
    }
    if (pending !== null) {
      const open = pending;
      pending = null;
      if (layout === null || !isWholeRow(splitCsvRecord(line, delimiter), layout)) {
        pushCsvRecord(`${open}\n${line}`, pendingLineNo);
        return;
      }
      // A quote left open on a damaged line: that line alone is rejected, not every row after it.
      translator.flush();
      reject(pendingLineNo, 'unterminated quoted field', open);
    }
    if (line.length === 0 || (line.charCodeAt(0) <= 32 && line.trim().length === 0)) {
      stats.blank++;
      return;
    }
    if (format === 'file') pushFileLine(line, lineNo);
    else pushCsvRecord(line, lineNo);
  };

  const snapshotStats = (): QueueLogStats => ({
    ...stats,
    known: { ...stats.known },
    unknown: { ...stats.unknown },
    emitted: { ...stats.emitted },
  });

  return {
    push,
    flush: () => translator.flush(),
    finish(): QueueLogResult {
      translator.flush();
      if (pending !== null) {
        reject(pendingLineNo, 'unterminated quoted field at end of input', pending);
        pending = null;
      }
      return { stats: snapshotStats(), rejects: [...rejects], aliases: translator.aliases.list() };
    },
    stats: snapshotStats,
    aliases: () => translator.aliases.list(),
    saveState(): QueueLogParserState {
      return { version: 1, calls: translator.calls.save(), aliases: translator.aliases.save(), clock: translator.calls.now, held: translator.saveHeld() };
    },
  };
}
