import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSettings, type Settings } from '../../../shared/contract/settings';
import { openDb } from '../../db/open';
import type { IngestEvent } from '../ingest/events';
import { createIngestStore } from '../ingest/store';
import { detectAlerts, initialAlertState } from './alerts';
import { createSnapshotter } from './snapshot';

const ZONE = 'Europe/Tallinn';
const settings: Settings = { ...defaultSettings(), timezone: ZONE };
const params = () => ({ timezone: ZONE, targetSec: settings.targetSec, shortAbandonSec: settings.shortAbandonSec });
const S = 'live-test';

function setup() {
  const db = openDb(':memory:');
  const store = createIngestStore(db, params);
  return { db, store, snapshot: createSnapshotter(db) };
}

describe('live snapshot', () => {
  it('sorts waiting contacts by urgency: waited/target × segment weight × repeat boost', () => {
    const { store, snapshot } = setup();
    const now = Date.UTC(2026, 5, 10, 9, 0);
    store.upsertCustomers([{ caller: '+3725000001', segment: 'VIP', name: 'Mari Tamm' }], now);
    const ev: IngestEvent[] = [
      // Voice, 10 s of a 20 s target → 0.5; VIP → 0.75.
      { kind: 'enqueued', source: S, id: 'vip', at: now - 10_000, channel: 'voice', queue: 'Support', caller: '+3725000001' },
      // Voice, 14 s → 0.7.
      { kind: 'enqueued', source: S, id: 'plain', at: now - 14_000, channel: 'voice', queue: 'Support', caller: '+3725000002' },
      // Chat, 30 s of 60 s → 0.5, but a repeat (same caller 1 h ago) → 0.625.
      { kind: 'enqueued', source: S, id: 'earlier', at: now - 3_600_000, channel: 'chat', queue: 'Web chat', caller: 'chat:ann' },
      { kind: 'ended', source: S, id: 'earlier', at: now - 3_500_000, outcome: 'abandoned' },
      { kind: 'enqueued', source: S, id: 'repeat', at: now - 30_000, channel: 'chat', queue: 'Web chat', caller: 'chat:ann' },
      // Email 2 h of 4 h → 0.5, no boost.
      { kind: 'enqueued', source: S, id: 'mail', at: now - 7_200_000, channel: 'email', queue: 'Inbox', caller: 'x@example.ee' },
    ];
    store.apply(ev);
    const snap = snapshot(now, settings, now);
    expect(snap.waiting.map((w) => [w.caller, Number(w.urgency.toFixed(3))])).toEqual([
      ['+3725000001', 0.75],
      ['+3725000002', 0.7],
      ['chat:ann', 0.625],
      ['x@example.ee', 0.5],
    ]);
    const vip = snap.waiting[0]!;
    expect(vip).toMatchObject({ segment: 'VIP', customerName: 'Mari Tamm', repeat: false, factor: 1.5 });
    expect(snap.waiting[2]).toMatchObject({ repeat: true, factor: 1.25 });
    const voice = snap.channels.find((c) => c.channel === 'voice')!;
    expect(voice.waiting).toBe(2);
    expect(voice.longestWaitMs).toBe(14_000);
    expect(snap.waitingTotal).toBe(4);
  });

  it("counts today in the site's time zone on a 25-hour DST day", () => {
    const { store, snapshot } = setup();
    // 2024-10-27 is 25 hours long in Tallinn: local midnight is 21:00 UTC on the 26th.
    const now = Date.UTC(2024, 9, 27, 10, 0); // 12:00 local (UTC+2 after the change)
    const calls: [string, number, boolean][] = [
      ['yesterday-late', Date.UTC(2024, 9, 26, 20, 59), true], // 23:59 local on the 26th
      ['just-after-midnight', Date.UTC(2024, 9, 26, 21, 1), true], // 00:01 local on the 27th
      ['first-0330', Date.UTC(2024, 9, 27, 0, 30), false], // 03:30 summer time
      ['second-0330', Date.UTC(2024, 9, 27, 1, 30), true], // 03:30 again, winter time
    ];
    for (const [id, at, answered] of calls) {
      store.apply([
        { kind: 'enqueued', source: S, id, at, channel: 'voice', queue: 'Support', caller: id },
        answered ? { kind: 'answered', source: S, id, at: at + 5000, agent: 'SIP/1' } : { kind: 'ended', source: S, id, at: at + 60_000, outcome: 'abandoned' },
      ]);
    }
    const voice = snapshot(now, settings, now).channels.find((c) => c.channel === 'voice')!;
    expect(voice).toMatchObject({ offeredToday: 3, answeredToday: 2, abandonedToday: 1 });
    // Service level: 2 answered within 20 s / (2 answered + 1 abandoned after 5 s).
    expect(voice.serviceLevel).toBeCloseTo(2 / 3);
    expect(snapshot(now, settings, now).today).toBe('2024-10-27');
  });

  it('counts agents per channel and ends wrap-up when its time is over', () => {
    const { store, snapshot } = setup();
    const now = Date.UTC(2026, 5, 10, 9, 0);
    store.apply([
      { kind: 'agent', source: S, at: now - 3_600_000, agent: 'SIP/1', name: 'Kadri', action: 'login', queue: 'Support' },
      { kind: 'agent', source: S, at: now - 3_600_000, agent: 'SIP/2', name: 'Reza', action: 'login', queue: 'Support' },
      { kind: 'agent', source: S, at: now - 600_000, agent: 'SIP/2', action: 'pause', reason: 'Lunch' },
      { kind: 'enqueued', source: S, id: 'c1', at: now - 300_000, channel: 'voice', queue: 'Support', caller: 'a' },
      { kind: 'answered', source: S, id: 'c1', at: now - 290_000, agent: 'SIP/1' },
      { kind: 'ended', source: S, id: 'c1', at: now - 60_000, outcome: 'answered', talkMs: 230_000, wrapMs: 30_000 },
    ]);
    const snap = snapshot(now, settings, now);
    expect(snap.agents.map((a) => [a.name, a.state, a.reason, a.handledToday])).toEqual([
      ['Kadri', 'available', null, 1],
      ['Reza', 'paused', 'Lunch', 0],
    ]);
    expect(snap.channels.find((c) => c.channel === 'voice')!.agents).toEqual({ available: 1, busy: 0, paused: 1, wrapup: 0 });
    const during = snapshot(now - 45_000, settings, now);
    expect(during.agents.find((a) => a.name === 'Kadri')!.state).toBe('wrapup');
  });

  it('leaves agents from old imported history off the floor', () => {
    const { store, snapshot } = setup();
    const now = Date.UTC(2026, 5, 10, 9, 0);
    store.apply([
      { kind: 'agent', source: S, at: Date.UTC(2018, 11, 3, 9), agent: 'Agent/1141', action: 'login', queue: 'IT' },
      { kind: 'agent', source: S, at: now - 20 * 3_600_000, agent: 'SIP/7', name: 'Night owl', action: 'login', queue: 'IT' },
    ]);
    expect(snapshot(now, settings, now).agents.map((a) => a.name)).toEqual(['Night owl']);
  });

  it('survives a restart: today and the waiting contacts come back from the store', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fw-live-')), 'db.sqlite');
    const now = Date.UTC(2026, 5, 10, 9, 0);
    const first = openDb(file);
    const store = createIngestStore(first, params);
    store.apply([
      { kind: 'enqueued', source: S, id: 'done', at: now - 600_000, channel: 'sms', queue: 'SMS', caller: 'a' },
      { kind: 'answered', source: S, id: 'done', at: now - 500_000, agent: 'SIP/1' },
      { kind: 'enqueued', source: S, id: 'waits', at: now - 100_000, channel: 'sms', queue: 'SMS', caller: 'b' },
    ]);
    const before = createSnapshotter(first)(now, settings, null);
    first.close();
    const again = openDb(file);
    const after = createSnapshotter(again)(now, settings, null);
    expect(after.channels).toEqual(before.channels);
    expect(after.waiting.map((w) => w.caller)).toEqual(['b']);
    expect(after.channels.find((c) => c.channel === 'sms')).toMatchObject({ offeredToday: 2, answeredToday: 1, waiting: 1 });
    again.close();
  });

  it('keeps a minute-by-minute depth history of the last hour', () => {
    const { store, snapshot } = setup();
    const now = Date.UTC(2026, 5, 10, 9, 0, 30);
    store.apply([
      { kind: 'enqueued', source: S, id: 'a', at: now - 30 * 60_000, channel: 'email', queue: 'Inbox', caller: 'a' },
      { kind: 'enqueued', source: S, id: 'b', at: now - 10 * 60_000, channel: 'email', queue: 'Inbox', caller: 'b' },
      { kind: 'answered', source: S, id: 'b', at: now - 5 * 60_000, agent: 'SIP/1' },
    ]);
    const depth = snapshot(now, settings, now).channels.find((c) => c.channel === 'email')!.depth60;
    expect(depth).toHaveLength(60);
    expect(depth[0]).toBe(0); // an hour ago nobody waited
    expect(depth[59 - 7]).toBe(2); // seven minutes ago both waited
    expect(depth[59]).toBe(1); // now only "a" waits
  });
});

describe('live alerts', () => {
  it('alerts once when a contact passes its target and once per deep queue, with hysteresis', () => {
    const { store, snapshot } = setup();
    const s = { ...settings, thresholds: { ...settings.thresholds, amberDepth: 2, redDepth: 3 } };
    const now = Date.UTC(2026, 5, 10, 9, 0);
    store.apply(
      [0, 1, 2].map((i) => ({ kind: 'enqueued' as const, source: S, id: `q${i}`, at: now - 5000 * i, channel: 'voice' as const, queue: 'Support', caller: `c${i}` })),
    );
    const state = initialAlertState();
    const first = detectAlerts(state, snapshot(now, s, now), s);
    expect(first.map((a) => a.kind)).toEqual(['queue-depth']);
    const later = detectAlerts(state, snapshot(now + 12_000, s, now), s);
    // q2 entered 10 s before `now`: at now + 12 s it has waited 22 s > 20 s target.
    expect(later.map((a) => [a.kind, a.contactId !== null])).toEqual([['target-missed', true]]);
    expect(detectAlerts(state, snapshot(now + 13_000, s, now), s)).toEqual([]);
  });
});
