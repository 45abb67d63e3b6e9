import { open } from 'node:fs/promises';

/**
 * Reads a file from a byte offset in fixed-size chunks and yields complete lines with their
 * line numbers and the byte offset just after each line, so an import can record where it got
 * to and a tail can resume there. A last line without its newline is not yielded (the writer
 * may be in the middle of it) unless `includeUnterminated` says the file is finished.
 * Lines are decoded as UTF-8 one by one, so a character split across chunks is never broken.
 */

export interface LineReadOptions {
  /** Byte offset to start at: 0, or an `endOffset` reported earlier. */
  offset?: number;
  /** Number of the first line read; default 1. */
  firstLineNo?: number;
  /** Default 1 MiB. */
  chunkSize?: number;
  /** Yield a final line that has no newline. Default false (what a tail needs). */
  includeUnterminated?: boolean;
  /** Longer lines are cut to this many bytes (the parser will reject them); default 1 MiB. */
  maxLineBytes?: number;
}

export interface LineBatch {
  firstLineNo: number;
  /** Without the line terminator (LF or CRLF). */
  lines: string[];
  /** Byte offset after each line's terminator. */
  endOffsets: number[];
}

export interface ReadLine {
  line: string;
  lineNo: number;
  endOffset: number;
}

export async function* readLineBatches(path: string, options: LineReadOptions = {}): AsyncGenerator<LineBatch> {
  const chunkSize = options.chunkSize ?? 1 << 20;
  const maxLine = options.maxLineBytes ?? 1 << 20;
  let lineNo = options.firstLineNo ?? 1;
  let position = options.offset ?? 0;
  const handle = await open(path, 'r');
  try {
    const chunk = Buffer.allocUnsafe(chunkSize);
    /** Bytes of the line in progress (copied: `chunk` is reused). */
    let carry: Buffer | null = null;
    /** The line in progress passed maxLine: keep its head, drop the rest up to its newline. */
    let overlong = false;
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, chunkSize, position);
      if (bytesRead === 0) break;
      const fresh = chunk.subarray(0, bytesRead);
      const readStart = position;
      position += bytesRead;
      const lines: string[] = [];
      const ends: number[] = [];
      let start = 0;
      for (;;) {
        const nl = fresh.indexOf(10, start);
        if (nl === -1) break;
        let text: string;
        if (carry !== null) {
          const piece = overlong ? carry : Buffer.concat([carry, fresh.subarray(start, nl)]);
          text = decode(piece, 0, Math.min(piece.length, maxLine));
          carry = null;
          overlong = false;
        } else {
          text = decode(fresh, start, Math.min(nl, start + maxLine));
        }
        lines.push(text);
        ends.push(readStart + nl + 1);
        start = nl + 1;
      }
      if (start < fresh.length && !overlong) {
        const rest = fresh.subarray(start);
        carry = carry === null ? Buffer.from(rest) : Buffer.concat([carry, rest]);
        if (carry.length > maxLine) {
          carry = carry.subarray(0, maxLine);
          overlong = true;
        }
      }
      if (lines.length > 0) {
        yield { firstLineNo: lineNo, lines, endOffsets: ends };
        lineNo += lines.length;
      }
    }
    if (carry !== null && options.includeUnterminated) {
      yield { firstLineNo: lineNo, lines: [decode(carry, 0, carry.length)], endOffsets: [position] };
    }
  } finally {
    await handle.close();
  }
}

/** A trailing CR is dropped here so every consumer sees LF and CRLF files alike. */
function decode(buf: Buffer, start: number, end: number): string {
  const stop = end > start && buf[end - 1] === 13 ? end - 1 : end;
  return buf.toString('utf8', start, stop);
}

export async function* readLines(path: string, options: LineReadOptions = {}): AsyncGenerator<ReadLine> {
  for await (const batch of readLineBatches(path, options)) {
    for (let i = 0; i < batch.lines.length; i++) {
      yield { line: batch.lines[i], lineNo: batch.firstLineNo + i, endOffset: batch.endOffsets[i] };
    }
  }
}
