import { guessDelimiter } from '../queue-log/csv';
/**
 * Streaming RFC 4180 reader: text goes in by chunks of any size, complete records come out with
 * the physical line on which each one starts. Quoted fields may hold delimiters, `""` and line
 * breaks; CRLF, LF and lone CR end records; a leading BOM is dropped. Lenient where exports are
 * sloppy: a quote inside an unquoted field is kept as text, and text after a closing quote is
 * appended to the field. Blank lines are skipped (they still count as lines).
 */

export interface CsvRecord {
  fields: string[];
  /** 1-based physical line on which the record starts. */
  lineNo: number;
  /** Set when the input ended inside a quoted field (the record is what was read so far). */
  error?: string;
}

export interface CsvReaderOptions {
  /** `,` `;` TAB, or `auto` (default): the most frequent of them on the first line. */
  delimiter?: string;
  /** A record longer than this is cut and flagged (protects memory on a file with a stray quote). Default 1 MiB. */
  maxRecordChars?: number;
}

export interface CsvReader {
  /** Feeds the next piece of text; returns the records it completed. */
  push(chunk: string): CsvRecord[];
  /** Ends the input; returns the last record if the text did not end with a line break. */
  end(): CsvRecord[];
  /** The delimiter in use (known once the first line is complete). */
  delimiter(): string | null;
}

const QUOTE = 34;
const CR = 13;
const LF = 10;

/** `start`: nothing of the record read yet; `field`: after a delimiter. */
type State = 'start' | 'field' | 'plain' | 'quoted' | 'quote-in-quoted';

export function createCsvReader(options: CsvReaderOptions = {}): CsvReader {
  const maxChars = options.maxRecordChars ?? 1 << 20;
  let delim: string | null = options.delimiter && options.delimiter !== 'auto' ? options.delimiter : null;
  let delimCode = delim ? delim.charCodeAt(0) : -1;
  /** Text held back until the first line is complete, to choose the delimiter. */
  let held: string | null = delim ? null : '';
  let atFileStart = true;
  let state: State = 'start';
  let fields: string[] = [];
  let field = '';
  let recordChars = 0;
  let overlong = false;
  let line = 1;
  let recordLine = 1;
  /** The last character consumed was a CR: a LF right after it is the same line break. */
  let lastCr = false;

  const append = (text: string, from: number, to: number) => {
    if (to <= from || overlong) return;
    recordChars += to - from;
    if (recordChars > maxChars) {
      overlong = true;
      return;
    }
    field += text.slice(from, to);
  };

  const endRecord = (out: CsvRecord[]) => {
    fields.push(field);
    field = '';
    const blank = fields.length === 1 && fields[0] === '';
    if (!blank) {
      out.push(overlong ? { fields, lineNo: recordLine, error: `record longer than ${maxChars} characters` } : { fields, lineNo: recordLine });
    }
    fields = [];
    recordChars = 0;
    overlong = false;
    state = 'start';
  };

  function scan(text: string, out: CsvRecord[]) {
    const n = text.length;
    let i = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (lastCr && c === LF && state !== 'quoted') {
        // Second half of a CRLF that ended a record: already counted.
        lastCr = false;
        i++;
        continue;
      }
      switch (state) {
        case 'start':
        case 'field':
          if (state === 'start') recordLine = line;
          if (c === QUOTE) {
            state = 'quoted';
            lastCr = false;
            i++;
          } else {
            state = 'plain';
          }
          break;
        case 'plain': {
          let j = i;
          while (j < n) {
            const d = text.charCodeAt(j);
            if (d === delimCode || d === CR || d === LF) break;
            j++;
          }
          append(text, i, j);
          if (j > i) lastCr = false;
          if (j === n) {
            i = n;
            break;
          }
          const d = text.charCodeAt(j);
          i = j + 1;
          if (d === delimCode) {
            fields.push(field);
            field = '';
            state = 'field';
            lastCr = false;
          } else {
            line++;
            lastCr = d === CR;
            endRecord(out);
          }
          break;
        }
        case 'quoted': {
          // Copy up to the next quote, counting the line breaks held inside the field.
          let j = i;
          while (j < n) {
            const d = text.charCodeAt(j);
            if (d === QUOTE) break;
            if (d === LF) {
              if (!lastCr) line++;
              lastCr = false;
            } else if (d === CR) {
              line++;
              lastCr = true;
            } else {
              lastCr = false;
            }
            j++;
          }
          append(text, i, j);
          i = j;
          if (i < n) {
            i++;
            state = 'quote-in-quoted';
            // A CR just before the closing quote belongs to the field, not to a CRLF after it.
            lastCr = false;
          }
          break;
        }
        case 'quote-in-quoted':
          if (c === QUOTE) {
            append('"', 0, 1);
            state = 'quoted';
            i++;
          } else {
            // The quote closed the field; text before the delimiter is kept (lenient).
            state = 'plain';
          }
          lastCr = false;
          break;
      }
    }
  }

  function feed(text: string, out: CsvRecord[]) {
    if (atFileStart && text.length > 0) {
      atFileStart = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (held !== null) {
      held += text;
      let nl = held.search(/[\r\n]/);
      if (nl === -1) {
        if (held.length <= maxChars) return;
        nl = held.length;
      }
      chooseDelimiter(held.slice(0, nl));
      text = held;
      held = null;
    }
    scan(text, out);
  }

  function chooseDelimiter(firstLine: string) {
    delim = guessDelimiter(firstLine);
    delimCode = delim.charCodeAt(0);
  }

  return {
    push(chunk) {
      const out: CsvRecord[] = [];
      feed(chunk, out);
      return out;
    },
    end() {
      const out: CsvRecord[] = [];
      if (held !== null) {
        const text = held;
        held = null;
        chooseDelimiter(text);
        scan(text, out);
      }
      if (state === 'quoted') {
        fields.push(field);
        out.push({ fields, lineNo: recordLine, error: 'unterminated quoted field' });
        fields = [];
        field = '';
        state = 'start';
      } else if (state !== 'start') {
        endRecord(out);
      }
      return out;
    },
    delimiter: () => delim,
  };
}

/** The delimiter a header line uses (shared with the queue_log table reader). */
export { guessDelimiter };
