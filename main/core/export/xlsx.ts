import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createZip } from './zip';

/**
 * A minimal XLSX writer (Office Open XML SpreadsheetML): one sheet, a bold header row, numbers as
 * numbers and text as inline strings (no shared-string table, so rows can be streamed). The
 * package is the handful of parts Excel, LibreOffice and Numbers require, zipped with deflate.
 */

export const XLSX_MAX_ROWS = 1_048_576;

const xmlText = (s: string) =>
  s
    // Characters XML 1.0 cannot carry at all (control characters other than tab and line breaks).
    // eslint-disable-next-line no-control-regex -- matching them is the point
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');

function colName(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function rowXml(r: number, values: readonly unknown[], style = 0): string {
  const cells = values.map((v, i) => {
    const ref = `${colName(i)}${r}`;
    const s = style ? ` s="${style}"` : '';
    if (v === null || v === undefined || v === '') return '';
    if (typeof v === 'number' && Number.isFinite(v)) return `<c r="${ref}"${s}><v>${v}</v></c>`;
    return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${xmlText(String(v))}</t></is></c>`;
  });
  return `<row r="${r}">${cells.join('')}</row>`;
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`;
const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="2"><xf fontId="0"/><xf fontId="1" applyFont="1"/></cellXfs></styleSheet>`;
const workbook = (sheet: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${xmlText(sheet.slice(0, 31))}" sheetId="1" r:id="rId1"/></sheets></workbook>`;

export interface XlsxOptions {
  sheetName?: string;
  /** Called after each batch with the rows written so far; return false to stop (cancel). */
  onProgress?: (rows: number) => boolean | void;
}

/**
 * Writes `columns` and the batches of `rows` to an .xlsx file. Rows past Excel's limit are
 * dropped (the caller is told via the returned count).
 */
export async function writeXlsx(file: string, columns: readonly string[], batches: Iterable<readonly (readonly unknown[])[]>, options: XlsxOptions = {}): Promise<{ rows: number; truncated: boolean; cancelled: boolean }> {
  const tmp = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fw-xlsx-')), 'sheet1.xml');
  const fd = fs.openSync(tmp, 'w');
  let rows = 0;
  let truncated = false;
  let cancelled = false;
  try {
    fs.writeSync(fd, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>`);
    fs.writeSync(fd, rowXml(1, columns, 1));
    for (const batch of batches) {
      let chunk = '';
      for (const values of batch) {
        if (rows + 1 >= XLSX_MAX_ROWS) {
          truncated = true;
          break;
        }
        rows++;
        chunk += rowXml(rows + 1, values);
      }
      fs.writeSync(fd, chunk);
      if (options.onProgress?.(rows) === false) {
        cancelled = true;
        break;
      }
      if (truncated) break;
      // Let the event loop breathe between batches: screens stay live during a long export.
      await new Promise((r) => setImmediate(r));
    }
    fs.writeSync(fd, '</sheetData></worksheet>');
    fs.closeSync(fd);
    if (cancelled) return { rows, truncated, cancelled };
    const zip = createZip(file);
    zip.addBuffer('[Content_Types].xml', Buffer.from(CONTENT_TYPES));
    zip.addBuffer('_rels/.rels', Buffer.from(ROOT_RELS));
    zip.addBuffer('xl/workbook.xml', Buffer.from(workbook(options.sheetName ?? 'Sheet1')));
    zip.addBuffer('xl/_rels/workbook.xml.rels', Buffer.from(WORKBOOK_RELS));
    zip.addBuffer('xl/styles.xml', Buffer.from(STYLES));
    await zip.addFile('xl/worksheets/sheet1.xml', tmp);
    zip.close();
    return { rows, truncated, cancelled };
  } finally {
    fs.rmSync(path.dirname(tmp), { recursive: true, force: true });
  }
}
