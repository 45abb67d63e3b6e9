import { AmiMessage } from './message';

/**
 * Streaming AMI reader: bytes in (any chunking, CRLF or LF), greeting and messages out.
 *
 * The same reader serves the live socket and console captures, so it tolerates what captures
 * add around the protocol (see the fixtures' SOURCE.md):
 * - `<-- Examining AMI event: -->` markers (`manager debug on`) end the message before them;
 * - CLI verbose output (`    -- Executing …`, `  == Manager …`, DumpChan blocks) between
 *   messages is skipped: a message starts only at an `Event:`, `Response:` or `Action:` header,
 *   which is how every AMI message begins;
 * - `[N bytes missing in capture file]` gaps drop the message they cut (its tail is gone, and a
 *   half event could name the wrong call) and resync on the text glued after the marker;
 * - a second `Event:` (or `Response:`, `Action:`) header inside one message means its blank line
 *   was lost: the first message ends there;
 * - `Response: Follows` command output (Asterisk ≤ 13), whose free text may hold blank lines, is
 *   kept whole up to `--END COMMAND--` as the `Output` header.
 */

export type AmiFrame =
  | { kind: 'greeting'; text: string; version: string | null; line: number }
  | { kind: 'message'; message: AmiMessage };

export interface AmiParserStats {
  messages: number;
  /** Lines outside any message (console output, stray text). */
  skippedLines: number;
  /** Capture gaps seen, and messages dropped because a gap or a size limit cut them. */
  gaps: number;
  dropped: number;
}

export interface AmiParserOptions {
  /** Longest line kept (characters); longer lines are dropped with their message. */
  maxLineLength?: number;
  /** Most headers (or command output lines) in one message; beyond it the message is dropped. */
  maxHeaders?: number;
}

export interface AmiParser {
  push(chunk: Uint8Array | string): AmiFrame[];
  /** End of input: returns a last message that had no closing blank line. */
  end(): AmiFrame[];
  readonly stats: AmiParserStats;
}

const GAP = /^\[(\d+) bytes missing in capture file\]/;
const DEBUG_MARKER = '<-- Examining AMI event: -->';
const GREETING = /^Asterisk Call Manager\/(\S+)/;
// Header names are single tokens (`Cause-txt`, `ChanVariable(SIP/1001-0000000a)`); console lines
// such as `Dumping Info For Channel: SIP/777` or `[Dec 26 14:43:50] NOTICE[9404]: …` are not.
const HEADER = /^([A-Za-z0-9_\-()/.]{1,128}):[ \t]*(.*)$/;
const COMMAND_END = '--END COMMAND--';

export function createAmiParser(options: AmiParserOptions = {}): AmiParser {
  const maxLine = options.maxLineLength ?? 256 * 1024;
  const maxHeaders = options.maxHeaders ?? 10_000;
  const decoder = new TextDecoder('utf-8');
  const stats: AmiParserStats = { messages: 0, skippedLines: 0, gaps: 0, dropped: 0 };

  let carry = '';
  /** Set while the rest of an over-long line is being thrown away. */
  let discarding = false;
  let lineNo = 0;
  let greeted = false;

  let headers: Array<[string, string]> | null = null;
  let startLine = 0;
  let hasEvent = false;
  let hasResponse = false;
  let hasAction = false;
  /** Inside `Response: Follows` free text; `output` collects it. */
  let follows = false;
  let output: string[] = [];
  /** After a capture gap or a dropped message: skip to the next blank line or Event/Response line. */
  let resync = false;

  let out: AmiFrame[] = [];

  const open = (key: string, value: string) => {
    headers = [];
    startLine = lineNo;
    hasEvent = hasResponse = hasAction = false;
    follows = false;
    output = [];
    add(key, value);
  };

  const add = (key: string, value: string) => {
    if (!headers) return;
    if (headers.length >= maxHeaders) {
      drop();
      return;
    }
    headers.push([key, value]);
    const k = key.toLowerCase();
    if (k === 'event') hasEvent = true;
    else if (k === 'response') {
      hasResponse = true;
      if (!hasEvent && value.trim().toLowerCase() === 'follows') follows = true;
    } else if (k === 'action') hasAction = true;
  };

  const close = () => {
    if (!headers) return;
    if (output.length > 0) headers.push(['Output', output.join('\n')]);
    out.push({ kind: 'message', message: new AmiMessage(headers, startLine) });
    stats.messages++;
    headers = null;
    follows = false;
    output = [];
  };

  /** Drops the open message; the lines left of it are skipped up to the next blank line. */
  const drop = () => {
    if (headers) stats.dropped++;
    headers = null;
    follows = false;
    output = [];
    resync = true;
  };

  /** Whether header `k` cannot belong to the open message (its separating blank line was lost). */
  const startsAnother = (k: string) =>
    (k === 'event' && (hasEvent || hasResponse)) || (k === 'response' && hasResponse) || (k === 'action' && (hasAction || hasResponse));

  const isStart = (k: string) => k === 'event' || k === 'response' || k === 'action';

  const commandLine = (line: string) => {
    // Privilege and ActionID come before the free text; anything after is output.
    const h = output.length === 0 ? HEADER.exec(line) : null;
    if (h && /^(privilege|actionid)$/i.test(h[1]!)) {
      add(h[1]!, h[2]!);
      return;
    }
    const end = line.indexOf(COMMAND_END);
    if (end >= 0) {
      const before = line.slice(0, end).replace(/\n$/, '');
      if (before.length > 0) output.push(before);
      follows = false;
      return;
    }
    if (output.length >= maxHeaders) {
      drop();
      return;
    }
    output.push(line);
  };

  const onLine = (raw: string) => {
    lineNo++;
    let line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;

    const gap = GAP.exec(line);
    if (gap) {
      stats.gaps++;
      drop();
      line = line.slice(gap[0].length);
      if (line.length === 0) return;
    }

    if (headers && follows) {
      commandLine(line);
      return;
    }

    if (line.trim().length === 0) {
      if (headers) close();
      resync = false;
      return;
    }
    if (line.trim() === DEBUG_MARKER) {
      close();
      resync = false;
      return;
    }
    if (!greeted && !headers) {
      const g = GREETING.exec(line);
      if (g) {
        greeted = true;
        out.push({ kind: 'greeting', text: line, version: g[1] ?? null, line: lineNo });
        return;
      }
    }

    const h = HEADER.exec(line);
    const key = h?.[1];
    const value = h?.[2] ?? '';
    const k = key?.toLowerCase();

    if (resync) {
      if (key !== undefined && (k === 'event' || k === 'response')) {
        resync = false;
        open(key, value);
      } else stats.skippedLines++;
      return;
    }
    if (!headers) {
      if (key !== undefined && isStart(k!)) open(key, value);
      else stats.skippedLines++;
      return;
    }
    if (key === undefined) {
      // Console text printed into the middle of a message: not part of it.
      stats.skippedLines++;
      return;
    }
    if (startsAnother(k!)) {
      close();
      open(key, value);
      return;
    }
    add(key, value);
  };

  const feed = (text: string) => {
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      const piece = text.slice(start, nl);
      start = nl + 1;
      if (discarding) {
        discarding = false;
        lineNo++;
        continue;
      }
      if (carry.length > 0) {
        const line = carry + piece;
        carry = '';
        if (line.length > maxLine) {
          lineNo++;
          drop();
          continue;
        }
        onLine(line);
      } else if (piece.length > maxLine) {
        lineNo++;
        drop();
      } else onLine(piece);
    }
    if (start < text.length && !discarding) {
      carry += text.slice(start);
      if (carry.length > maxLine) {
        // A peer that never ends its line must not grow memory without bound.
        carry = '';
        discarding = true;
        drop();
      }
    }
  };

  return {
    stats,
    push(chunk) {
      out = [];
      feed(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
      return out;
    },
    end() {
      out = [];
      const rest = decoder.decode();
      if (rest.length > 0) feed(rest);
      if (carry.length > 0 && !discarding) {
        const line = carry;
        carry = '';
        onLine(line);
      }
      carry = '';
      discarding = false;
      if (headers) {
        if (follows) drop();
        else close();
      }
      return out;
    },
  };
}
