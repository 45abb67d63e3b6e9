import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/fixtures';
import { CSV_BOM, toCsv, toCsvFile } from './csv';
import { jpegSize, PdfDoc } from './pdf';
import { writeXlsx } from './xlsx';
import { readZip } from './zip';

/** The smallest valid baseline JPEG header we need: SOI, then a SOF0 frame of 3 × 2 pixels. */
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x0b, 0x08, 0x00, 0x02, 0x00, 0x03, 0x01, 0x01, 0x11, 0x00, 0xff, 0xd9]);

describe('CSV files', () => {
  it('are the stdout CSV with a UTF-8 byte-order mark in front', () => {
    const rows = [{ a: 'طلایی', b: 1.5 }, { a: '金卡, "VIP"', b: null }];
    expect(toCsvFile(['a', 'b'], rows)).toBe(CSV_BOM + toCsv(['a', 'b'], rows));
    expect(Buffer.from(toCsvFile(['a'], [])).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(toCsv(['a', 'b'], rows)).toBe('a,b\r\nطلایی,1.5\r\n"金卡, ""VIP""",\r\n');
  });
});

describe('XLSX writer', () => {
  it('writes a package that unzips (CRC checked) into a sheet with typed cells', async () => {
    const file = path.join(tempDir('fw-xlsx-'), 't.xlsx');
    const progress: number[] = [];
    const r = await writeXlsx(file, ['name', 'n'], [[['a < b & c', 1]], [['金卡', 2.5], [null, 3]]], { onProgress: (n) => void progress.push(n) });
    expect(r).toEqual({ rows: 3, truncated: false, cancelled: false });
    expect(progress).toEqual([1, 3]);
    const parts = readZip(fs.readFileSync(file));
    const sheet = parts.get('xl/worksheets/sheet1.xml')!.toString('utf8');
    expect(sheet).toContain('<c r="A2" t="inlineStr"><is><t xml:space="preserve">a &lt; b &amp; c</t></is></c><c r="B2"><v>1</v></c>');
    expect(sheet).toContain('<c r="B3"><v>2.5</v></c>');
    expect(sheet).toContain('<row r="4"><c r="B4"><v>3</v></c></row>');
    expect(parts.get('[Content_Types].xml')!.toString()).toContain('/xl/worksheets/sheet1.xml');
  });

  it('stops when progress says cancel, and writes nothing', async () => {
    const file = path.join(tempDir('fw-xlsx-'), 't.xlsx');
    const r = await writeXlsx(file, ['n'], [[[1]], [[2]]], { onProgress: () => false });
    expect(r.cancelled).toBe(true);
    expect(fs.existsSync(file)).toBe(false);
  });
});

describe('PDF writer', () => {
  it('writes a well-formed file: objects at their xref offsets, page numbers, images', () => {
    const doc = new PdfDoc();
    const img = doc.addJpeg(JPEG);
    expect(img).toMatchObject({ width: 3, height: 2 });
    doc.addPage().text(40, 60, 'Héllo (world) – 5 %', { size: 12 });
    doc.addPage().image(img.id, 40, 40, 300, 200);
    const pdf = doc.toBuffer({ title: 'T', footer: 'range' });
    const text = pdf.toString('latin1');
    const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)![1]);
    expect(text.slice(startxref, startxref + 4)).toBe('xref');
    const offsets = [...text.slice(startxref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    offsets.forEach((o, i) => expect(text.slice(o, o + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`));
    expect(text).toContain('/Count 2');
    const streams = [...text.matchAll(/\/Filter \/FlateDecode \/Length (\d+) >>\nstream\n/g)].map((m) => zlib.inflateSync(pdf.subarray(m.index + m[0].length, m.index + m[0].length + Number(m[1]))).toString('latin1'));
    expect(streams[0]).toContain('(H\\351llo \\(world\\) \\226 5 %) Tj');
    expect(streams[0]).toContain('(1 / 2) Tj');
    expect(streams[1]).toContain('/Im0 Do');
    expect(text).toContain('/Filter /DCTDecode');
  });

  it('reads JPEG sizes and refuses what is not one', () => {
    expect(jpegSize(JPEG)).toEqual({ width: 3, height: 2 });
    expect(() => jpegSize(Buffer.from('GIF89a'))).toThrow(/Not a JPEG/);
  });
});
