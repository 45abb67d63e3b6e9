import { useSyncExternalStore } from 'react';
import type { Locale } from '../../../../shared/contract';
import { localDayStartOf } from '../../../../shared/domain/time';
import { INTL_LOCALE } from '../../i18n/format';

const cache = new Map<string, Intl.DateTimeFormat>();

function fmt(locale: Locale, zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${zone}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(INTL_LOCALE[locale], { ...options, timeZone: zone })));
  return f;
}

/** "Mon 24 Nov" / "دوشنبه ۳ آذر": a calendar column head, in the locale's calendar. */
export const dayHead = (locale: Locale, zone: string, date: string) =>
  fmt(locale, zone, { weekday: 'short', day: 'numeric', month: 'short' }).format(localDayStartOf(zone, date) + 12 * 3_600_000);

/** "24 Nov 2026, 10:00" in the locale's calendar (Solar Hijri for Persian). */
export const dateTime = (locale: Locale, zone: string, t: number) =>
  fmt(locale, zone, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(t);

export const shortDate = (locale: Locale, zone: string, t: number) => fmt(locale, zone, { day: 'numeric', month: 'short', year: 'numeric' }).format(t);

export const clock = (locale: Locale, zone: string, t: number) => fmt(locale, zone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(t);

/** A date range head: "24 – 30 Nov 2026". */
export const rangeHead = (locale: Locale, zone: string, from: string, to: string) =>
  fmt(locale, zone, { day: 'numeric', month: 'short', year: 'numeric' }).formatRange(localDayStartOf(zone, from) + 12 * 3_600_000, localDayStartOf(zone, to) + 12 * 3_600_000);

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

/** The current location hash, re-rendering on change. */
export function useHash(): string {
  return useSyncExternalStore(subscribe, () => window.location.hash);
}

export function setCoachingHash(params: Record<string, string | number | null>): void {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null) q.set(k, String(v));
  const s = q.toString();
  window.location.hash = s ? `#/coaching?${s}` : '#/coaching';
}

/** Saves text as a file through the browser (Electron shows its save dialog for the same download). */
export function download(filename: string, text: string, type = 'text/calendar;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
