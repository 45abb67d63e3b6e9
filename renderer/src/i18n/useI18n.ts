import { useMemo } from 'react';
import type { Locale } from '../../../shared/contract';
import { useSettingsStore } from '../stores/settings/actions';
import { formatDate, formatDuration, formatNumber, formatPercent, formatSpan, formatTime } from './format';
import { directionOf, translator, type TFunction } from './translate';

export interface I18n {
  locale: Locale;
  timezone: string;
  dir: 'ltr' | 'rtl';
  t: TFunction;
  num(value: number, options?: Intl.NumberFormatOptions): string;
  pct(share: number, fractionDigits?: number): string;
  time(instant: number, seconds?: boolean): string;
  date(instant: number): string;
  duration(ms: number): string;
  span(seconds: number): string;
}

export function makeI18n(locale: Locale, timezone: string): I18n {
  return {
    locale,
    timezone,
    dir: directionOf(locale),
    t: translator(locale),
    num: (value, options) => formatNumber(locale, value, options),
    pct: (share, digits) => formatPercent(locale, share, digits),
    time: (instant, seconds) => formatTime(locale, timezone, instant, seconds),
    date: (instant) => formatDate(locale, timezone, instant),
    duration: (ms) => formatDuration(locale, ms),
    span: (seconds) => formatSpan(locale, seconds),
  };
}

/** Strings, numbers and times for the current locale, in the site's time zone. */
export function useI18n(): I18n {
  const locale = useSettingsStore((s) => s.settings.locale);
  const timezone = useSettingsStore((s) => s.settings.timezone);
  return useMemo(() => makeI18n(locale, timezone), [locale, timezone]);
}
