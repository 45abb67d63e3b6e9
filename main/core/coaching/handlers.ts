import { ApiError } from '../../../shared/contract/errors';
import { addLocalDays, localDate, localDayStartOf } from '../../../shared/domain/time';
import type { Db } from '../../db/open';
import type { Handlers } from '../api/dispatcher';
import type { EventHub } from '../api/event-hub';
import type { Clock, SettingsStore } from '../ports';
import { staffingForecast } from '../staffing/staffing';
import { toIcs } from './ics';
import { startReminders } from './reminders';
import { impact, scorecard } from './scorecard';
import { anomalyEvidence, scheduleSessions } from './service';
import { shiftOn } from './shifts';
import { findSlots } from './slots';
import { createCoachingStore } from './store';

type CoachingMethod =
  | 'coaching.agents'
  | 'coaching.list'
  | 'coaching.get'
  | 'coaching.schedule'
  | 'coaching.update'
  | 'coaching.addNote'
  | 'coaching.addAction'
  | 'coaching.setAction'
  | 'coaching.suggest'
  | 'coaching.ics'
  | 'coaching.evidenceOf'
  | 'coaching.settings'
  | 'coaching.updateSettings'
  | 'coaching.setAgentEmails'
  | 'staffing.forecast';

export interface CoachingDeps {
  db: Db;
  settings: SettingsStore;
  clock: Clock;
  hub: EventHub;
  /** Start the reminder timer (default true; one-shot CLI commands need none). */
  reminders?: boolean;
}

/** Local dates (inclusive) to a UTC range; open ends reach the whole table. */
export function rangeOf(zone: string, from?: string, to?: string): [number, number] {
  return [from ? localDayStartOf(zone, from) : -8.64e15, to ? localDayStartOf(zone, addLocalDays(to, 1)) : 8.64e15];
}

/** Coaching and staffing methods, spread into the core's handler table. */
export function coachingHandlers(deps: CoachingDeps): Pick<Handlers, CoachingMethod> {
  const { db, clock } = deps;
  const store = createCoachingStore(db, () => clock.now());
  if (deps.reminders !== false) startReminders(store, clock, deps.hub);
  const zone = () => deps.settings.get().timezone;
  const must = <T>(value: T | null, what: string): T => {
    if (value === null) throw new ApiError('not-found', `No ${what}.`);
    return value;
  };

  return {
    'coaching.agents': () => store.agents(),
    'coaching.list': ({ from, to, agentId }) => store.list(...rangeOf(zone(), from, to), agentId),
    'coaching.get': ({ id }) => {
      const session = must(store.get(id), `session ${id}`);
      const s = deps.settings.get();
      const cs = store.settings();
      const until = Math.min(clock.now(), session.startAt);
      const shift = shiftOn(db, cs, s.timezone, session.agentId, localDate(s.timezone, session.startAt));
      const warnings = shift && (session.startAt < shift.startAt || session.endAt > shift.endAt) ? ['outside-shift'] : [];
      return {
        session,
        notes: store.notes(id),
        actions: store.actions(id),
        scorecard: scorecard(db, session.agentId, until, s.repeatWindowHours),
        impact: session.targetMetric
          ? impact(db, session.agentId, { from: session.startAt, to: session.endAt }, session.targetMetric, cs.impactDays, clock.now(), s.repeatWindowHours)
          : null,
        warnings,
      };
    },
    'coaching.schedule': (input) => scheduleSessions({ db, zone: zone(), now: () => clock.now() }, input),
    'coaching.update': ({ id, ...patch }) => {
      must(store.get(id), `session ${id}`);
      store.update(id, patch);
      return store.get(id)!;
    },
    'coaching.addNote': ({ id, text }) => {
      must(store.get(id), `session ${id}`);
      return store.addNote(id, text);
    },
    'coaching.addAction': ({ id, text, due }) => {
      must(store.get(id), `session ${id}`);
      return store.addAction(id, text, due ? localDayStartOf(zone(), due) : null);
    },
    'coaching.setAction': ({ actionId, done }) => must(store.setAction(actionId, done), `action ${actionId}`),
    'coaching.suggest': ({ agentId, lead, minutes, days }) => {
      must(store.agent(agentId), `agent ${agentId}`);
      const s = deps.settings.get();
      const now = clock.now();
      return findSlots(db, {
        zone: s.timezone,
        now,
        agentId,
        minutes,
        days,
        targetSec: s.targetSec,
        goal: s.serviceLevelGoalPct / 100,
        coaching: store.settings(),
        bookings: store.bookings(agentId, lead, now, now + (days + 1) * 86_400_000),
      });
    },
    'coaching.ics': ({ from, to, ids }) => {
      const all = ids ? ids.map((id) => must(store.get(id), `session ${id}`)) : store.list(...rangeOf(zone(), from, to));
      const leads = store.settings().leads;
      const text = toIcs(all, {
        zone: zone(),
        now: clock.now(),
        leadEmail: (lead) => leads.find((l) => l.name.toLowerCase() === lead.toLowerCase())?.email ?? null,
        agentEmail: (agentId) => store.agent(agentId)?.email ?? null,
      });
      const filename = ids && all.length === 1 ? `coaching-${all[0]!.id}.ics` : `coaching-${from ?? 'all'}-${to ?? 'all'}.ics`;
      return { filename, text };
    },
    'coaching.evidenceOf': ({ anomalyId }) => anomalyEvidence(db, anomalyId),
    'coaching.settings': () => store.settings(),
    'coaching.updateSettings': (patch) => {
      store.updateSettings(patch);
      return store.settings();
    },
    'coaching.setAgentEmails': ({ emails }) => {
      store.setAgentEmails(emails);
      return store.agents();
    },
    'staffing.forecast': ({ days }) => {
      const s = deps.settings.get();
      return staffingForecast(db, { zone: s.timezone, now: clock.now(), days, targetSec: s.targetSec, goal: s.serviceLevelGoalPct / 100, coaching: store.settings() });
    },
  };
}
