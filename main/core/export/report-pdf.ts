import { DISPLAY_KPI_FIELDS, isShareMetric, REVIEW_GROUPS, type KpiTable } from '../../../shared/contract/review';
import { A4, PdfDoc, textWidth, type PdfPage } from './pdf';

const MARGIN = 40;
const INK: [number, number, number] = [20, 24, 33];
const MUTED: [number, number, number] = [90, 96, 110];
const BAR: [number, number, number] = [47, 111, 214];
const BAR2: [number, number, number] = [143, 178, 235];

const fmt = (column: string, v: string | number | null): string => {
  if (v === null) return '–';
  if (typeof v === 'string') return v;
  if (isShareMetric(column)) return `${(v * 100).toFixed(1)}%`;
  if (/Sec$|^nps$/.test(column)) return v.toFixed(1);
  return String(v);
};

const LABELS: Record<string, string> = {
  shortAbandoned: 'Short ab.',
  answeredInTarget: 'In target',
  serviceLevel: 'SL',
  answerRate: 'Answer %',
  abandonRate: 'Abandon %',
  asaSec: 'ASA s',
  avgWaitSec: 'Wait s',
  ahtSec: 'AHT s',
  rnaRate: 'RNA %',
  fcr: 'FCR',
  csat: 'CSAT',
  nps: 'NPS',
};

/** Offered (dark) and answered (light) per row of the table's first column, as vector bars. */
function barChart(page: PdfPage, table: KpiTable, top: number, height: number): void {
  const key = table.columns[0]!;
  const rows = table.rows.slice(0, 60);
  const width = page.width - 2 * MARGIN;
  const max = Math.max(1, ...rows.map((r) => Number(r.offered ?? 0)));
  page.text(MARGIN, top, 'Offered and answered', { size: 11, bold: true });
  page.rect(page.width - MARGIN - 150, top - 8, 8, 8, BAR);
  page.text(page.width - MARGIN - 138, top, 'offered', { size: 8, color: MUTED });
  page.rect(page.width - MARGIN - 90, top - 8, 8, 8, BAR2);
  page.text(page.width - MARGIN - 78, top, 'answered', { size: 8, color: MUTED });
  const base = top + height;
  const plotTop = top + 14;
  for (const f of [0, 0.5, 1]) {
    const y = base - f * (base - plotTop);
    page.line(MARGIN, y, page.width - MARGIN, y, { width: 0.3, color: [210, 214, 222] });
    page.text(MARGIN - 4, y + 3, String(Math.round(max * f)), { size: 7, color: MUTED, align: 'right' });
  }
  if (rows.length === 0) return;
  const slot = width / rows.length;
  const bar = Math.max(1, Math.min(18, slot * 0.4));
  const every = Math.ceil(rows.length / 15);
  rows.forEach((r, i) => {
    const x = MARGIN + i * slot + slot / 2;
    const ho = (Number(r.offered ?? 0) / max) * (base - plotTop);
    const ha = (Number(r.answered ?? 0) / max) * (base - plotTop);
    page.rect(x - bar, base - ho, bar, ho, BAR);
    page.rect(x, base - ha, bar, ha, BAR2);
    if (i % every === 0) page.text(x, base + 10, fmt(key, r[key] ?? null), { size: 7, color: MUTED, align: 'center' });
  });
}

/**
 * A KPI report: title, range and filters, a chart, then the table over as many pages as it needs
 * (header row repeated). Page numbers are added by the writer.
 */
export function kpiReportPdf(input: { title: string; subtitle: string; generated: string; table: KpiTable; chart: boolean }): Buffer {
  const doc = new PdfDoc();
  // The screen's columns: every column of the table fits a CSV, not an A4 page.
  const columns = input.table.columns.filter((c) => (REVIEW_GROUPS as readonly string[]).includes(c) || (DISPLAY_KPI_FIELDS as readonly string[]).includes(c));
  const { rows } = input.table;
  let page = doc.addPage(A4.height, A4.width); // landscape: KPI tables are wide
  let y = MARGIN + 10;
  page.text(MARGIN, y, input.title, { size: 18, bold: true, color: INK });
  y += 18;
  page.text(MARGIN, y, input.subtitle, { size: 10, color: MUTED });
  page.text(page.width - MARGIN, y, input.generated, { size: 8, color: MUTED, align: 'right' });
  y += 16;
  if (input.chart && rows.length > 0) {
    barChart(page, input.table, y + 10, 150);
    y += 190;
  }
  const width = page.width - 2 * MARGIN;
  const keyCols = columns.filter((c) => (REVIEW_GROUPS as readonly string[]).includes(c)).length;
  const colW = columns.map((_, i) => (i < keyCols ? 1.6 : 1));
  const unit = width / colW.reduce((a, b) => a + b, 0);
  const xs: number[] = [];
  for (let i = 0, x = MARGIN; i < colW.length; x += colW[i]! * unit, i++) xs.push(x);
  const header = () => {
    page.rect(MARGIN, y - 10, width, 15, [236, 239, 245]);
    columns.forEach((c, i) => {
      const label = LABELS[c] ?? c;
      if (i < keyCols) page.text(xs[i]! + 3, y, label, { size: 7.5, bold: true });
      else page.text(xs[i]! + colW[i]! * unit - 3, y, label, { size: 7.5, bold: true, align: 'right' });
    });
    y += 15;
  };
  header();
  if (rows.length === 0) page.text(MARGIN, y + 4, 'No contacts in this range.', { size: 9, color: MUTED });
  for (const r of rows) {
    if (y > page.height - MARGIN - 24) {
      page = doc.addPage(A4.height, A4.width);
      y = MARGIN + 10;
      header();
    }
    columns.forEach((c, i) => {
      const text = fmt(c, r[c] ?? null);
      const max = colW[i]! * unit - 6;
      const clipped = textWidth(text, 8) > max ? `${text.slice(0, Math.max(1, Math.floor(max / 4.6)))}…` : text;
      if (i < keyCols) page.text(xs[i]! + 3, y, clipped, { size: 8 });
      else page.text(xs[i]! + colW[i]! * unit - 3, y, clipped, { size: 8, align: 'right' });
    });
    page.line(MARGIN, y + 4, MARGIN + width, y + 4, { width: 0.2, color: [225, 228, 234] });
    y += 13;
  }
  return doc.toBuffer({ title: input.title, footer: `Floorwatch · ${input.subtitle}` });
}

/** Pages the screen rendered itself (JPEG), each fitted to an A4 page in its own orientation. */
export function imagePagesPdf(pages: readonly Buffer[], title: string): Buffer {
  const doc = new PdfDoc();
  for (const jpeg of pages) {
    const img = doc.addJpeg(jpeg);
    const landscape = img.width > img.height;
    const page = landscape ? doc.addPage(A4.height, A4.width) : doc.addPage();
    const boxW = page.width - 2 * 24;
    const boxH = page.height - 24 - 36;
    const scale = Math.min(boxW / img.width, boxH / img.height);
    page.image(img.id, (page.width - img.width * scale) / 2, 24, img.width * scale, img.height * scale);
  }
  if (doc.pageCount === 0) doc.addPage().text(MARGIN, MARGIN + 20, title, { size: 14, bold: true });
  return doc.toBuffer({ title });
}
