/**
 * Streaming reader of JSON records: top-level objects are cut out of the text as they complete,
 * whether the file is one object per line (NDJSON), a JSON array (pretty-printed or not), or
 * objects simply concatenated (`{…}{…}`, what a Kinesis Firehose delivery of Amazon Connect
 * contact records looks like). Only the current object is held in memory.
 */

export interface JsonRecord {
  /** The parsed object, or null when `error` is set. */
  value: Record<string, unknown> | null;
  /** 1-based line on which the object (or the stray text) starts. */
  lineNo: number;
  error?: string;
}

export interface JsonRecordReader {
  push(chunk: string): JsonRecord[];
  end(): JsonRecord[];
}

const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const QUOTE = 34;
const BACKSLASH = 92;
const LF = 10;

export function createJsonRecordReader(options: { maxRecordChars?: number } = {}): JsonRecordReader {
  const maxChars = options.maxRecordChars ?? 4 << 20;
  let line = 1;
  let depth = 0;
  let inString = false;
  let escaped = false;
  /** Text of the object in progress. */
  let current = '';
  let startLine = 1;
  let overlong = false;
  /** Stray non-JSON text between objects, reported once per run. */
  let stray: { lineNo: number; text: string } | null = null;
  let atFileStart = true;

  const flushStray = (out: JsonRecord[]) => {
    if (!stray) return;
    out.push({ value: null, lineNo: stray.lineNo, error: `not a JSON object: ${stray.text.slice(0, 40)}` });
    stray = null;
  };

  const finishObject = (out: JsonRecord[]) => {
    if (overlong) {
      out.push({ value: null, lineNo: startLine, error: `record longer than ${maxChars} characters` });
    } else {
      try {
        const value: unknown = JSON.parse(current);
        out.push({ value: value as Record<string, unknown>, lineNo: startLine });
      } catch (e) {
        out.push({ value: null, lineNo: startLine, error: `invalid JSON: ${(e as Error).message}` });
      }
    }
    current = '';
    overlong = false;
  };

  function scan(text: string, out: JsonRecord[]) {
    let segStart = -1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === LF) line++;
      if (depth === 0) {
        if (c === OPEN_BRACE) {
          flushStray(out);
          depth = 1;
          startLine = line;
          segStart = i;
          inString = false;
          escaped = false;
        } else if (c === LF) {
          flushStray(out);
        } else if (!isSeparator(c)) {
          if (stray) {
            if (stray.text.length < 40) stray.text += text[i];
          } else {
            stray = { lineNo: line, text: text[i] };
          }
        }
        continue;
      }
      if (inString) {
        if (escaped) escaped = false;
        else if (c === BACKSLASH) escaped = true;
        else if (c === QUOTE) inString = false;
        // A raw line break inside a string is invalid JSON: end the record here so that one
        // broken line cannot swallow the rest of the file.
        else if (c === LF) {
          append(text, segStart, i);
          segStart = -1;
          depth = 0;
          inString = false;
          out.push({ value: null, lineNo: startLine, error: 'invalid JSON: unterminated string' });
          current = '';
          overlong = false;
        }
        continue;
      }
      if (c === QUOTE) inString = true;
      else if (c === OPEN_BRACE || c === 91) depth++;
      else if (c === CLOSE_BRACE || c === 93) {
        depth--;
        if (depth === 0) {
          append(text, segStart, i + 1);
          segStart = -1;
          finishObject(out);
        }
      }
    }
    if (depth > 0) append(text, segStart, text.length);
  }

  function append(text: string, from: number, to: number) {
    const start = from < 0 ? 0 : from;
    if (overlong) return;
    if (current.length + (to - start) > maxChars) {
      overlong = true;
      current = '';
      return;
    }
    current += text.slice(start, to);
  }

  return {
    push(chunk) {
      const out: JsonRecord[] = [];
      if (atFileStart && chunk.length > 0) {
        atFileStart = false;
        if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      }
      scan(chunk, out);
      return out;
    },
    end() {
      const out: JsonRecord[] = [];
      flushStray(out);
      if (depth > 0) {
        out.push({ value: null, lineNo: startLine, error: 'invalid JSON: the input ended inside an object' });
        depth = 0;
        current = '';
      }
      return out;
    },
  };
}

/** Whitespace, and the commas and brackets of an enclosing array. */
function isSeparator(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 44 || c === 91 || c === 93;
}
