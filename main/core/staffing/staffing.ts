import type { CoachingSettings, StaffingQueue } from '../../../shared/contract/coaching';
import type { Channel } from '../../../shared/domain/channels';
import { agentsRequired } from '../../../shared/domain/erlang';
import { addLocalDays, localDate, localDayStartOf, localHoursOfDay, localParts, localToUtc } from '../../../shared/domain/time';
import type { Db } from '../../db/open';
import { shiftOn } from '../coaching/shifts';
import { forecastFromWeeks, HISTORY_WEEKS, mape } from './forecast';

const WEEK_DAYS = 7;
const MAPE_DAYS = 28;

export interface QueueHistory {
  queue: string;
  channel: Channel;
  /** Offered per hour start (UTC instant of the local hour). */
  offered: Map<number, number>;
  /** Mean handle time (talk + hold + wrap per answered contact) over the last four weeks. */
  ahtSec: number | null;
}

/** Hourly offered contacts per queue over the history the forecast needs, from the rollup. */
export function loadHistory(db: Db, zone: string, now: number): QueueHistory[] {
  const today = localDate(zone, now);
  const from = localDayStartOf(zone, addLocalDays(today, -(HISTORY_WEEKS * 7 + MAPE_DAYS)));
  const ahtFrom = localDayStartOf(zone, addLocalDays(today, -28));
  const rows = db
    .prepare<[number, number, number], { hour_at: number; channel: Channel; queue: string; offered: number; answered: number; handle_ms: number }>(
      `SELECT hour_at, channel, queue, SUM(offered) AS offered,
         SUM(CASE WHEN hour_at >= ? THEN answered ELSE 0 END) AS answered,
         SUM(CASE WHEN hour_at >= ? THEN talk_ms + hold_ms + wrap_ms ELSE 0 END) AS handle_ms
       FROM rollup_hour WHERE hour_at >= ? GROUP BY hour_at, channel, queue`,
    )
    .all(ahtFrom, ahtFrom, from);
  const byQueue = new Map<string, QueueHistory & { answered: number; handleMs: number }>();
  for (const r of rows) {
    const key = `${r.channel}\u0000${r.queue}`;
    let q = byQueue.get(key);
    if (!q) byQueue.set(key, (q = { queue: r.queue, channel: r.channel, offered: new Map(), ahtSec: null, answered: 0, handleMs: 0 }));
    q.offered.set(r.hour_at, (q.offered.get(r.hour_at) ?? 0) + r.offered);
    q.answered += r.answered;
    q.handleMs += r.handle_ms;
  }
  return [...byQueue.values()].map(({ answered, handleMs, ...q }) => ({ ...q, ahtSec: answered > 0 ? handleMs / answered / 1000 : null }));
}

const weeksBeforeCache = new Map<string, number>();

/** The same local hour `weeks` weeks before the hour starting at `hourAt` (DST-safe; memoised: Intl is slow). */
function sameHourWeeksBefore(zone: string, hourAt: number, weeks: number): number {
  const key = `${zone}|${hourAt}|${weeks}`;
  const hit = weeksBeforeCache.get(key);
  if (hit !== undefined) return hit;
  if (weeksBeforeCache.size > 200_000) weeksBeforeCache.clear();
  const at = computeWeeksBefore(zone, hourAt, weeks);
  weeksBeforeCache.set(key, at);
  return at;
}

function computeWeeksBefore(zone: string, hourAt: number, weeks: number): number {
  const p = localParts(zone, hourAt);
  const date = addLocalDays(`${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`, -7 * weeks);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return localToUtc(zone, y, m, d, p.hour, p.minute);
}

/** Forecast contacts for the local hour starting at `hourAt`, from the history before it. */
export function forecastHour(zone: string, history: QueueHistory, hourAt: number, earliest: number): number | null {
  const weeks: (number | null)[] = [];
  for (let k = 1; k <= HISTORY_WEEKS; k++) {
    const at = sameHourWeeksBefore(zone, hourAt, k);
    // Before the data starts a missing hour is "unknown", after it a missing hour had no contacts.
    weeks.push(at < earliest ? null : (history.offered.get(at) ?? 0));
  }
  return forecastFromWeeks(weeks);
}

const firstHour = (h: QueueHistory) => Math.min(...h.offered.keys());

/** Agents whose shift covers each hour, per queue (members of the queue, or everyone when it lists none). */
function scheduledCounter(db: Db, settings: CoachingSettings, zone: string) {
  const agents = db.prepare<[], { id: number }>('SELECT id FROM agents WHERE merged_into IS NULL').all();
  const members = db.prepare<[], { agent_id: number; queue: string }>('SELECT agent_id, queue FROM agent_queues').all();
  const shiftCache = new Map<string, ReturnType<typeof shiftOn>>();
  const shift = (agentId: number, date: string) => {
    const key = `${agentId}|${date}`;
    if (!shiftCache.has(key)) shiftCache.set(key, shiftOn(db, settings, zone, agentId, date));
    return shiftCache.get(key) ?? null;
  };
  return (queue: string | null, hourAt: number, exclude?: number): number => {
    const inQueue = queue === null ? [] : members.filter((m) => m.queue === queue).map((m) => m.agent_id);
    const pool = inQueue.length > 0 ? inQueue : agents.map((a) => a.id);
    const mid = hourAt + 30 * 60_000;
    const date = localDate(zone, mid);
    let n = 0;
    for (const id of pool) {
      if (id === exclude) continue;
      const s = shift(id, date) ?? shift(id, addLocalDays(date, -1));
      if (s && s.startAt <= mid && mid < s.endAt) n++;
    }
    return n;
  };
}
export type ScheduledCounter = ReturnType<typeof scheduledCounter>;
export { scheduledCounter };

export interface StaffingParams {
  zone: string;
  now: number;
  days: number;
  targetSec: Record<Channel, number>;
  /** Service-level goal as a share 0–1. */
  goal: number;
  coaching: CoachingSettings;
}

/**
 * The staffing view: per queue, hourly forecast for the next days, the method's MAPE on the past
 * four weeks, agents required by Erlang C for the goal, and agents scheduled (shifts).
 */
export function staffingForecast(db: Db, p: StaffingParams): StaffingQueue[] {
  const history = loadHistory(db, p.zone, p.now);
  const scheduled = scheduledCounter(db, p.coaching, p.zone);
  const today = localDate(p.zone, p.now);
  const out: StaffingQueue[] = [];
  for (const h of history) {
    const earliest = firstHour(h);
    const pairs: { actual: number; forecast: number }[] = [];
    for (let d = -MAPE_DAYS; d < 0; d++) {
      for (const hour of localHoursOfDay(p.zone, addLocalDays(today, d))) {
        const f = forecastHour(p.zone, h, hour.start, earliest);
        if (f !== null) pairs.push({ actual: h.offered.get(hour.start) ?? 0, forecast: f });
      }
    }
    const hours: StaffingQueue['hours'] = [];
    for (let d = 0; d < Math.min(p.days, WEEK_DAYS * 2); d++) {
      for (const hour of localHoursOfDay(p.zone, addLocalDays(today, d))) {
        if (hour.end <= p.now) continue;
        const forecast = forecastHour(p.zone, h, hour.start, earliest) ?? 0;
        const required = h.ahtSec === null ? 0 : agentsRequired(forecast, h.ahtSec, p.targetSec[h.channel], p.goal);
        hours.push({ at: hour.start, forecast: Math.round(forecast * 10) / 10, ahtSec: h.ahtSec, required, scheduled: scheduled(h.queue, hour.start) });
      }
    }
    out.push({ queue: h.queue, channel: h.channel, mape: mape(pairs), hours });
  }
  return out.sort((a, b) => a.channel.localeCompare(b.channel) || a.queue.localeCompare(b.queue));
}
