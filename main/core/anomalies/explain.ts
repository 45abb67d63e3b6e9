import type { AnomalyDetail } from '../../../shared/contract/anomalies';
import { localParts } from '../../../shared/domain/time';

const WEEKDAYS = ['Sundays', 'Mondays', 'Tuesdays', 'Wednesdays', 'Thursdays', 'Fridays', 'Saturdays'];
const hh = (h: number) => `${String(h % 24).padStart(2, '0')}:00`;
const pct = (r: number) => `${(r * 100).toFixed(r < 0.1 ? 1 : 0)} %`;

/** "q < 0.001" or "q = 0.012": small values as a bound, so the sentence does not pretend to precision. */
export function formatQ(q: number): string {
  return q < 0.001 ? 'q < 0.001' : `q = ${q.toFixed(3)}`;
}

/** Hours 9, 10 → "between 09:00 and 11:00"; non-adjacent hours are listed. */
export function hourSpan(hours: readonly number[]): string {
  const sorted = [...hours].sort((a, b) => a - b);
  const adjacent = sorted.every((h, i) => i === 0 || h === sorted[i - 1]! + 1);
  if (adjacent) return `between ${hh(sorted[0]!)} and ${hh(sorted[sorted.length - 1]! + 1)}`;
  return `at ${sorted.map(hh).join(', ')}`;
}

interface Explained {
  kind: 'unanswered' | 'avoidance';
  segment: string | null;
  agent: string | null;
  hours: number[] | null;
  fromAt: number;
  toAt: number;
  observed: number;
  expected: number;
  total: number;
  qValue: number;
  detail: AnomalyDetail;
}

/**
 * The English sentence of a flag, for the CLI and logs. Screens render their own sentence from
 * the same figures in the reader's language.
 */
export function explain(f: Explained, zone: string): string {
  const who = f.segment ?? 'Unsegmented';
  const expected = f.expected < 1 ? 'fewer than 1' : `about ${Math.round(f.expected)}`;
  const verb = f.expected < 1.5 && f.expected >= 0.5 ? 'was' : 'were';
  if (f.kind === 'avoidance') {
    return (
      `${who} callers rang ${f.agent ?? 'this agent'} ${f.total} times and ${f.observed} rang out unanswered; ` +
      `${expected} ${verb} expected from the agent's rate with other customers (${pct(f.detail.baseRate)}) ` +
      `and the team's rate with ${who} callers (${pct(f.detail.peerRate)}); ${formatQ(f.qValue)}.`
    );
  }
  let when: string;
  if (f.detail.scope === 'date-hour' || f.detail.scope === 'floor-date-hour') {
    const a = localParts(zone, f.fromAt).hour;
    const b = localParts(zone, f.toAt).hour;
    when = `on ${f.detail.date ?? ''} between ${hh(a)} and ${hh(b)}`;
  } else {
    when = hourSpan(f.hours ?? []);
    if ((f.detail.scope === 'weekday-hour' || f.detail.scope === 'floor-weekday-hour') && f.detail.weekday !== null) when += ` on ${WEEKDAYS[f.detail.weekday]}`;
  }
  if (f.detail.scope === 'floor-weekday-hour') {
    return (
      `All contacts ${when}: ${f.observed} of ${f.total} went unanswered; ${expected} ${verb} expected from ` +
      `that weekday's rate at other hours (${pct(f.detail.baseRate)}) and the same hours' rate on other weekdays ` +
      `(${pct(f.detail.peerRate)}); ${formatQ(f.qValue)}.`
    );
  }
  if (f.detail.scope === 'floor-date-hour') {
    return (
      `All contacts ${when}: ${f.observed} of ${f.total} went unanswered; ${expected} ${verb} expected from ` +
      `that day's rate at other hours (${pct(f.detail.baseRate)}) and the same hour's rate on other days ` +
      `(${pct(f.detail.peerRate)}); ${formatQ(f.qValue)}.`
    );
  }
  return (
    `${who} contacts ${when}: ${f.observed} of ${f.total} went unanswered; ${expected} ${verb} expected from ` +
    `${who}'s rate at other times (${pct(f.detail.baseRate)}) and other customers' rate at the same time ` +
    `(${pct(f.detail.peerRate)}); ${formatQ(f.qValue)}.`
  );
}
