import { describe, expect, it } from 'vitest';
import { createCsvReader, type CsvRecord } from './csv-reader';
import { createJsonRecordReader, type JsonRecord } from './json-reader';

/** Feeds `text` in pieces of `size` characters (1 = every boundary a chunk can fall on). */
function csv(text: string, size = text.length, delimiter?: string): CsvRecord[] {
  const r = createCsvReader({ delimiter });
  const out: CsvRecord[] = [];
  for (let i = 0; i < text.length; i += size) out.push(...r.push(text.slice(i, i + size)));
  out.push(...r.end());
  return out;
}

function json(text: string, size = text.length): JsonRecord[] {
  const r = createJsonRecordReader();
  const out: JsonRecord[] = [];
  for (let i = 0; i < text.length; i += size) out.push(...r.push(text.slice(i, i + size)));
  out.push(...r.end());
  return out;
}

describe('streaming CSV reader', () => {
  const text = '\uFEFFid,note,n\r\n1,"a, b",2\r\n2,"two\r\nlines ""quoted""",3\r\n\r\n3,plain,4\r\n4,"x",';

  it('reads quotes, embedded delimiters and line breaks, CRLF and BOM, with start lines', () => {
    const expected = [
      { fields: ['id', 'note', 'n'], lineNo: 1 },
      { fields: ['1', 'a, b', '2'], lineNo: 2 },
      { fields: ['2', 'two\r\nlines "quoted"', '3'], lineNo: 3 },
      { fields: ['3', 'plain', '4'], lineNo: 6 },
      { fields: ['4', 'x', ''], lineNo: 7 },
    ];
    expect(csv(text)).toEqual(expected);
    // Same records whatever the chunking.
    for (const size of [1, 2, 3, 7]) expect(csv(text, size)).toEqual(expected);
  });

  it('handles LF and lone CR line ends alike', () => {
    expect(csv('a,b\n1,2\n').map((r) => [r.fields, r.lineNo])).toEqual([[['a', 'b'], 1], [['1', '2'], 2]]);
    expect(csv('a,b\r1,2\r', 1).map((r) => [r.fields, r.lineNo])).toEqual([[['a', 'b'], 1], [['1', '2'], 2]]);
    expect(csv('a\n"x\r"\ny\n').map((r) => [r.fields, r.lineNo])).toEqual([[['a'], 1], [['x\r'], 2], [['y'], 4]]);
    for (const size of [1, 4, 100]) {
      expect(csv('a,b\n1,"x\n\ny"\n2,3\n', size).map((r) => r.lineNo)).toEqual([1, 2, 5]);
    }
  });

  it('guesses ; and TAB from the first line, or takes the given delimiter', () => {
    expect(csv('a;b;c\n1;"x;y";3\n', 2)[1].fields).toEqual(['1', 'x;y', '3']);
    expect(csv('a\tb\n1\t2\n')[1].fields).toEqual(['1', '2']);
    expect(csv('a|b\n1|2\n', 3, '|')[1].fields).toEqual(['1', '2']);
  });

  it('flags a quoted field left open at the end of input', () => {
    const out = csv('a,b\n1,"never closed\n2,3\n', 4);
    expect(out[1]).toMatchObject({ lineNo: 2, error: 'unterminated quoted field' });
  });

  it('keeps lenient text around stray quotes', () => {
    expect(csv('a,b\n1,ab"c\n2,"x"y\n').map((r) => r.fields)).toEqual([['a', 'b'], ['1', 'ab"c'], ['2', 'xy']]);
  });
});

describe('streaming JSON record reader', () => {
  const objs = [{ a: 1, s: 'brace } and "quote"' }, { b: { c: [1, { d: 2 }] } }];

  it('reads NDJSON, arrays and concatenated objects with their start lines', () => {
    const ndjson = objs.map((o) => JSON.stringify(o)).join('\n');
    const array = JSON.stringify(objs, null, 2);
    const concat = objs.map((o) => JSON.stringify(o)).join('');
    for (const size of [1, 5, 1000]) {
      expect(json(ndjson, size).map((r) => [r.value, r.lineNo])).toEqual([[objs[0], 1], [objs[1], 2]]);
      expect(json(array, size).map((r) => r.value)).toEqual(objs);
      expect(json(concat, size).map((r) => r.value)).toEqual(objs);
    }
    expect(json(array).map((r) => r.lineNo)).toEqual([2, 6]);
  });

  it('reports broken objects and stray text with line numbers and goes on', () => {
    const out = json('{"a":1}\n{"a": tru}\nnonsense\n{"s":"open\n{"b":2}\n{"c":');
    expect(out.map((r) => [r.lineNo, r.value, r.error?.split(':')[0]])).toEqual([
      [1, { a: 1 }, undefined],
      [2, null, 'invalid JSON'],
      [3, null, 'not a JSON object'],
      [4, null, 'invalid JSON'],
      [5, { b: 2 }, undefined],
      [6, null, 'invalid JSON'],
    ]);
  });
});
