import { isFloorScope, type AnomalyFinding } from '../../../../shared/contract';

/** A flag as found or as on record (the wall-board shows those, without `found`). */
type FlagShown = Omit<AnomalyFinding, 'found'>;
import type { I18n } from '../../i18n/useI18n';

/** "09:00" in the reader's digits. */
export function hourLabel(i18n: I18n, h: number): string {
  const two = (n: number) => i18n.num(n, { minimumIntegerDigits: 2, useGrouping: false });
  return `${two(h % 24)}:${two(0)}`;
}

/** Weekday name in the reader's language (0 = Sunday); 2023-01-01 was a Sunday. */
export function weekdayName(i18n: I18n, weekday: number): string {
  const locale = i18n.locale === 'fa' ? 'fa-IR' : i18n.locale;
  return new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(Date.UTC(2023, 0, 1 + weekday));
}

export function formatQ(i18n: I18n, q: number): string {
  return q < 0.001 ? i18n.t('anom.q.below', { q: i18n.num(0.001) }) : i18n.t('anom.q.equal', { q: i18n.num(q, { maximumFractionDigits: 3 }) });
}

/** When the flag applies, in words: hours of day, hours on a weekday, or one date's hours. */
export function flagWhen(i18n: I18n, f: FlagShown): string {
  if (f.detail.scope === 'date-hour' || f.detail.scope === 'floor-date-hour') {
    return i18n.t('anom.when.date', { date: i18n.date(f.fromAt), from: i18n.time(f.fromAt, false), to: i18n.time(f.toAt, false) });
  }
  if (f.hours && f.hours.length > 0) {
    const sorted = [...f.hours].sort((a, b) => a - b);
    const from = hourLabel(i18n, sorted[0]!);
    const to = hourLabel(i18n, sorted[sorted.length - 1]! + 1);
    if ((f.detail.scope === 'weekday-hour' || f.detail.scope === 'floor-weekday-hour') && f.detail.weekday !== null) return i18n.t('anom.when.weekday', { from, to, weekday: weekdayName(i18n, f.detail.weekday) });
    return i18n.t('anom.when.hours', { from, to });
  }
  return `${i18n.date(f.fromAt)} – ${i18n.date(f.toAt)}`;
}

/** Expected counts: small ones keep two significant digits ("0.04"), larger ones are whole. */
export function formatExpected(i18n: I18n, v: number): string {
  return v < 10 ? i18n.num(v, { maximumSignificantDigits: 2 }) : i18n.num(v, { maximumFractionDigits: 0 });
}

/** Short local date and time of a contact: "21 Nov, 16:28". */
export function shortDateTime(i18n: I18n, t: number): string {
  const locale = i18n.locale === 'fa' ? 'fa-IR-u-ca-persian' : i18n.locale === 'en' ? 'en-GB' : i18n.locale === 'zh' ? 'zh-CN' : 'et-EE';
  return new Intl.DateTimeFormat(locale, { timeZone: i18n.timezone, month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(t);
}

/** A segment's name, or the label of contacts with none. */
export const segmentLabel = (i18n: I18n, s: string | null): string => s ?? i18n.t('anom.segment.none');

/** Whom a flag is about: its segment, contacts with none, or (a flag about the whole floor) every segment. */
export function flagSegment(i18n: I18n, f: Pick<AnomalyFinding, 'segment' | 'detail'>): string {
  return isFloorScope(f.detail.scope) ? i18n.t('anom.segment.all') : segmentLabel(i18n, f.segment);
}

/** The supervisor's sentence, rendered from the stored figures in the reader's language. */
export function explainFlag(i18n: I18n, f: FlagShown): string {
  const segment = flagSegment(i18n, f);
  const common = {
    segment,
    observed: f.observed,
    total: f.total,
    expected: formatExpected(i18n, f.expected),
    base: i18n.pct(f.detail.baseRate, 1),
    peer: i18n.pct(f.detail.peerRate, 1),
    q: formatQ(i18n, f.qValue),
  };
  if (f.kind === 'avoidance') return i18n.t('anom.explain.avoidance', { ...common, agent: f.agent ?? '' });
  if (f.detail.scope === 'floor-date-hour') return i18n.t('anom.explain.floor', { ...common, when: flagWhen(i18n, f) });
  if (f.detail.scope === 'floor-weekday-hour') return i18n.t('anom.explain.floorWeekday', { ...common, when: flagWhen(i18n, f) });
  return i18n.t('anom.explain.unanswered', { ...common, when: flagWhen(i18n, f) });
}
