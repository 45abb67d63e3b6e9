import type { CoachingSettings } from '../../../shared/contract/coaching';
import { addLocalDays, localDayStartOf, localParts, localToUtc } from '../../../shared/domain/time';
import type { Db } from '../../db/open';

export interface ShiftWindow {
  startAt: number;
  endAt: number;
  source: 'schedule' | 'history';
}

const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
};

const weekdayOf = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay();

function atMinute(zone: string, date: string, minute: number): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  if (minute >= 24 * 60) return localDayStartOf(zone, addLocalDays(date, 1));
  return localToUtc(zone, y, m, d, Math.floor(minute / 60), minute % 60);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : Math.round((s[mid - 1]! + s[mid]!) / 2);
};

/**
 * The agent's shift on a local date. The schedule in coaching settings wins (the agent's own
 * rows, then rows for everyone); otherwise the typical login→logoff of the past four weeks, same
 * weekday when there is any, as the median first login and median last logoff. Null: unknown.
 */
export function shiftOn(db: Db, settings: CoachingSettings, zone: string, agentId: number, date: string): ShiftWindow | null {
  const weekday = weekdayOf(date);
  const own = settings.shifts.filter((s) => s.agentId === agentId);
  const rows = own.length > 0 ? own : settings.shifts.filter((s) => s.agentId === null);
  if (rows.length > 0) {
    const row = rows.find((s) => s.days.includes(weekday));
    if (!row) return null;
    const from = minutesOf(row.from);
    let to = minutesOf(row.to);
    if (to <= from) to += 24 * 60;
    return { startAt: atMinute(zone, date, from), endAt: atMinute(zone, date, from) + (to - from) * 60_000, source: 'schedule' };
  }
  const since = localDayStartOf(zone, addLocalDays(date, -28));
  const until = localDayStartOf(zone, date);
  const events = db
    .prepare<[number, number, number], { at: number; action: string }>(
      `SELECT at, action FROM agent_events WHERE agent_id = ? AND at >= ? AND at < ? AND action IN ('login','logoff','add','remove') ORDER BY at`,
    )
    .all(agentId, since, until);
  if (events.length === 0) return null;
  const days = new Map<string, { weekday: number; first: number | null; last: number | null }>();
  for (const e of events) {
    const p = localParts(zone, e.at);
    const key = `${p.year}-${p.month}-${p.day}`;
    const day = days.get(key) ?? { weekday: p.weekday, first: null, last: null };
    const minute = p.hour * 60 + p.minute;
    if ((e.action === 'login' || e.action === 'add') && day.first === null) day.first = minute;
    if (e.action === 'logoff' || e.action === 'remove') day.last = minute;
    days.set(key, day);
  }
  const complete = [...days.values()].filter((d): d is { weekday: number; first: number; last: number } => d.first !== null && d.last !== null && d.last > d.first);
  const same = complete.filter((d) => d.weekday === weekday);
  const basis = same.length > 0 ? same : complete;
  if (basis.length === 0) return null;
  const from = median(basis.map((d) => d.first));
  const to = median(basis.map((d) => d.last));
  if (to <= from) return null;
  return { startAt: atMinute(zone, date, from), endAt: atMinute(zone, date, to), source: 'history' };
}

/** The workday window (settings) on a date: where the slot finder looks when the shift is unknown. */
export function workdayOn(settings: CoachingSettings, zone: string, date: string): { startAt: number; endAt: number } {
  return { startAt: atMinute(zone, date, minutesOf(settings.workday.from)), endAt: atMinute(zone, date, minutesOf(settings.workday.to)) };
}
