import type { Locale } from '../../../../shared/contract';
import { INTL_LOCALE, formatNumber } from '../../i18n/format';
import { byteUnits } from '../../stores/data/selectors';

/**
 * "812 B", "4.2 MB" in the locale's digits, isolated (U+2068…U+2069) so a Latin unit beside
 * Persian digits keeps its order inside a right-to-left sentence.
 */
export function formatBytes(locale: Locale, bytes: number): string {
  const { value, unit } = byteUnits(bytes);
  // A few bytes still read as "0.1 kB", never as an empty "0 kB".
  const shown = unit === 'kilobyte' ? Math.max(0.1, value) : value;
  return `\u2068${formatNumber(locale, shown, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 })}\u2069`;
}

/** "3 sec ago", "5 min ago", in the locale. */
export function formatAgo(locale: Locale, ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const rtf = new Intl.RelativeTimeFormat(INTL_LOCALE[locale], { numeric: 'auto', style: 'short' });
  if (seconds < 60) return rtf.format(-seconds, 'second');
  if (seconds < 3600) return rtf.format(-Math.floor(seconds / 60), 'minute');
  if (seconds < 86400) return rtf.format(-Math.floor(seconds / 3600), 'hour');
  return rtf.format(-Math.floor(seconds / 86400), 'day');
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** A compact date and time at the site ("23/11/2026, 14:03:22"), for tables. */
export function formatDateTime(locale: Locale, timeZone: string, instant: number): string {
  const key = `${locale}|${timeZone}`;
  let format = dateTimeFormats.get(key);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat(INTL_LOCALE[locale], { dateStyle: 'short', timeStyle: 'medium', hourCycle: 'h23', timeZone });
    } catch {
      format = new Intl.DateTimeFormat(INTL_LOCALE[locale], { dateStyle: 'short', timeStyle: 'medium', hourCycle: 'h23', timeZone: 'UTC' });
    }
    dateTimeFormats.set(key, format);
  }
  return format.format(instant);
}
