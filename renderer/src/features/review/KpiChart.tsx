import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip, type ChartConfiguration } from 'chart.js';
import type { KpiTable } from '../../../../shared/contract/review';
import { useI18n, type I18n } from '../../i18n/useI18n';
import { cellText } from './format';

Chart.register(BarController, BarElement, LinearScale, CategoryScale, Legend, Tooltip);

export interface ChartColors {
  text: string;
  muted: string;
  grid: string;
  font: string;
  offered: string;
  answered: string;
  /** Tick and legend size, px. */
  size: number;
}

/** Light colours for paper (PDF), whatever the screen's theme. */
export const PRINT_COLORS: ChartColors = { text: '#141821', muted: '#5a606e', grid: '#dde1e8', font: 'sans-serif', offered: '#2f6fd6', answered: '#8fb2eb', size: 15 };

function screenColors(el: HTMLElement): ChartColors {
  const s = getComputedStyle(el);
  const v = (n: string) => s.getPropertyValue(n).trim();
  return { text: v('--text'), muted: v('--text-muted'), grid: v('--grid'), font: s.fontFamily, offered: v('--accent'), answered: v('--ch-chat'), size: 12 };
}

/** Offered and answered per row of the table's first column. */
export function chartConfig(table: KpiTable, i18n: I18n, c: ChartColors): ChartConfiguration<'bar'> {
  const key = table.columns[0]!;
  const rtl = i18n.dir === 'rtl';
  const font = { family: c.font, size: c.size };
  return {
    type: 'bar',
    data: {
      labels: table.rows.map((r) => cellText(i18n, key, r[key] ?? null)),
      datasets: [
        { label: i18n.t('review.metric.offered'), data: table.rows.map((r) => Number(r.offered ?? 0)), backgroundColor: c.offered, borderRadius: 3 },
        { label: i18n.t('review.metric.answered'), data: table.rows.map((r) => Number(r.answered ?? 0)), backgroundColor: c.answered, borderRadius: 3 },
      ],
    },
    options: {
      responsive: false,
      animation: false,
      maintainAspectRatio: false,
      plugins: { legend: { rtl, labels: { color: c.text, font } }, tooltip: { rtl } },
      scales: {
        x: { reverse: rtl, ticks: { color: c.muted, font }, grid: { display: false } },
        y: { position: rtl ? 'right' : 'left', beginAtZero: true, ticks: { color: c.muted, font, precision: 0, callback: (v) => i18n.num(Number(v)) }, grid: { color: c.grid } },
      },
    },
  };
}

export interface KpiChartHandle {
  canvas(): HTMLCanvasElement | null;
}

export const KpiChart = forwardRef<KpiChartHandle, { table: KpiTable; label: string }>(function KpiChart({ table, label }, ref) {
  const i18n = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  useImperativeHandle(ref, () => ({ canvas: () => canvas.current }), []);
  useEffect(() => {
    const el = canvas.current;
    const holder = box.current;
    if (!el || !holder) return;
    el.width = holder.clientWidth;
    el.height = holder.clientHeight;
    const chart = new Chart(el, chartConfig(table, i18n, screenColors(holder)));
    return () => chart.destroy();
  }, [table, i18n]);
  return (
    <div className="kpi-chart">
      <div className="kpi-chart__box" ref={box}>
        <canvas ref={canvas} role="img" aria-label={label} data-testid="kpi-chart" />
      </div>
    </div>
  );
});

/** The same chart drawn off screen on paper colours, for the PDF. */
export function printChart(table: KpiTable, i18n: I18n, width: number, height: number, font: string): HTMLCanvasElement {
  const el = document.createElement('canvas');
  el.width = width;
  el.height = height;
  // Chart.js draws only on an attached canvas: attach it out of sight for the moment it takes.
  const holder = document.createElement('div');
  holder.style.cssText = `position:fixed;inset-inline-start:-${width + 100}px;top:0;width:${width}px;height:${height}px;`;
  holder.append(el);
  document.body.append(holder);
  const config = chartConfig(table, i18n, { ...PRINT_COLORS, font });
  const chart = new Chart(el, { ...config, options: { ...config.options, devicePixelRatio: 1 } });
  chart.draw();
  const copy = document.createElement('canvas');
  copy.width = width;
  copy.height = height;
  copy.getContext('2d')!.drawImage(el, 0, 0);
  chart.destroy();
  holder.remove();
  return copy;
}
