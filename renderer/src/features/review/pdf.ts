import type { CompareRow, KpiTable } from '../../../../shared/contract/review';
import type { I18n } from '../../i18n/useI18n';
import { isRate, isSeconds } from '../../stores/review/selectors';
import { printChart } from './KpiChart';
import { cellText, columnLabel, diffText, isGroupColumn, pctText, shownColumns } from './format';

/**
 * The report of the current view as page images (A4 landscape, ~144 dpi). The browser draws the
 * text, so Persian is shaped and laid out right to left and Chinese uses the system's CJK font —
 * which a PDF with only the standard fonts could not do. The core wraps the pages in a PDF and
 * numbers them. Trade-off: the text in the PDF is not selectable.
 */
const W = 1684;
const H = 1191;
const M = 64;
const INK = '#141821';
const MUTED = '#5a606e';
const RULE = '#e1e4ea';
const HEAD_BG = '#eef1f6';

export interface ReportInput {
  i18n: I18n;
  title: string;
  subtitle: string;
  generated: string;
  table: KpiTable;
  compare: { rows: CompareRow[]; title: string; a: string; b: string } | null;
}

export function renderReportPages(input: ReportInput): { jpegBase64: string; width: number; height: number }[] {
  const { i18n } = input;
  const rtl = i18n.dir === 'rtl';
  const font = getComputedStyle(document.body).fontFamily || 'sans-serif';
  const pages: HTMLCanvasElement[] = [];
  let ctx!: CanvasRenderingContext2D;
  let y = 0;

  const newPage = () => {
    const canvas = document.createElement('canvas');
    canvas.width = W;
    canvas.height = H;
    ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, W, H);
    ctx.direction = rtl ? 'rtl' : 'ltr';
    pages.push(canvas);
    y = M;
  };
  /** x is measured from the reading start (left in LTR, right in RTL). */
  const text = (s: string, x: number, baseline: number, o: { size?: number; bold?: boolean; color?: string; end?: boolean } = {}) => {
    ctx.font = `${o.bold ? '700 ' : ''}${o.size ?? 17}px ${font}`;
    ctx.fillStyle = o.color ?? INK;
    ctx.textAlign = o.end ? 'end' : 'start';
    ctx.fillText(s, rtl ? W - x : x, baseline);
  };
  const rect = (x: number, top: number, w: number, h: number, color: string) => {
    ctx.fillStyle = color;
    ctx.fillRect(rtl ? W - x - w : x, top, w, h);
  };

  /** A table: the first `keys` columns read as text, the rest as right-aligned figures. */
  const table = (headers: string[], rows: string[][], keys: number) => {
    const units = headers.map((_, i) => (i < keys ? 1.7 : 1));
    const unit = (W - 2 * M) / units.reduce((a, b) => a + b, 0);
    const xs: number[] = [];
    for (let i = 0, x = M; i < units.length; x += units[i]! * unit, i++) xs.push(x);
    const cell = (s: string, i: number, baseline: number, bold = false, size = 16) =>
      i < keys ? text(s, xs[i]! + 8, baseline, { size, bold }) : text(s, xs[i]! + units[i]! * unit - 8, baseline, { size, bold, end: true });
    // Long headers wrap onto a second line rather than run into the next column.
    const lines = headers.map((h, i) => {
      ctx.font = `700 15px ${font}`;
      const room = units[i]! * unit - 16;
      if (ctx.measureText(h).width <= room || !h.includes(' ')) return [h];
      const words = h.split(' ');
      const cut = Math.ceil(words.length / 2);
      return [words.slice(0, cut).join(' '), words.slice(cut).join(' ')];
    });
    const headHeight = lines.some((l) => l.length > 1) ? 52 : 34;
    const header = () => {
      rect(M, y, W - 2 * M, headHeight, HEAD_BG);
      lines.forEach((l, i) => l.forEach((part, j) => cell(part, i, y + 23 + j * 19, true, 15)));
      y += headHeight;
    };
    header();
    for (const r of rows) {
      if (y + 32 > H - M - 20) {
        newPage();
        header();
      }
      r.forEach((v, i) => cell(v, i, y + 22));
      rect(M, y + 31, W - 2 * M, 1, RULE);
      y += 32;
    }
  };

  newPage();
  text(input.title, M, y + 30, { size: 34, bold: true });
  // The far end of the title line, in reading order.
  text(input.generated, W - M, y + 30, { size: 15, color: MUTED, end: true });
  y += 64;
  text(input.subtitle, M, y, { size: 20, color: MUTED });
  y += 28;

  if (input.table.rows.length > 0) {
    const chart = printChart(input.table, i18n, W - 2 * M, 380, font);
    ctx.drawImage(chart, M, y);
    y += 400;
  }
  const cols = shownColumns(input.table.columns);
  const keys = cols.filter(isGroupColumn).length;
  table(
    cols.map((c) => columnLabel(i18n, c)),
    input.table.rows.map((r) => cols.map((c) => cellText(i18n, c, r[c] ?? null))),
    keys,
  );
  if (input.table.rows.length === 0) {
    text(i18n.t('review.empty'), M, y + 30, { color: MUTED });
    y += 40;
  }

  if (input.compare) {
    if (y + 120 > H - M) newPage();
    else y += 36;
    text(input.compare.title, M, y + 24, { size: 24, bold: true });
    y += 40;
    const value = (metric: string, v: number | null) => (v === null ? '–' : isRate(metric) || isSeconds(metric) ? cellText(i18n, metric, v) : i18n.num(v));
    table(
      [i18n.t('review.compare.metric'), input.compare.a, input.compare.b, i18n.t('review.compare.diff'), i18n.t('review.compare.pct')],
      input.compare.rows.map((r) => [columnLabel(i18n, r.metric), value(r.metric, r.a), value(r.metric, r.b), diffText(i18n, r.metric, r.diff), pctText(i18n, r.pct)]),
      1,
    );
  }

  // Every page says what it shows: the range and filters, at its foot.
  for (const canvas of pages) {
    ctx = canvas.getContext('2d')!;
    text(input.subtitle, M, H - 30, { size: 14, color: MUTED });
  }
  return pages.map((c) => ({ jpegBase64: c.toDataURL('image/jpeg', 0.9).split(',')[1]!, width: W, height: H }));
}
