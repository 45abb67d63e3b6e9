import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { IngestEvent } from '../events';
import { parseQueueLogFile } from './index';
import { readLines, type ReadLine } from './line-reader';

const dir = mkdtempSync(path.join(tmpdir(), 'floorwatch-qlreader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function collect(file: string, options: Parameters<typeof readLines>[1] = {}): Promise<ReadLine[]> {
  const out: ReadLine[] = [];
  for await (const l of readLines(file, options)) out.push(l);
  return out;
}

describe('chunked line reader', () => {
  const text = 'alpha\r\nbeta\n\ngrüße|ü\nlast-partial';
  const file = path.join(dir, 'lines.txt');
  writeFileSync(file, text);

  for (const chunkSize of [1, 3, 7, 1 << 20]) {
    it(`yields complete lines with numbers and byte offsets (chunk ${chunkSize})`, async () => {
      const lines = await collect(file, { chunkSize });
      expect(lines).toEqual([
        { line: 'alpha', lineNo: 1, endOffset: 7 },
        { line: 'beta', lineNo: 2, endOffset: 12 },
        { line: '', lineNo: 3, endOffset: 13 },
        // Multi-byte characters split across chunks decode whole: 'grüße|ü' is 10 bytes.
        { line: 'grüße|ü', lineNo: 4, endOffset: 13 + Buffer.byteLength('grüße|ü\n') },
      ]);
    });
  }

  it('resumes from a reported offset with the following line numbers', async () => {
    const lines = await collect(file, { offset: 12, firstLineNo: 3, chunkSize: 4 });
    expect(lines.map((l) => [l.line, l.lineNo])).toEqual([['', 3], ['grüße|ü', 4]]);
  });

  it('yields the partial last line once it is complete, or at once when asked', async () => {
    const tail = path.join(dir, 'tail.txt');
    writeFileSync(tail, 'one\ntw');
    const first = await collect(tail);
    expect(first.map((l) => l.line)).toEqual(['one']);
    appendFileSync(tail, 'o\nthr');
    const second = await collect(tail, { offset: first[0].endOffset, firstLineNo: 2, chunkSize: 2 });
    expect(second).toEqual([{ line: 'two', lineNo: 2, endOffset: 8 }]);
    const all = await collect(tail, { includeUnterminated: true });
    expect(all.map((l) => [l.line, l.endOffset])).toEqual([['one', 4], ['two', 8], ['thr', 11]]);
  });

  it('cuts an over-long line and stays in step with line numbers', async () => {
    const long = path.join(dir, 'long.txt');
    writeFileSync(long, `${'x'.repeat(50)}\nok\n`);
    const lines = await collect(long, { chunkSize: 8, maxLineBytes: 16 });
    expect(lines).toEqual([
      { line: 'x'.repeat(16), lineNo: 1, endOffset: 51 },
      { line: 'ok', lineNo: 2, endOffset: 54 },
    ]);
  });
});

describe('parseQueueLogFile as a tail', () => {
  it('parses a growing file in two runs with the same events as one run', async () => {
    const T = 1_700_000_000;
    const lines = [
      `${T}|x.1|q|NONE|DID|900`,
      `${T}|x.1|q|NONE|ENTERQUEUE||100|1`,
      `${T + 4}|x.1|q|Ann|RINGNOANSWER|4000`,
      `${T + 9}|x.1|q|NONE|EXITWITHKEY|1|1|1|9`,
      `${T + 10}|x.1|q2|NONE|ENTERQUEUE||100|1`,
      `${T + 19}|x.1|q2|Bob|CONNECT|9|x.2|1`,
      `${T + 60}|x.1|q2|Bob|COMPLETECALLER|9|41|1`,
    ];
    const whole = path.join(dir, 'whole_queue_log');
    writeFileSync(whole, `${lines.join('\n')}\n`);
    const once: IngestEvent[] = [];
    await parseQueueLogFile(whole, { source: 's', format: 'file', onEvent: (e) => once.push(e) });

    const growing = path.join(dir, 'growing_queue_log');
    const cut = lines.slice(0, 4).join('\n').length + 1 + 8; // part of line 5 written
    const full = `${lines.join('\n')}\n`;
    writeFileSync(growing, full.slice(0, cut));
    const twice: IngestEvent[] = [];
    const first = await parseQueueLogFile(growing, { source: 's', format: 'file', onEvent: (e) => twice.push(e) }, { chunkSize: 16 });
    expect(first.nextLineNo).toBe(5);
    expect(first.stats.rejected).toBe(0);
    appendFileSync(growing, full.slice(cut));
    const second = await parseQueueLogFile(
      growing,
      { source: 's', format: 'file', onEvent: (e) => twice.push(e), state: first.state },
      { offset: first.endOffset, firstLineNo: first.nextLineNo, chunkSize: 16 },
    );
    expect(second.endOffset).toBe(Buffer.byteLength(full));
    expect(second.stats.rejected).toBe(0);
    expect(twice).toEqual(once);
    expect(once.filter((e) => e.kind === 'enqueued').map((e) => ('id' in e ? e.id : ''))).toEqual(['x.1', 'x.1:2']);
  });
});
