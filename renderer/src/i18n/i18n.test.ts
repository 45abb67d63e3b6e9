import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../../shared/contract';
import { MESSAGES, directionOf, translate } from './translate';

const en = MESSAGES.en;
import { formatDate, formatDuration, formatPercent, formatSpan, formatTime } from './format';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('locales', () => {
  it.each(LOCALES)('%s has every English key, no extra key, and the same placeholders', (locale) => {
    const messages = MESSAGES[locale] as Record<string, string>;
    expect(Object.keys(messages).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(en)) {
      expect(messages[key]?.trim(), `${locale}:${key} is empty`).toBeTruthy();
      expect(placeholders(messages[key] ?? ''), `${locale}:${key}`).toEqual(placeholders(text));
    }
  });

  it('translations are not English copies (beyond names and units)', () => {
    for (const locale of ['fa', 'zh', 'et'] as const) {
      const same = Object.entries(en).filter(([key, text]) => MESSAGES[locale][key as keyof typeof en] === text);
      // Product name, language endonyms, "SMS", "%", "= {duration}" and the like may legitimately match.
      expect(same.length, same.map(([key]) => key).join(', ')).toBeLessThan(14);
    }
  });

  it('only Persian is right to left', () => {
    expect(LOCALES.filter((locale) => directionOf(locale) === 'rtl')).toEqual(['fa']);
  });
});

describe('translate', () => {
  it('fills parameters and formats numbers for the locale', () => {
    expect(translate('en', 'waiting.shown', { shown: 3, total: 1200 })).toBe('3 of 1,200');
    expect(translate('fa', 'tile.queueWaiting', { n: 12 })).toBe('۱۲ در انتظار');
    expect(translate('en', 'waiting.left', { duration: '0:12' })).toBe('0:12 left');
  });
});

describe('format', () => {
  const instant = Date.UTC(2025, 2, 30, 0, 30, 5); // 30 March 2025, just before the EU DST switch

  it('formats stopwatch durations with locale digits', () => {
    expect(formatDuration('en', 7_000)).toBe('0:07');
    expect(formatDuration('en', 192_000)).toBe('3:12');
    expect(formatDuration('en', 3_723_000)).toBe('1:02:03');
    expect(formatDuration('fa', 192_000)).toBe('۳:۱۲');
    expect(formatDuration('en', -5)).toBe('0:00');
    expect(formatDuration('en', 2 * 86_400_000 + 3_723_000)).toMatch(/^2\s?d 01:02:03$/);
  });

  it('formats spans in the largest whole unit', () => {
    // Unit abbreviations vary between ICU versions ("sec"/"secs"); the unit chosen must not.
    expect(formatSpan('en', 20)).toMatch(/^20\ssecs?$/);
    expect(formatSpan('en', 900)).toMatch(/^15\smins?$/);
    expect(formatSpan('en', 4 * 3600)).toMatch(/^4\shrs?$/);
    expect(formatSpan('fa', 900)).toBe('۱۵ دقیقه');
    expect(formatSpan('en', 90)).toBe('1:30');
  });

  it('shows site time in the site zone, 24-hour', () => {
    expect(formatTime('en', 'Europe/Tallinn', instant)).toBe('02:30:05');
    expect(formatTime('en', 'UTC', instant)).toBe('00:30:05');
    expect(formatTime('fa', 'UTC', instant)).toBe('۰۰:۳۰:۰۵');
  });

  it('uses the Persian calendar for Persian dates', () => {
    // 30 March 2025 is 10 Farvardin 1404.
    expect(formatDate('fa', 'Asia/Tehran', instant)).toContain('فروردین');
    expect(formatDate('fa', 'Asia/Tehran', instant)).toContain('۱۴۰۴');
    expect(formatDate('en', 'UTC', instant)).toMatch(/^Sunday,? 30 March 2025$/);
  });

  it('formats percentages', () => {
    expect(formatPercent('en', 0.834)).toBe('83%');
    expect(formatPercent('et', 0.834)).toMatch(/^83\s?%$/);
  });
});
