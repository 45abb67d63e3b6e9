import type { IngestEvent } from '../ingest/events';
import { manualClock } from '../ports';
import { createSimulator } from './index';
import type { Injection, Simulator } from './types';

/**
 * Helpers for tests that need simulated traffic (this folder's tests, ingest and live-screen
 * tests). Nothing here sleeps: time is a manual clock.
 */
export interface Run {
  sim: Simulator;
  events: IngestEvent[];
  /** Number of emit calls. */
  batches: number;
  clock: ReturnType<typeof manualClock>;
}

export function simulate(options: {
  from: number;
  to: number;
  seed?: number;
  timezone?: string;
  inject?: Injection[];
  intensity?: number;
}): Run {
  const clock = manualClock(options.to);
  const events: IngestEvent[] = [];
  let batches = 0;
  const sim = createSimulator({
    seed: options.seed ?? 7,
    clock,
    timezone: options.timezone ?? 'Europe/Tallinn',
    inject: options.inject,
    intensity: options.intensity,
    emit: (batch) => {
      batches++;
      for (const e of batch) events.push(e);
    },
  });
  sim.backfill(options.from, options.to);
  return {
    sim,
    events,
    get batches() {
      return batches;
    },
    clock,
  };
}

type ContactState = { phase: 'queued' } | { phase: 'ringing'; agent: string } | { phase: 'talking' } | { phase: 'done' };

/**
 * Checks the per-contact event grammar: enqueued → (ring → ring-end)* → ring → answered →
 * [transferred] → ended(answered), or → ended(unanswered outcome) from the queue. Returns the
 * problems found (empty when valid).
 */
export function contactOrderProblems(events: readonly IngestEvent[]): string[] {
  const state = new Map<string, ContactState>();
  const lastAt = new Map<string, number>();
  const problems: string[] = [];
  const fail = (e: IngestEvent, why: string) => {
    if (problems.length < 20) problems.push(`${'id' in e ? e.id : e.agent} ${e.kind}: ${why}`);
  };
  for (const e of events) {
    if (e.kind === 'agent') continue;
    const s = state.get(e.id);
    if ((lastAt.get(e.id) ?? -Infinity) > e.at) fail(e, 'goes back in time');
    lastAt.set(e.id, e.at);
    switch (e.kind) {
      case 'enqueued':
        if (s) fail(e, 'enqueued twice');
        state.set(e.id, { phase: 'queued' });
        break;
      case 'ring':
        if (s?.phase !== 'queued') fail(e, `ring while ${s?.phase ?? 'unknown'}`);
        state.set(e.id, { phase: 'ringing', agent: e.agent });
        break;
      case 'ring-end':
        if (s?.phase !== 'ringing' || s.agent !== e.agent) fail(e, 'ring-end without matching ring');
        state.set(e.id, { phase: 'queued' });
        break;
      case 'answered':
        if (s?.phase !== 'ringing' || s.agent !== e.agent) fail(e, 'answered without matching ring');
        state.set(e.id, { phase: 'talking' });
        break;
      case 'transferred':
        if (s?.phase !== 'talking') fail(e, 'transferred while not talking');
        break;
      case 'ended':
        if (e.outcome === 'answered' ? s?.phase !== 'talking' : s?.phase !== 'queued') {
          fail(e, `ended(${e.outcome}) while ${s?.phase ?? 'unknown'}`);
        }
        state.set(e.id, { phase: 'done' });
        break;
    }
  }
  return problems;
}

/** Contacts entered and not yet answered or ended after the given events. */
export function waitingIds(events: readonly IngestEvent[]): Set<string> {
  const open = new Set<string>();
  for (const e of events) {
    if (e.kind === 'enqueued') open.add(e.id);
    else if (e.kind === 'answered' || e.kind === 'ended') open.delete(e.id);
  }
  return open;
}
