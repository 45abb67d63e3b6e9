import type { CoachingSession } from '../../../../shared/contract/coaching';
import { addLocalDays, localDate, localParts } from '../../../../shared/domain/time';
import type { CoachingView } from './initialState';

/**
 * First day of the week containing `date`; `firstDay` 0 = Sunday … 6 = Saturday. Monday (ISO)
 * by default; the Persian calendar week starts on Saturday.
 */
export function weekStart(date: string, firstDay = 1): string {
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  return addLocalDays(date, -((weekday - firstDay + 7) % 7));
}

/** The local dates a view shows. */
export function visibleDays(view: CoachingView, anchor: string, firstDay = 1): string[] {
  if (view === 'day') return [anchor];
  const start = weekStart(anchor, firstDay);
  return Array.from({ length: 7 }, (_, i) => addLocalDays(start, i));
}

/** The list's range: four weeks from the week of the anchor. */
export function listRange(anchor: string, firstDay = 1): { from: string; to: string } {
  const from = weekStart(anchor, firstDay);
  return { from, to: addLocalDays(from, 27) };
}

export function rangeOf(view: CoachingView, anchor: string, firstDay = 1): { from: string; to: string } {
  if (view === 'list' || view === 'staffing' || view === 'settings') return listRange(anchor, firstDay);
  const days = visibleDays(view, anchor, firstDay);
  return { from: days[0]!, to: days[days.length - 1]! };
}

/** Step the anchor by the view's unit. */
export function stepAnchor(view: CoachingView, anchor: string, direction: 1 | -1): string {
  return addLocalDays(anchor, direction * (view === 'day' ? 1 : view === 'list' ? 28 : 7));
}

export interface Placed {
  session: CoachingSession;
  /** Minutes from the day's first shown hour to the start, and length in minutes (clipped to the day). */
  top: number;
  height: number;
  /** Side-by-side lanes when sessions of different people overlap in time. */
  lane: number;
  lanes: number;
}

const minuteOfDay = (zone: string, t: number) => {
  const p = localParts(zone, t);
  return p.hour * 60 + p.minute;
};

/** Sessions of one local day placed on a grid starting at `firstHour`, overlapping ones in lanes. */
export function placeDay(sessions: readonly CoachingSession[], zone: string, date: string, firstHour: number, lastHour: number): Placed[] {
  const mine = sessions.filter((s) => localDate(zone, s.startAt) === date).sort((a, b) => a.startAt - b.startAt || a.id - b.id);
  const placed: Placed[] = [];
  let group: Placed[] = [];
  let groupEnd = -Infinity;
  const flush = () => {
    const lanes = Math.max(1, ...group.map((g) => g.lane + 1));
    for (const g of group) g.lanes = lanes;
    group = [];
  };
  for (const s of mine) {
    const start = Math.max(minuteOfDay(zone, s.startAt), firstHour * 60);
    const end = Math.min(start + (s.endAt - s.startAt) / 60_000, lastHour * 60);
    if (s.startAt >= groupEnd) flush();
    const used = new Set(group.filter((g) => g.session.endAt > s.startAt).map((g) => g.lane));
    let lane = 0;
    while (used.has(lane)) lane++;
    const p: Placed = { session: s, top: start - firstHour * 60, height: Math.max(15, end - start), lane, lanes: 1 };
    group.push(p);
    placed.push(p);
    groupEnd = Math.max(groupEnd, s.endAt);
  }
  flush();
  return placed;
}

/** The hours a calendar shows: 07–19 by default, widened to fit any session of the visible days. */
export function hourSpan(sessions: readonly CoachingSession[], zone: string): [number, number] {
  let first = 7;
  let last = 19;
  for (const s of sessions) {
    first = Math.min(first, localParts(zone, s.startAt).hour);
    const end = localParts(zone, s.endAt - 1);
    last = Math.max(last, end.hour + 1);
  }
  return [first, Math.min(24, last)];
}

/** `#/coaching?agent=3&anomaly=9&session=4&view=day&date=2026-03-29` → its parameters. */
export function routeParams(hash: string): { agent: number | null; anomaly: number | null; session: number | null; view: CoachingView | null; date: string | null } {
  const query = hash.split('?')[1] ?? '';
  const params = new URLSearchParams(query);
  const num = (k: string) => {
    const v = params.get(k);
    return v !== null && /^\d+$/.test(v) ? Number(v) : null;
  };
  const view = params.get('view');
  const date = params.get('date');
  return {
    agent: num('agent'),
    anomaly: num('anomaly'),
    session: num('session'),
    view: view === 'week' || view === 'day' || view === 'list' || view === 'staffing' || view === 'settings' ? view : null,
    date: date !== null && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : null,
  };
}
