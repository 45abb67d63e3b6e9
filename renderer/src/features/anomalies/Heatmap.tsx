import { useEffect, useRef } from 'react';
import { Chart, LinearScale, PointElement, ScatterController, Tooltip, type ChartConfiguration, type Plugin } from 'chart.js';
import type { AnomalyOverview } from '../../../../shared/contract';
import { useI18n, type I18n } from '../../i18n/useI18n';
import { useSettingsStore } from '../../stores/settings/actions';
import { hourLabel, segmentLabel } from './explain';

Chart.register(ScatterController, PointElement, LinearScale, Tooltip);

interface Cell {
  x: number;
  y: number;
  rate: number | null;
  offered: number;
  unanswered: number;
  flagKey: string | null;
}

interface Palette {
  text: string;
  muted: string;
  grid: string;
  hot: string;
  surface: string;
  font: string;
}

function readPalette(element: HTMLElement): Palette {
  const style = getComputedStyle(element);
  const v = (name: string) => style.getPropertyValue(name).trim();
  return { text: v('--text'), muted: v('--text-muted'), grid: v('--grid'), hot: v('--breach'), surface: v('--surface-2'), font: style.fontFamily };
}


/**
 * Draws each hour × segment cell as a filled rectangle (a heatmap without a matrix plugin): the
 * shade gives the rate, the printed percentage and a ▲ with a heavy outline mark flagged cells,
 * so colour is never the only signal.
 */
function cellsPlugin(cells: readonly Cell[], maxRate: number, palette: Palette, i18n: I18n): Plugin<'scatter'> {
  return {
    id: 'heatCells',
    beforeDatasetsDraw(chart) {
      const { ctx, scales } = chart;
      const x = scales.x!;
      const y = scales.y!;
      ctx.save();
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      for (const c of cells) {
        const x0 = x.getPixelForValue(c.x - 0.5);
        const x1 = x.getPixelForValue(c.x + 0.5);
        const y0 = y.getPixelForValue(c.y - 0.5);
        const y1 = y.getPixelForValue(c.y + 0.5);
        const left = Math.min(x0, x1) + 1;
        const top = Math.min(y0, y1) + 1;
        const w = Math.abs(x1 - x0) - 2;
        const h = Math.abs(y1 - y0) - 2;
        ctx.fillStyle = palette.surface;
        ctx.fillRect(left, top, w, h);
        if (c.rate !== null && c.offered > 0) {
          ctx.globalAlpha = Math.min(1, 0.08 + (0.92 * c.rate) / maxRate);
          ctx.fillStyle = palette.hot;
          ctx.fillRect(left, top, w, h);
          ctx.globalAlpha = 1;
        }
        if (c.flagKey !== null) {
          ctx.lineWidth = 3;
          ctx.strokeStyle = palette.text;
          ctx.strokeRect(left + 1.5, top + 1.5, w - 3, h - 3);
        }
        if (c.rate !== null && c.offered > 0 && w > 26) {
          ctx.fillStyle = palette.text;
          ctx.font = `${c.flagKey !== null ? 700 : 400} 11px ${palette.font}`;
          ctx.fillText(i18n.pct(c.rate, 0), left + w / 2, top + h / 2 + (c.flagKey !== null ? 5 : 0));
        }
        if (c.flagKey !== null) {
          ctx.font = `700 10px ${palette.font}`;
          ctx.fillText('▲', left + w / 2, top + 10);
        }
      }
      ctx.restore();
    },
  };
}

function config(overview: AnomalyOverview, i18n: I18n, palette: Palette, onFlag: (key: string) => void): ChartConfiguration<'scatter'> {
  const rtl = i18n.dir === 'rtl';
  const index = new Map(overview.segments.map((s, i) => [s, i] as const));
  const cells: Cell[] = overview.heatmap.map((c) => ({ x: c.hour, y: index.get(c.segment) ?? 0, rate: c.rate, offered: c.offered, unanswered: c.unanswered, flagKey: c.flagKey }));
  const maxRate = Math.max(0.05, ...cells.map((c) => c.rate ?? 0));
  return {
    type: 'scatter',
    data: { datasets: [{ data: cells, pointRadius: 14, pointHoverRadius: 14, pointStyle: 'rect', backgroundColor: 'transparent', borderColor: 'transparent' }] },
    plugins: [cellsPlugin(cells, maxRate, palette, i18n)],
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      locale: i18n.locale === 'fa' ? 'fa-IR' : i18n.locale,
      onClick: (_event, elements) => {
        const cell = cells[elements[0]?.index ?? -1];
        if (cell?.flagKey != null) onFlag(cell.flagKey);
      },
      plugins: {
        legend: { display: false },
        tooltip: {
          rtl,
          bodyFont: { family: palette.font },
          callbacks: {
            title: () => '',
            label: (item) => {
              const c = cells[item.dataIndex]!;
              return i18n.t('anom.heatmap.cell', {
                segment: segmentLabel(i18n, overview.segments[c.y] ?? null),
                hour: hourLabel(i18n, c.x),
                unanswered: c.unanswered,
                offered: c.offered,
                rate: c.rate === null ? '–' : i18n.pct(c.rate, 1),
              });
            },
          },
        },
      },
      scales: {
        x: {
          type: 'linear',
          min: -0.5,
          max: 23.5,
          reverse: rtl,
          // Ticks on whole hours (a linear axis from -0.5 would put them on the halves).
          afterBuildTicks: (axis) => {
            axis.ticks = Array.from({ length: 24 }, (_, h) => ({ value: h }));
          },
          grid: { display: false },
          border: { color: palette.grid },
          ticks: { color: palette.muted, stepSize: 1, autoSkip: false, font: { family: palette.font, size: 11 }, callback: (v) => (Number.isInteger(v) && Number(v) >= 0 ? hourLabel(i18n, Number(v)) : '') },
        },
        y: {
          type: 'linear',
          min: -0.5,
          max: Math.max(0.5, overview.segments.length - 0.5),
          reverse: true,
          position: rtl ? 'right' : 'left',
          afterBuildTicks: (axis) => {
            axis.ticks = overview.segments.map((_, i) => ({ value: i }));
          },
          grid: { display: false },
          border: { display: false },
          ticks: {
            color: palette.text,
            stepSize: 1,
            autoSkip: false,
            font: { family: palette.font, size: 12 },
            callback: (v) => (Number.isInteger(v) && Number(v) >= 0 && Number(v) < overview.segments.length ? segmentLabel(i18n, overview.segments[Number(v)] ?? null) : ''),
          },
        },
      },
    },
  };
}

export function Heatmap({ overview, onFlag }: { overview: AnomalyOverview; onFlag: (key: string) => void }) {
  const i18n = useI18n();
  const theme = useSettingsStore((s) => s.settings.theme);
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    const chart = new Chart(element, config(overview, i18n, readPalette(element), onFlag));
    return () => chart.destroy();
  }, [overview, i18n, theme, onFlag]);
  const height = 70 + Math.max(1, overview.segments.length) * 46;
  return (
    <div className="anom-heatmap" style={{ height }} data-testid="anomaly-heatmap">
      <canvas ref={canvas} role="img" aria-label={`${i18n.t('anom.heatmap.title')}. ${i18n.t('anom.heatmap.summary')}`} />
    </div>
  );
}
