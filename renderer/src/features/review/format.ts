import { DISPLAY_KPI_FIELDS, isShareMetric, REVIEW_GROUPS } from '../../../../shared/contract/review';
import { INTL_LOCALE } from '../../i18n/format';
import type { I18n } from '../../i18n/useI18n';
import type { MessageKey } from '../../i18n/translate';

const WEEKDAYS = ['review.weekday.0', 'review.weekday.1', 'review.weekday.2', 'review.weekday.3', 'review.weekday.4', 'review.weekday.5', 'review.weekday.6'] as const;

/** The columns a screen or page shows: the group keys, then the display subset of the figures. */
export function shownColumns(columns: readonly string[]): string[] {
  return columns.filter((c) => isGroupColumn(c) || (DISPLAY_KPI_FIELDS as readonly string[]).includes(c));
}
/** Group keys, and the UTC offset that tells the two hours of a day when clocks go back apart. */
export const isGroupColumn = (c: string) => (REVIEW_GROUPS as readonly string[]).includes(c) || c === 'utcOffset';

const formats = new Map<string, Intl.DateTimeFormat>();
function numericDate(i18n: I18n, timeZone: string, withWeekday: boolean): Intl.DateTimeFormat {
  const key = `${i18n.locale}|${timeZone}|${withWeekday}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(INTL_LOCALE[i18n.locale], { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', ...(withWeekday ? { weekday: 'short' } : {}) });
    formats.set(key, f);
  }
  return f;
}

/** A local calendar date (YYYY-MM-DD) in the locale's own digits and calendar, compact. */
export function dayText(i18n: I18n, date: string, withWeekday = false): string {
  const [y, m, d] = date.split('-').map(Number);
  if (!y || !m || !d) return date;
  return numericDate(i18n, 'UTC', withWeekday).format(Date.UTC(y, m - 1, d, 12));
}

/** An instant as a compact site-local date and time ("16/11/2026 14:03:22"). */
export function instantText(i18n: I18n, t: number): string {
  return `${numericDate(i18n, i18n.timezone, false).format(t)} ${i18n.time(t, true)}`;
}

/** A KPI table cell as people read it: rates as %, seconds as durations, keys in the locale. */
export function cellText(i18n: I18n, column: string, value: string | number | null): string {
  if (value === null) return column === 'segment' ? i18n.t('review.filter.noSegment') : '–';
  if (column === 'day' && typeof value === 'string') return dayText(i18n, value, true);
  if (typeof value === 'string') return value;
  if (column === 'weekday') return i18n.t(WEEKDAYS[value % 7]! as MessageKey);
  if (column === 'hour') return `${String(value).padStart(2, '0')}:00`;
  if (isShareMetric(column)) return i18n.pct(value, 1);
  if (column === 'nps') return i18n.num(value, { maximumFractionDigits: 1 });
  if (/Sec$/.test(column)) return i18n.duration(value * 1000);
  return i18n.num(value);
}

export const COLUMN_LABELS: Record<string, MessageKey> = {
  day: 'review.group.day',
  hour: 'review.group.hour',
  weekday: 'review.group.weekday',
  segment: 'review.group.segment',
  queue: 'review.group.queue',
  channel: 'review.group.channel',
  agent: 'review.group.agent',
  utcOffset: 'review.group.utcOffset',
  offered: 'review.metric.offered',
  answered: 'review.metric.answered',
  unanswered: 'review.metric.unanswered',
  abandoned: 'review.metric.abandoned',
  shortAbandoned: 'review.metric.shortAbandoned',
  answeredInTarget: 'review.metric.answeredInTarget',
  serviceLevel: 'review.metric.serviceLevel',
  answerRate: 'review.metric.answerRate',
  abandonRate: 'review.metric.abandonRate',
  asaSec: 'review.metric.asaSec',
  avgWaitSec: 'review.metric.avgWaitSec',
  ahtSec: 'review.metric.ahtSec',
  rnaRate: 'review.metric.rnaRate',
  transferRate: 'review.metric.transferRate',
  repeatRate: 'review.metric.repeatRate',
  fcr: 'review.metric.fcr',
  csat: 'review.metric.csat',
  nps: 'review.metric.nps',
};

export const columnLabel = (i18n: I18n, column: string) => (COLUMN_LABELS[column] ? i18n.t(COLUMN_LABELS[column]) : column);

/** A signed difference: "+12", "−3.5 %" (points for rates), durations for seconds. */
export function diffText(i18n: I18n, metric: string, diff: number | null): string {
  if (diff === null) return '–';
  const sign = diff > 0 ? '+' : diff < 0 ? '−' : '±';
  const abs = Math.abs(diff);
  if (isShareMetric(metric)) return `${sign}${i18n.num(abs * 100, { maximumFractionDigits: 1 })} ${i18n.t('review.compare.points')}`;
  if (/Sec$/.test(metric)) return `${sign}${i18n.duration(abs * 1000)}`;
  return `${sign}${i18n.num(abs)}`;
}

export function pctText(i18n: I18n, pct: number | null): string {
  if (pct === null) return '–';
  return `${pct > 0 ? '+' : pct < 0 ? '−' : '±'}${i18n.pct(Math.abs(pct), 1)}`;
}
