import { beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/contract/errors';
import { localToUtc } from '../../../shared/domain/time';
import { openDb, type Db } from '../../db/open';
import { createEventHub } from '../api/event-hub';
import { manualClock } from '../ports';
import { createMemorySettingsStore } from '../settings/file-store';
import { coachingHandlers } from './handlers';
import { checkReminders } from './reminders';
import { createCoachingStore } from './store';

const ZONE = 'Europe/Tallinn';
// Monday 2026-03-02 07:00 local.
const NOW = localToUtc(ZONE, 2026, 3, 2, 7, 0);

function setup() {
  const db = openDb(':memory:');
  db.prepare("INSERT INTO agents (id, name, email) VALUES (1, 'Mari Tamm', 'mari@example.ee'), (2, 'Wang Wei', NULL)").run();
  db.prepare("INSERT INTO agent_aliases (alias, agent_id) VALUES ('SIP/1001', 1)").run();
  const clock = manualClock(NOW);
  const hub = createEventHub();
  const settings = createMemorySettingsStore({ timezone: ZONE });
  const h = coachingHandlers({ db, settings, clock, hub, reminders: false });
  return { db, clock, hub, h };
}

const call = async <T>(p: T | Promise<T>) => p;

describe('coaching handlers', () => {
  let t: ReturnType<typeof setup>;
  beforeEach(() => {
    t = setup();
  });

  const schedule = async (over: Record<string, unknown> = {}) =>
    call(t.h['coaching.schedule']({ agentId: 1, lead: 'Lea', start: '2026-03-03T10:00', minutes: 30, topic: 'RNA', evidence: [], ...over } as never, { access: 'write' }));

  it('schedules, lists and refuses a clash for the same agent or lead, naming it; touching is fine', async () => {
    const first = await schedule();
    expect(first.sessions).toHaveLength(1);
    await expect(schedule({ start: '2026-03-03T10:15', lead: 'Other' })).rejects.toThrow(/Mari Tamm already has a session at 2026-03-03 10:00–10:30 \("RNA" with Lea\)/);
    await expect(schedule({ agentId: 2, start: '2026-03-03T09:45' })).rejects.toThrow(/Lea is already coaching Mari Tamm at 2026-03-03 10:00–10:30/);
    try {
      await schedule({ start: '2026-03-03T10:29' });
    } catch (e) {
      expect(e).toBeInstanceOf(ApiError);
      expect((e as ApiError).code).toBe('conflict');
    }
    expect((await schedule({ start: '2026-03-03T10:30' })).sessions).toHaveLength(1);
    expect((await schedule({ start: '2026-03-03T09:30' })).sessions).toHaveLength(1);
    const list = await call(t.h['coaching.list']({ from: '2026-03-03', to: '2026-03-03' }, { access: 'read' }));
    expect(list.map((s) => s.topic)).toEqual(['RNA', 'RNA', 'RNA']);
  });

  it('a cancelled session frees its slot', async () => {
    const { sessions } = await schedule();
    await call(t.h['coaching.update']({ id: sessions[0]!.id, status: 'cancelled' }, { access: 'write' }));
    expect((await schedule()).sessions).toHaveLength(1);
  });

  it('refuses a whole recurring series when any occurrence clashes', async () => {
    await schedule({ start: '2026-03-17T10:00' });
    await expect(schedule({ recurrence: { every: 'weekly', count: 4 } })).rejects.toThrow(/2026-03-17 10:00/);
    expect(await call(t.h['coaching.list']({}, { access: 'read' }))).toHaveLength(1);
    const series = await schedule({ start: '2026-03-04T10:00', recurrence: { every: 'biweekly', until: '2026-04-15' } });
    expect(series.sessions).toHaveLength(4);
    expect(new Set(series.sessions.map((s) => s.seriesId)).size).toBe(1);
  });

  it('warns outside the agent shift (schedule in settings), not inside', async () => {
    await call(t.h['coaching.updateSettings']({ shifts: [{ agentId: 1, days: [1, 2, 3, 4, 5], from: '09:00', to: '17:00' }] }, { access: 'write' }));
    expect((await schedule()).warnings).toEqual([]);
    const late = await schedule({ start: '2026-03-03T16:45' });
    expect(late.warnings[0]).toMatch(/outside Mari Tamm's shift \(09:00–17:00, from the schedule\)/);
  });

  it('warns outside the shift learned from login/logoff history', async () => {
    const ins = t.db.prepare("INSERT INTO agent_events (agent_id, at, action, source) VALUES (1, ?, ?, 'test')");
    for (let d = 1; d <= 14; d++) {
      ins.run(localToUtc(ZONE, 2026, 2, 14 + d, 8, 0), 'login');
      ins.run(localToUtc(ZONE, 2026, 2, 14 + d, 16, 0), 'logoff');
    }
    expect((await schedule({ start: '2026-03-03T17:00' })).warnings[0]).toMatch(/08:00–16:00, from login history/);
    expect((await schedule({ start: '2026-03-03T09:00' })).warnings).toEqual([]);
  });

  it('attaches anomaly evidence and marks the flag coached', async () => {
    t.db
      .prepare(
        `INSERT INTO anomalies (id, kind, fingerprint, segment, agent_id, from_at, to_at, observed, expected, total, p_value, q_value, explanation, detected_at)
         VALUES (5, 'agent-avoidance', 'f', 'VIP', 1, 0, 1, 9, 2, 20, 0.001, 0.01, 'Mari misses VIP calls', 0)`,
      )
      .run();
    const ev = await call(t.h['coaching.evidenceOf']({ anomalyId: 5 }, { access: 'read' }));
    expect(ev.agentId).toBe(1);
    await schedule({ evidence: [ev.evidence] });
    expect(t.db.prepare('SELECT status FROM anomalies WHERE id = 5').get()).toEqual({ status: 'coached' });
  });

  it('exports the range as iCalendar with organizer and attendee when e-mail is known', async () => {
    await call(t.h['coaching.updateSettings']({ leads: [{ name: 'Lea', email: 'lea@example.ee' }] }, { access: 'write' }));
    await call(t.h['coaching.setAgentEmails']({ emails: [{ agentId: 2, email: 'wang@example.cn' }] }, { access: 'write' }));
    expect((await call(t.h['coaching.agents']({}, { access: 'read' }))).find((a) => a.id === 2)?.email).toBe('wang@example.cn');
    await schedule();
    const { text, filename } = await call(t.h['coaching.ics']({ from: '2026-03-01', to: '2026-03-31' }, { access: 'read' }));
    expect(filename).toBe('coaching-2026-03-01-2026-03-31.ics');
    expect(text).toContain('DTSTART;TZID=Europe/Tallinn:20260303T100000');
    expect(text).toContain('ORGANIZER;CN=Lea:mailto:lea@example.ee');
    expect(text.replace(/\r\n /g, '')).toContain('mailto:mari@example.ee');
  });

  it('keeps notes and follow-up actions with due dates', async () => {
    const { sessions } = await schedule();
    const id = sessions[0]!.id;
    await call(t.h['coaching.addNote']({ id, text: 'Talked about headset' }, { access: 'write' }));
    const action = await call(t.h['coaching.addAction']({ id, text: 'Check RNA next week', due: '2026-03-10' }, { access: 'write' }));
    await call(t.h['coaching.setAction']({ actionId: action.id, done: true }, { access: 'write' }));
    const detail = await call(t.h['coaching.get']({ id }, { access: 'read' }));
    expect(detail.notes.map((n) => n.text)).toEqual(['Talked about headset']);
    expect(detail.actions[0]).toMatchObject({ text: 'Check RNA next week', done: true, dueAt: localToUtc(ZONE, 2026, 3, 10) });
  });

  it('reminds once, N minutes before', async () => {
    await schedule({ start: '2026-03-02T07:10' });
    const seen: number[] = [];
    t.hub.on('coaching.reminder', (r) => seen.push(r.sessionId));
    const store = createCoachingStore(t.db, () => t.clock.now());
    expect(checkReminders(store, t.clock, t.hub)).toBe(1);
    expect(checkReminders(store, t.clock, t.hub)).toBe(0);
    expect(seen).toHaveLength(1);
  });
});

describe('"did it work?" and the slot finder', () => {
  let db: Db;
  beforeEach(() => {
    db = openDb(':memory:');
    db.prepare("INSERT INTO agents (id, name) VALUES (1, 'Mari'), (2, 'Jaan')").run();
  });

  it('compares the RNA rate before and after with a two-proportion z-test', async () => {
    const sessionAt = localToUtc(ZONE, 2026, 3, 2, 10);
    const c = db.prepare("INSERT INTO contacts (source, source_id, channel, queue, enter_at) VALUES ('t', ?, 'voice', 'q', ?)");
    const a = db.prepare('INSERT INTO attempts (contact_id, agent_id, at, result) VALUES (?, 1, ?, ?)');
    // Before: 30 of 100 attempts unanswered; after: 10 of 100. z = −3.54, p ≈ 0.0004.
    for (let i = 0; i < 200; i++) {
      const at = i < 100 ? sessionAt - (i + 1) * 3_600_000 : sessionAt + 3_600_000 + (i - 100) * 3_600_000;
      const id = Number(c.run(String(i), at).lastInsertRowid);
      a.run(id, at, (i < 100 ? i < 30 : i < 110) ? 'no-answer' : 'connected');
    }
    const clock = manualClock(sessionAt + 30 * 86_400_000);
    const h = coachingHandlers({ db, settings: createMemorySettingsStore({ timezone: ZONE }), clock, hub: createEventHub(), reminders: false });
    await h['coaching.updateSettings']({ impactDays: 14 }, { access: 'write' });
    const s = await h['coaching.schedule']({ agentId: 1, lead: 'L', start: '2026-03-02T10:00', minutes: 30, topic: 'RNA', targetMetric: 'rnaRate', evidence: [] }, { access: 'write' });
    const d = await h['coaching.get']({ id: s.sessions[0]!.id }, { access: 'read' });
    expect(d.impact).toMatchObject({ metric: 'rnaRate', before: { value: 0.3, n: 100 }, after: { value: 0.1, n: 100 }, significant: true, complete: true });
    expect(d.impact!.statistic).toBeCloseTo(-3.536, 2);
    expect(d.impact!.pValue).toBeCloseTo(0.00041, 4);
  });

  it('suggests the three cheapest free slots, avoiding the busy hours and the lead’s bookings', async () => {
    // Eight weeks of history: 10:00–12:00 busy (120/h), other hours quiet (10/h); AHT 180 s.
    const ins = db.prepare("INSERT INTO rollup_hour (hour_at, channel, queue, segment, agent_id, offered, answered, talk_ms) VALUES (?, 'voice', 'sales', '', ?, ?, ?, ?)");
    for (let d = 1; d <= 56; d++) {
      const date = new Date(Date.UTC(2026, 2, 2 - d));
      for (let hour = 8; hour < 18; hour++) {
        const at = localToUtc(ZONE, date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), hour);
        const n = hour >= 10 && hour < 12 ? 120 : 10;
        ins.run(at, 1, n, n, n * 180_000);
      }
    }
    const clock = manualClock(localToUtc(ZONE, 2026, 3, 2, 7));
    const settings = createMemorySettingsStore({ timezone: ZONE });
    const h = coachingHandlers({ db, settings, clock, hub: createEventHub(), reminders: false });
    await h['coaching.updateSettings']({ shifts: [{ agentId: null, days: [1, 2, 3, 4, 5], from: '08:00', to: '18:00' }] }, { access: 'write' });
    await h['coaching.schedule']({ agentId: 2, lead: 'Lea', start: '2026-03-02T08:00', minutes: 60, topic: 'x', evidence: [] }, { access: 'write' });
    const slots = await h['coaching.suggest']({ agentId: 1, lead: 'Lea', minutes: 30, days: 1 }, { access: 'read' });
    expect(slots).toHaveLength(3);
    for (const s of slots) {
      const hour = Number(s.start.slice(11, 13));
      expect(hour < 10 || hour >= 12).toBe(true);
      expect(s.startAt >= localToUtc(ZONE, 2026, 3, 2, 9)).toBe(true);
      expect(s.slWith).toBeGreaterThanOrEqual(s.slWithout);
    }
    expect(slots[0]!.queue).toBe('sales');
  });
});
