import { readLineBatches, type LineReadOptions } from './line-reader';
import { createQueueLogParser } from './parser';
import type { QueueLogParserOptions, QueueLogParserState, QueueLogResult } from './types';

export { createQueueLogParser } from './parser';
export { detectQueueLogFormat } from './detect';
export { readLineBatches, readLines, type LineBatch, type LineReadOptions, type ReadLine } from './line-reader';
export { createLocalTimeConverter, localDateTimeToUtc, parseDateTime, type LocalTimeConverter, type OverlapChoice, type ParsedDateTime, type ZoneResolution } from './local-time';
export { looksLikeInterface } from './agents';
export type {
  AgentAlias,
  QueueLogFormat,
  QueueLogParser,
  QueueLogParserOptions,
  QueueLogParserState,
  QueueLogResult,
  QueueLogStats,
  RejectedLine,
} from './types';

export interface QueueLogFileResult extends QueueLogResult {
  /** Byte offset after the last complete line read: where a later tail resumes. */
  endOffset: number;
  /** Line number the next line after `endOffset` will have. */
  nextLineNo: number;
  /** Parser memory at `endOffset`, to pass as `state` when resuming. */
  state: QueueLogParserState;
}

/**
 * Parses a whole file (or its tail from `read.offset`) through the chunked reader. A final line
 * without its newline is left for the next run unless `read.includeUnterminated` is set.
 */
export async function parseQueueLogFile(path: string, options: QueueLogParserOptions, read: LineReadOptions = {}): Promise<QueueLogFileResult> {
  const parser = createQueueLogParser(options);
  let endOffset = read.offset ?? 0;
  let nextLineNo = read.firstLineNo ?? 1;
  for await (const batch of readLineBatches(path, read)) {
    const { lines, firstLineNo } = batch;
    for (let i = 0; i < lines.length; i++) parser.push(lines[i], firstLineNo + i);
    endOffset = batch.endOffsets[lines.length - 1];
    nextLineNo = firstLineNo + lines.length;
  }
  const result = parser.finish();
  return { ...result, endOffset, nextLineNo, state: parser.saveState() };
}
