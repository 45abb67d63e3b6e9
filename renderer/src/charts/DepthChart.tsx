import { useEffect, useRef } from 'react';
import { CategoryScale, Chart, Filler, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip, type ChartConfiguration } from 'chart.js';
import type { ChannelTileData as ChannelTile } from '../stores/live/types';
import { useI18n, type I18n } from '../i18n/useI18n';
import { useSettingsStore } from '../stores/settings/actions';

// Registering only what a line chart needs keeps chart.js's share of the bundle small.
Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Filler, Legend, Tooltip);

interface Palette {
  text: string;
  muted: string;
  grid: string;
  font: string;
  channels: Record<ChannelTile['channel'], string>;
}

/** Colours come from the theme's CSS variables, so the chart follows dark/light/high-contrast. */
function readPalette(element: HTMLElement): Palette {
  const style = getComputedStyle(element);
  const v = (name: string) => style.getPropertyValue(name).trim();
  return {
    text: v('--text'),
    muted: v('--text-muted'),
    grid: v('--grid'),
    font: style.fontFamily,
    channels: { voice: v('--ch-voice'), chat: v('--ch-chat'), email: v('--ch-email'), social: v('--ch-social'), sms: v('--ch-sms') },
  };
}

function labels(i18n: I18n, length: number): string[] {
  return Array.from({ length }, (_, i) => {
    const ago = length - 1 - i;
    return ago === 0 ? i18n.t('chart.now') : i18n.t('chart.minutesAgo', { n: ago });
  });
}

function config(channels: readonly ChannelTile[], i18n: I18n, palette: Palette): ChartConfiguration<'line'> {
  const length = Math.max(0, ...channels.map((c) => c.depth60.length));
  const rtl = i18n.dir === 'rtl';
  return {
    type: 'line',
    data: {
      labels: labels(i18n, length),
      datasets: channels.map((tile) => ({
        label: i18n.t(`channel.${tile.channel}`),
        data: [...tile.depth60],
        borderColor: palette.channels[tile.channel],
        backgroundColor: palette.channels[tile.channel],
        borderWidth: 2,
        pointRadius: 0,
        pointHoverRadius: 4,
        tension: 0.3,
      })),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: 'index', intersect: false },
      // Room for the outermost tick label ("now"), which sits on the chart's edge.
      layout: { padding: { left: 14, right: 14 } },
      locale: i18n.locale === 'fa' ? 'fa-IR' : i18n.locale,
      plugins: {
        legend: {
          position: 'top',
          align: 'end',
          rtl,
          labels: { color: palette.text, boxWidth: 10, boxHeight: 10, usePointStyle: true, font: { family: palette.font, size: 12 } },
        },
        tooltip: { rtl, bodyFont: { family: palette.font }, titleFont: { family: palette.font } },
      },
      scales: {
        x: {
          // Time runs in the reading direction: right to left in Persian.
          reverse: rtl,
          grid: { display: false },
          border: { color: palette.grid },
          ticks: {
            color: palette.muted,
            font: { family: palette.font, size: 11 },
            maxRotation: 0,
            autoSkip: false,
            callback: (_value, index) => ((length - 1 - index) % 15 === 0 ? labels(i18n, length)[index] : null),
          },
        },
        y: {
          position: rtl ? 'right' : 'left',
          beginAtZero: true,
          grid: { color: palette.grid },
          border: { display: false },
          ticks: { color: palette.muted, font: { family: palette.font, size: 11 }, precision: 0, maxTicksLimit: 5 },
        },
      },
    },
  };
}

/** Queue depth of every channel over the last hour, one sample a minute. */
export function DepthChart({ channels }: { channels: readonly ChannelTile[] }) {
  const i18n = useI18n();
  const theme = useSettingsStore((s) => s.settings.theme);
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<'line'> | null>(null);
  const palette = useRef<ReturnType<typeof readPalette> | null>(null);
  const latest = useRef(channels);
  const lastDraw = useRef(0);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  // The last point is the depth now, so the series change with every waiting contact; on a busy
  // floor snapshots come many times a second. Redraw on change, at most once a second.
  const key = channels.map((c) => `${c.channel}:${c.depth60.join(',')}`).join('|');

  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    // The palette is read from CSS once per theme, not on every redraw.
    palette.current = readPalette(element);
    const instance = new Chart(element, config(channels, i18n, palette.current));
    chart.current = instance;
    return () => {
      instance.destroy();
      chart.current = null;
      if (pending.current) clearTimeout(pending.current);
      pending.current = null;
    };
    // Rebuilt on locale/theme changes only; data updates go through the effect below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [i18n, theme]);

  useEffect(() => {
    latest.current = channels;
    const draw = () => {
      pending.current = null;
      const instance = chart.current;
      if (!instance || !palette.current) return;
      lastDraw.current = performance.now();
      instance.data = config(latest.current, i18n, palette.current).data;
      instance.update('none');
    };
    if (pending.current) return;
    const since = performance.now() - lastDraw.current;
    if (since >= 1000) draw();
    else pending.current = setTimeout(draw, 1000 - since);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  return (
    <div className="depth-chart">
      <canvas ref={canvas} role="img" aria-label={`${i18n.t('chart.depth.title')}. ${i18n.t('chart.depth.subtitle')}`} />
    </div>
  );
}
