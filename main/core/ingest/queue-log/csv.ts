/**
 * Minimal RFC 4180 record reader for the table exports: quoted fields with `""` escapes, a
 * delimiter chosen from the header, and quoted fields spanning lines (the caller joins lines
 * while `splitCsvRecord` reports the record as unterminated, until a line that is a whole row by
 * itself: then the open quote was damage, and only its line is rejected).
 */

export const UNTERMINATED = null;

/** Fields of one record, or null when a quoted field is still open at the end of `text`. */
export function splitCsvRecord(text: string, delimiter = ','): string[] | null {
  const fields: string[] = [];
  const n = text.length;
  let i = 0;
  for (;;) {
    if (i < n && text.charCodeAt(i) === 34 /* " */) {
      let value = '';
      let start = i + 1;
      let j = start;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q === -1) return UNTERMINATED;
        if (text.charCodeAt(q + 1) === 34) {
          value += text.slice(start, q + 1);
          j = q + 2;
          start = j;
          continue;
        }
        value += text.slice(start, q);
        i = q + 1;
        break;
      }
      // Text between the closing quote and the delimiter is kept: exports with broken quoting
      // (PBXware's `clid`) should lose nothing.
      const next = text.indexOf(delimiter, i);
      const end = next === -1 ? n : next;
      if (end > i) value += text.slice(i, end);
      fields.push(value);
      if (next === -1) return fields;
      i = next + 1;
    } else {
      const next = text.indexOf(delimiter, i);
      if (next === -1) {
        fields.push(text.slice(i));
        return fields;
      }
      fields.push(text.slice(i, next));
      i = next + 1;
    }
  }
}

/** The delimiter a header or first record uses: the most frequent of `,` `;` TAB (comma on ties). */
export function guessDelimiter(line: string): string {
  let comma = 0;
  let semi = 0;
  let tab = 0;
  let inQuotes = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 34) inQuotes = !inQuotes;
    else if (inQuotes) continue;
    else if (c === 44) comma++;
    else if (c === 59) semi++;
    else if (c === 9) tab++;
  }
  if (tab > comma && tab >= semi) return '\t';
  if (semi > comma) return ';';
  return ',';
}
