import type { Locale } from '../../../shared/contract';

/**
 * BCP 47 tags handed to Intl. Persian asks for the Solar Hijri calendar explicitly (it is the
 * default for fa-IR today, but a runtime must not be able to fall back to Gregorian silently);
 * English uses en-GB for a 24-hour clock, which control rooms read without am/pm.
 */
export const INTL_LOCALE: Record<Locale, string> = {
  en: 'en-GB',
  fa: 'fa-IR-u-ca-persian',
  zh: 'zh-CN',
  et: 'et-EE',
};

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function numberFormat(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n|${locale}|${JSON.stringify(options)}`;
  let format = cache.get(key) as Intl.NumberFormat | undefined;
  if (!format) {
    format = new Intl.NumberFormat(INTL_LOCALE[locale], options);
    cache.set(key, format);
  }
  return format;
}

function dateFormat(locale: Locale, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${locale}|${timeZone}|${JSON.stringify(options)}`;
  let format = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!format) {
    try {
      format = new Intl.DateTimeFormat(INTL_LOCALE[locale], { ...options, timeZone });
    } catch {
      // A zone the runtime does not know (settings are validated, but data files may differ).
      format = new Intl.DateTimeFormat(INTL_LOCALE[locale], { ...options, timeZone: 'UTC' });
    }
    cache.set(key, format);
  }
  return format;
}

export function formatNumber(locale: Locale, value: number, options: Intl.NumberFormatOptions = {}): string {
  return numberFormat(locale, options).format(value);
}

/** Share 0..1 as a whole percentage ("83 %", "٪۸۳"). */
export function formatPercent(locale: Locale, share: number, fractionDigits = 0): string {
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: fractionDigits, minimumFractionDigits: fractionDigits }).format(share);
}

/** Wall-clock time at the site, 24-hour, with seconds: "14:03:22" / "۱۴:۰۳:۲۲". */
export function formatTime(locale: Locale, timeZone: string, instant: number, seconds = true): string {
  return dateFormat(locale, timeZone, {
    hour: '2-digit',
    minute: '2-digit',
    ...(seconds ? { second: '2-digit' } : {}),
    hourCycle: 'h23',
  }).format(instant);
}

/** Long date at the site in the locale's calendar (Solar Hijri for Persian). */
export function formatDate(locale: Locale, timeZone: string, instant: number): string {
  return dateFormat(locale, timeZone, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(instant);
}

/**
 * A running wait as a stopwatch reads: "0:07", "3:12", "1:02:03", and "2d 03:04:05" past a day
 * (email waits can). Digits follow the locale so Persian shows ۳:۱۲.
 */
export function formatDuration(locale: Locale, ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(total / 86400);
  const hours = Math.floor((total % 86400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const plain = numberFormat(locale, { useGrouping: false });
  const two = numberFormat(locale, { useGrouping: false, minimumIntegerDigits: 2 });
  if (days > 0) {
    const dayPart = numberFormat(locale, { style: 'unit', unit: 'day', unitDisplay: 'narrow' }).format(days);
    return `${dayPart} ${two.format(hours)}:${two.format(minutes)}:${two.format(seconds)}`;
  }
  if (hours > 0) return `${plain.format(hours)}:${two.format(minutes)}:${two.format(seconds)}`;
  return `${plain.format(minutes)}:${two.format(seconds)}`;
}

/**
 * A target or a period in the largest whole unit a person would say: "20 s", "15 min", "4 h",
 * falling back to the mixed stopwatch form when it is not whole.
 */
export function formatSpan(locale: Locale, seconds: number): string {
  const unit = (value: number, name: 'second' | 'minute' | 'hour' | 'day') =>
    numberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'short' }).format(value);
  if (seconds >= 86400 && seconds % 86400 === 0) return unit(seconds / 86400, 'day');
  if (seconds >= 3600 && seconds % 3600 === 0) return unit(seconds / 3600, 'hour');
  if (seconds >= 60 && seconds % 60 === 0) return unit(seconds / 60, 'minute');
  if (seconds < 60) return unit(seconds, 'second');
  return formatDuration(locale, seconds * 1000);
}
