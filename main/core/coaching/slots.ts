import type { CoachingSettings, Slot } from '../../../shared/contract/coaching';
import type { Channel } from '../../../shared/domain/channels';
import { agentsRequired, serviceLevelOf } from '../../../shared/domain/erlang';
import { addLocalDays, localDate, localHourStart, localParts } from '../../../shared/domain/time';
import type { Db } from '../../db/open';
import { forecastHour, loadHistory, scheduledCounter } from '../staffing/staffing';
import { overlaps, type Booking } from './overlap';
import { shiftOn, workdayOn } from './shifts';

const STEP_MS = 30 * 60_000;
const HOUR = 3_600_000;

export interface SlotParams {
  zone: string;
  now: number;
  agentId: number;
  minutes: number;
  days: number;
  targetSec: Record<Channel, number>;
  /** Service-level goal, share 0–1. */
  goal: number;
  coaching: CoachingSettings;
  bookings: readonly Booking[];
}

const pad = (n: number) => String(n).padStart(2, '0');
const localLabel = (zone: string, t: number) => {
  const p = localParts(zone, t);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
};

/** The queue an agent mostly answers (last four weeks), for the service-level cost of a slot. */
function mainQueue(db: Db, agentId: number, since: number): string | null {
  const row = db
    .prepare<[number, number], { queue: string }>('SELECT queue FROM rollup_hour WHERE agent_id = ? AND hour_at >= ? GROUP BY queue ORDER BY SUM(answered) DESC LIMIT 1')
    .get(agentId, since);
  if (row) return row.queue;
  return db.prepare<[number], { queue: string }>('SELECT queue FROM agent_queues WHERE agent_id = ? ORDER BY queue LIMIT 1').get(agentId)?.queue ?? null;
}

/**
 * The three cheapest free slots in the next `days` days, inside the agent's shift (or the
 * workday when unknown), free for both agent and lead. Cost of a slot = Σ over the hours it
 * covers of (share of the hour) × (forecast contacts) × (SL with the agent − SL without), i.e.
 * the contacts expected to miss the answer target because the agent is away. Erlang C with the
 * queue's handle time; the staffing in each hour is the agents scheduled, but never fewer than
 * Erlang C needs for the goal (an understaffed hour is not a cheap hour).
 */
export function findSlots(db: Db, p: SlotParams): Slot[] {
  const history = loadHistory(db, p.zone, p.now);
  const queue = mainQueue(db, p.agentId, p.now - 28 * 86_400_000);
  const h = history.find((q) => q.queue === queue) ?? null;
  const earliest = h && h.offered.size > 0 ? Math.min(...h.offered.keys()) : 0;
  const scheduled = scheduledCounter(db, p.coaching, p.zone);
  const length = p.minutes * 60_000;
  const startFrom = Math.ceil((p.now + 1) / STEP_MS) * STEP_MS;

  const hourCost = new Map<number, { load: number; with: number; without: number }>();
  const costOfHour = (hourAt: number) => {
    let c = hourCost.get(hourAt);
    if (c) return c;
    const lambda = h ? (forecastHour(p.zone, h, hourAt, earliest) ?? 0) : 0;
    if (!h || h.ahtSec === null || lambda <= 0) c = { load: 0, with: 1, without: 1 };
    else {
      const target = p.targetSec[h.channel];
      // An hour already short of agents has SL 0 with or without the agent, which would make it
      // look free: count at least the agents Erlang C needs for the goal.
      const n = Math.max(scheduled(h.queue, hourAt), agentsRequired(lambda, h.ahtSec, target, p.goal));
      c = {
        load: lambda,
        with: serviceLevelOf({ perHour: lambda, ahtSec: h.ahtSec, agents: n, targetSec: target }),
        without: serviceLevelOf({ perHour: lambda, ahtSec: h.ahtSec, agents: n - 1, targetSec: target }),
      };
    }
    hourCost.set(hourAt, c);
    return c;
  };

  const candidates: Slot[] = [];
  const today = localDate(p.zone, p.now);
  for (let d = 0; d < p.days; d++) {
    const date = addLocalDays(today, d);
    const window = shiftOn(db, p.coaching, p.zone, p.agentId, date) ?? workdayOn(p.coaching, p.zone, date);
    for (let t = Math.max(window.startAt, startFrom); t + length <= window.endAt; t += STEP_MS) {
      const slot = { startAt: t, endAt: t + length };
      if (p.bookings.some((b) => overlaps(slot, b))) continue;
      let cost = 0;
      let load = 0;
      let wWith = 0;
      let wWithout = 0;
      for (let hourAt = localHourStart(p.zone, t); hourAt < slot.endAt; hourAt += HOUR) {
        const share = (Math.min(slot.endAt, hourAt + HOUR) - Math.max(slot.startAt, hourAt)) / HOUR;
        if (share <= 0) continue;
        const c = costOfHour(hourAt);
        cost += share * c.load * (c.with - c.without);
        load += share * c.load;
        wWith += share * c.load * c.with;
        wWithout += share * c.load * c.without;
      }
      candidates.push({
        start: localLabel(p.zone, t),
        startAt: t,
        endAt: slot.endAt,
        slWith: load > 0 ? wWith / load : 1,
        slWithout: load > 0 ? wWithout / load : 1,
        cost,
        forecastContacts: load,
        queue,
      });
    }
  }
  // Costs that differ only by rounding noise are a tie: the earlier slot wins.
  const rank = (s: Slot) => Math.round(s.cost * 1000);
  candidates.sort((a, b) => rank(a) - rank(b) || a.startAt - b.startAt);
  const picked: Slot[] = [];
  for (const c of candidates) {
    if (picked.some((s) => overlaps(s, c))) continue;
    picked.push(c);
    if (picked.length === 3) break;
  }
  return picked;
}
