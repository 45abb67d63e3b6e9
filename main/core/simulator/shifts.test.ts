import { describe, expect, it } from 'vitest';
import type { IngestEvent } from '../ingest/events';
import { ROSTER, SHIFTS } from './agents';
import { simulate } from './testing';

const DAY = 86_400_000;

function localClock(zone: string) {
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    hourCycle: 'h23',
    weekday: 'short',
    hour: 'numeric',
    minute: 'numeric',
  });
  const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  return (t: number) => {
    const parts = Object.fromEntries(format.formatToParts(t).map((p) => [p.type, p.value]));
    return { weekday: weekdays.indexOf(parts.weekday ?? ''), minute: Number(parts.hour) * 60 + Number(parts.minute) };
  };
}

/** Local minus UTC in minutes, from the runtime's own zone data. */
function offsetMinutes(zone: string, t: number): number {
  const text = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).format(t);
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(text);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

type AgentAction = Extract<IngestEvent, { kind: 'agent' }>;
const agentEvents = (events: IngestEvent[]) => events.filter((e): e is AgentAction => e.kind === 'agent');

function checkShifts(zone: string, from: number, days: number) {
  const { events } = simulate({ from, to: from + days * DAY, timezone: zone });
  const local = localClock(zone);
  const logins = agentEvents(events).filter((e) => e.action === 'login');
  expect(logins.length).toBeGreaterThan(days * 12);
  for (const e of logins) {
    const spec = ROSTER.find((a) => a.key === e.agent);
    if (!spec) throw new Error(`unknown agent ${e.agent}`);
    const { weekday, minute } = local(e.at);
    const start = SHIFTS[spec.shift].start;
    // Rota start ±5/+6 minutes of jitter, on one of the agent's working days.
    expect(minute, `${e.agent} login at ${new Date(e.at).toISOString()}`).toBeGreaterThanOrEqual(start - 5);
    expect(minute, `${e.agent} login at ${new Date(e.at).toISOString()}`).toBeLessThanOrEqual(start + 6);
    expect(spec.days).toContain(weekday);
  }
  // Logoff after the shift (late when finishing a contact), never before it ends.
  const loginAt = new Map<string, number>();
  for (const e of agentEvents(events)) {
    if (e.action === 'login') loginAt.set(e.agent, e.at);
    if (e.action === 'logoff') {
      const spec = ROSTER.find((a) => a.key === e.agent);
      const since = loginAt.get(e.agent);
      if (!spec || since === undefined) throw new Error(`logoff without login for ${e.agent}`);
      // Wall-clock length: a night shift over the spring change is an hour shorter in real time.
      const lengthMin = (e.at - since) / 60_000 + offsetMinutes(zone, e.at) - offsetMinutes(zone, since);
      expect(lengthMin).toBeGreaterThan(SHIFTS[spec.shift].length - 15);
      expect(lengthMin).toBeLessThan(SHIFTS[spec.shift].length + 100);
    }
  }
  return { events, logins };
}

describe('simulator: shifts in local time', () => {
  it('keeps logins at the same local time across the spring DST change (Europe/Tallinn)', () => {
    // Monday 2025-03-24 to Thursday 2025-04-03; clocks go forward on Sunday 2025-03-30.
    const from = Date.parse('2025-03-24T00:00:00+02:00');
    const { logins } = checkShifts('Europe/Tallinn', from, 10);
    const utcMinute = (e: AgentAction) => new Date(e.at).getUTCHours() * 60 + new Date(e.at).getUTCMinutes();
    const sathish = logins.filter((e) => e.agent === 'sathish');
    const before = sathish.filter((e) => e.at < Date.parse('2025-03-30T00:00:00Z'));
    const after = sathish.filter((e) => e.at > Date.parse('2025-03-31T00:00:00Z'));
    expect(before.length).toBeGreaterThanOrEqual(3);
    expect(after.length).toBeGreaterThanOrEqual(3);
    // 07:00 local is 05:00 UTC in winter time (UTC+2) and 04:00 UTC in summer time (UTC+3).
    for (const e of before) expect(utcMinute(e)).toBeGreaterThanOrEqual(4 * 60 + 55);
    for (const e of after) expect(utcMinute(e)).toBeLessThanOrEqual(4 * 60 + 6);
  });

  it('keeps logins at the same local time across the autumn DST change (Europe/Tallinn)', () => {
    // Thursday 2025-10-23 to Wednesday 2025-10-29; clocks go back on Sunday 2025-10-26.
    checkShifts('Europe/Tallinn', Date.parse('2025-10-23T00:00:00+03:00'), 7);
  });

  it('follows a half-hour zone (Asia/Kolkata)', () => {
    checkShifts('Asia/Kolkata', Date.parse('2025-06-02T00:00:00+05:30'), 3);
  });

  it('pauses only logged-in agents, with reasons, and resumes them', () => {
    const { events } = simulate({ from: Date.parse('2025-03-04T00:00:00+02:00'), to: Date.parse('2025-03-06T00:00:00+02:00') });
    const state = new Map<string, 'in' | 'paused' | 'out'>();
    let pauses = 0;
    for (const e of agentEvents(events)) {
      const s = state.get(e.agent) ?? 'out';
      if (e.action === 'login') {
        expect(s).toBe('out');
        state.set(e.agent, 'in');
      } else if (e.action === 'pause') {
        expect(s).toBe('in');
        expect(['Lunch', 'Break', 'Training']).toContain(e.reason);
        pauses++;
        state.set(e.agent, 'paused');
      } else if (e.action === 'unpause') {
        expect(s).toBe('paused');
        state.set(e.agent, 'in');
      } else if (e.action === 'logoff') {
        expect(s).not.toBe('out');
        state.set(e.agent, 'out');
      }
    }
    expect(pauses).toBeGreaterThan(40);
    // No contact is offered to an agent who is paused or logged off.
    for (const e of events) {
      if (e.kind === 'agent') state.set(e.agent, e.action === 'login' || e.action === 'unpause' ? 'in' : e.action === 'pause' ? 'paused' : 'out');
      if (e.kind === 'ring') expect(state.get(e.agent), `${e.agent} rung at ${new Date(e.at).toISOString()}`).toBe('in');
    }
  });
});
