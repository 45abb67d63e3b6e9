import type { IngestEvent } from '../events';
import { readTextChunks, type ChunkReadOptions } from '../exports/read-chunks';
import { createFeedTranslator, type FeedTranslator } from './translate';
import type { FeedType } from './schema';

export interface FeedReject {
  /** 1-based line number in the input. */
  lineNo: number;
  reason: string;
  /** The start of the line, for the import report. */
  text: string;
}

export interface FeedStats {
  lines: number;
  blank: number;
  accepted: number;
  rejected: number;
  byType: Partial<Record<FeedType, number>>;
  /** Earliest / latest event time (UTC ms). */
  firstAt: number | null;
  lastAt: number | null;
}

export interface FeedParseResult {
  stats: FeedStats;
  /** At most `maxRejectsKept` (stats.rejected has the full count). */
  rejects: FeedReject[];
}

export interface NdjsonParserOptions {
  /** Written into every event, e.g. `feed:crm`. */
  source: string;
  /** `extra`: the line's unknown fields (see FeedTranslation). */
  onEvent: (event: IngestEvent, meta: { lineNo: number; extra: Record<string, unknown> | null }) => void;
  onReject?: (reject: FeedReject) => void;
  maxRejectsKept?: number;
  /** Longer lines are refused; default 1 MiB. */
  maxLineChars?: number;
  /** Share one translator across files or with the HTTP endpoint (it remembers answered ids). */
  translator?: FeedTranslator;
  /** Number of the first line pushed (when resuming a file from an offset); default 1. */
  firstLineNo?: number;
}

export interface NdjsonParser {
  /** Feeds text of any size; complete lines are translated at once. */
  push(chunk: string): void;
  /** One line without its terminator (for callers that split lines themselves). */
  pushLine(line: string, lineNo: number): void;
  /**
   * Returns the totals. A last line without its newline is translated unless
   * `includeUnterminated` is false (a tail leaves it for the writer to finish).
   */
  end(options?: { includeUnterminated?: boolean }): FeedParseResult;
  stats(): FeedStats;
  /** Next line number, and UTF-8 bytes of the complete lines pushed so far (to resume a file). */
  position(): { nextLineNo: number; bytes: number };
}

export function createNdjsonParser(options: NdjsonParserOptions): NdjsonParser {
  const translator = options.translator ?? createFeedTranslator({ source: options.source });
  const maxRejects = options.maxRejectsKept ?? 1000;
  const maxLine = options.maxLineChars ?? 1 << 20;
  const stats: FeedStats = { lines: 0, blank: 0, accepted: 0, rejected: 0, byType: {}, firstAt: null, lastAt: null };
  const rejects: FeedReject[] = [];
  let carry = '';
  let carryOverlong = false;
  let carryBytes = 0;
  let lineNo = options.firstLineNo ?? 1;
  let bytes = 0;
  let atStart = true;

  const reject = (no: number, reason: string, text: string) => {
    stats.rejected++;
    const r = { lineNo: no, reason, text: text.slice(0, 200) };
    if (rejects.length < maxRejects) rejects.push(r);
    options.onReject?.(r);
  };

  function pushLine(raw: string, no: number) {
    stats.lines++;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') {
      stats.blank++;
      return;
    }
    if (line.length > maxLine) return reject(no, `line longer than ${maxLine} characters`, line);
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      return reject(no, `invalid JSON: ${(e as Error).message}`, line);
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return reject(no, 'not a JSON object', line);
    const r = translator.translate(value);
    if (!r.ok) return reject(no, r.reason, line);
    stats.accepted++;
    const type = (value as { type: FeedType }).type;
    stats.byType[type] = (stats.byType[type] ?? 0) + 1;
    const at = r.event.at;
    if (stats.firstAt === null || at < stats.firstAt) stats.firstAt = at;
    if (stats.lastAt === null || at > stats.lastAt) stats.lastAt = at;
    options.onEvent(r.event, { lineNo: no, extra: r.extra });
  }

  return {
    push(chunk) {
      if (atStart && chunk.length > 0) {
        atStart = false;
        if (chunk.charCodeAt(0) === 0xfeff) {
          chunk = chunk.slice(1);
          bytes += 3;
        }
      }
      let start = 0;
      for (;;) {
        const nl = chunk.indexOf('\n', start);
        if (nl === -1) break;
        const piece = chunk.slice(start, nl);
        bytes += carryBytes + Buffer.byteLength(piece) + 1;
        carryBytes = 0;
        if (carryOverlong) {
          stats.lines++;
          reject(lineNo, `line longer than ${maxLine} characters`, carry);
        } else pushLine(carry + piece, lineNo);
        carry = '';
        carryOverlong = false;
        lineNo++;
        start = nl + 1;
      }
      if (start < chunk.length) carryBytes += Buffer.byteLength(chunk.slice(start));
      if (start < chunk.length && !carryOverlong) {
        carry += chunk.slice(start);
        // Keep memory bounded on a file with no line breaks: remember only that the line is too long.
        if (carry.length > maxLine) {
          carry = carry.slice(0, 200);
          carryOverlong = true;
        }
      }
    },
    pushLine,
    end(endOptions = {}) {
      if (endOptions.includeUnterminated !== false && (carry !== '' || carryOverlong)) {
        if (carryOverlong) {
          stats.lines++;
          reject(lineNo, `line longer than ${maxLine} characters`, carry);
        } else {
          pushLine(carry, lineNo);
        }
        lineNo++;
        bytes += carryBytes;
        carry = '';
        carryBytes = 0;
        carryOverlong = false;
      }
      return { stats: this.stats(), rejects: [...rejects] };
    },
    stats: () => ({ ...stats, byType: { ...stats.byType } }),
    position: () => ({ nextLineNo: lineNo, bytes }),
  };
}

export interface FeedFileResult extends FeedParseResult {
  /** Byte offset after the last line read: where a later run over the growing file resumes. */
  endOffset: number;
  /** Number of the line at `endOffset` (pass as `firstLineNo` when resuming). */
  nextLineNo: number;
}

/**
 * Parses an NDJSON file (or its tail from `read.offset`) through the chunked reader. A last line
 * without its newline is read unless `includeUnterminated` is false, as a tail wants.
 */
export async function parseNdjsonFile(
  path: string,
  options: NdjsonParserOptions,
  read: ChunkReadOptions & { includeUnterminated?: boolean } = {},
): Promise<FeedFileResult> {
  const parser = createNdjsonParser(options);
  for await (const chunk of readTextChunks(path, read)) parser.push(chunk);
  const result = parser.end({ includeUnterminated: read.includeUnterminated });
  const { nextLineNo, bytes } = parser.position();
  return { ...result, endOffset: (read.offset ?? 0) + bytes, nextLineNo };
}
