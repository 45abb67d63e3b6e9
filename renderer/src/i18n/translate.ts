import type { Locale } from '../../../shared/contract';
import { ENGLISH, MESSAGES, type MessageKey, type Messages } from './catalog';
import { formatNumber } from './format';

export type { MessageKey, Messages };
export { MESSAGES };

export type Params = Record<string, string | number>;

/** Locales written right to left: the whole document flips (`dir="rtl"`). */
export function directionOf(locale: Locale): 'rtl' | 'ltr' {
  return locale === 'fa' ? 'rtl' : 'ltr';
}

/**
 * Looks a message up and fills `{name}` parameters. Numbers are formatted for the locale (Persian
 * digits in `fa`); strings are inserted as they are, so callers pre-format durations and times.
 */
export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  const template = MESSAGES[locale][key] ?? ENGLISH[key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatNumber(locale, value) : value;
  });
}

export type TFunction = (key: MessageKey, params?: Params) => string;

export function translator(locale: Locale): TFunction {
  return (key, params) => translate(locale, key, params);
}
