import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../../shared/contract';
import { agent, contact, figures, snapshot } from '../../test/fixtures';
import {
  agentCounts,
  depthLevel,
  longestWaitAt,
  selectWaitingRows,
  serverNow,
  serviceLevelLevel,
  sortAgents,
  staleState,
  tileLevel,
  todayTotals,
  urgencyAt,
  waitingFilterOptions,
  waitLevel,
} from './selectors';

const thresholds = defaultSettings().thresholds; // amber 75 % / red 100 % of target, depth 5 / 10

describe('serverNow', () => {
  it('advances the snapshot time by the time since it arrived, never backwards', () => {
    const snap = snapshot({ at: 50_000 });
    expect(serverNow(snap, 1_000, 4_000)).toBe(53_000);
    expect(serverNow(snap, 1_000, 500)).toBe(50_000);
  });
});

describe('urgency', () => {
  it('is waited / target × factor at the given instant', () => {
    const c = contact({ enteredAt: 0, targetSec: 20, factor: 1.5 });
    expect(urgencyAt(c, 10_000)).toBeCloseTo(0.75);
    expect(urgencyAt(c, 40_000)).toBeCloseTo(3);
    expect(urgencyAt(c, -5_000)).toBe(0);
  });

  it('sorts the waiting list by urgency, non-increasing, advanced to now', () => {
    // At t=0 the email contact (target 4 h) waited longest but is least urgent.
    const now = 60_000;
    const waiting = [
      contact({ id: 1, channel: 'email', targetSec: 14_400, enteredAt: -3_600_000 }),
      contact({ id: 2, channel: 'voice', targetSec: 20, enteredAt: 50_000 }),
      contact({ id: 3, channel: 'chat', targetSec: 60, enteredAt: 0, factor: 1.5, segment: 'VIP' }),
      contact({ id: 4, channel: 'voice', targetSec: 20, enteredAt: 30_000, repeat: true, factor: 1.25 }),
    ];
    const rows = selectWaitingRows(waiting, now);
    expect(rows.map((r) => r.contact.id)).toEqual([4, 3, 2, 1]);
    for (let i = 1; i < rows.length; i += 1) expect(rows[i - 1]!.urgency).toBeGreaterThanOrEqual(rows[i]!.urgency);
    expect(rows[0]!.urgency).toBeCloseTo((30 / 20) * 1.25);
    expect(rows[0]!.leftMs).toBe(-10_000);
    expect(rows[2]!.leftMs).toBe(10_000);
  });

  it('re-orders as time passes: a slow channel overtakes once its ratio grows faster', () => {
    const fast = contact({ id: 10, targetSec: 20, enteredAt: 0 }); // urgency t/20
    const vip = contact({ id: 11, targetSec: 60, enteredAt: -40_000, factor: 3 }); // (t+40)/20
    expect(selectWaitingRows([fast, vip], 0).map((r) => r.contact.id)).toEqual([11, 10]);
    const late = contact({ id: 12, targetSec: 10, enteredAt: 0 }); // t/10
    expect(selectWaitingRows([vip, late], 10_000).map((r) => r.contact.id)).toEqual([11, 12]);
    expect(selectWaitingRows([vip, late], 60_000).map((r) => r.contact.id)).toEqual([12, 11]);
  });

  it('breaks urgency ties by the longest wait', () => {
    const a = contact({ id: 20, targetSec: 20, enteredAt: 0, factor: 2 });
    const b = contact({ id: 21, targetSec: 40, enteredAt: -20_000, factor: 2 }); // same urgency at t=20 s
    const rows = selectWaitingRows([a, b], 20_000);
    expect(rows[0]!.urgency).toBeCloseTo(rows[1]!.urgency);
    expect(rows.map((r) => r.contact.id)).toEqual([21, 20]);
  });

  it('filters by channel, queue and segment (empty string = no segment)', () => {
    const waiting = [
      contact({ id: 30, channel: 'voice', queue: 'sales', segment: 'VIP' }),
      contact({ id: 31, channel: 'voice', queue: 'support', segment: null }),
      contact({ id: 32, channel: 'chat', queue: 'support', segment: 'VIP' }),
    ];
    const ids = (f: Parameters<typeof selectWaitingRows>[2]) => selectWaitingRows(waiting, 1000, f).map((r) => r.contact.id).sort();
    expect(ids({ channel: 'voice', queue: null, segment: null })).toEqual([30, 31]);
    expect(ids({ channel: null, queue: 'support', segment: null })).toEqual([31, 32]);
    expect(ids({ channel: null, queue: null, segment: 'VIP' })).toEqual([30, 32]);
    expect(ids({ channel: null, queue: null, segment: '' })).toEqual([31]);
  });

  it('offers the queues and segments present', () => {
    const snap = snapshot({
      queues: [{ ...figures(), channel: 'email', queue: 'billing' }],
      waiting: [contact({ channel: 'voice', queue: 'sales', segment: 'VIP' }), contact({ channel: 'chat', queue: 'web', segment: null })],
    });
    const all = waitingFilterOptions(snap, null);
    expect(all.queues.map((q) => q.queue)).toEqual(['billing', 'sales', 'web']);
    expect(all.segments).toEqual(['VIP']);
    expect(all.hasUnsegmented).toBe(true);
    expect(waitingFilterOptions(snap, 'voice')).toEqual({ queues: [{ channel: 'voice', queue: 'sales' }], segments: ['VIP'], hasUnsegmented: false });
  });
});

describe('tile thresholds', () => {
  it('advances the longest wait only while someone waits', () => {
    expect(longestWaitAt(figures({ waiting: 2, longestWaitMs: 5_000 }), 3_000)).toBe(8_000);
    expect(longestWaitAt(figures({ waiting: 0, longestWaitMs: 5_000 }), 3_000)).toBe(0);
  });

  it('turns amber at 75 % of the target and red at 100 %, as the wait ticks', () => {
    const tile = figures({ waiting: 1, longestWaitMs: 10_000, targetSec: 20 });
    expect(tileLevel(tile, 0, thresholds)).toBe('ok');
    expect(waitLevel(tile, 4_999, thresholds)).toBe('ok');
    expect(tileLevel(tile, 5_000, thresholds)).toBe('warning');
    expect(tileLevel(tile, 10_000, thresholds)).toBe('breach');
  });

  it('turns amber and red on queue depth alone', () => {
    expect(tileLevel(figures({ waiting: 4 }), 0, thresholds)).toBe('ok');
    expect(tileLevel(figures({ waiting: 5 }), 0, thresholds)).toBe('warning');
    expect(tileLevel(figures({ waiting: 10 }), 0, thresholds)).toBe('breach');
    expect(depthLevel(9, thresholds)).toBe('warning');
  });

  it('follows changed thresholds', () => {
    const strict = { ...thresholds, amberTargetShare: 0.25, redTargetShare: 0.5 };
    expect(tileLevel(figures({ waiting: 1, longestWaitMs: 6_000 }), 0, strict)).toBe('warning');
    expect(tileLevel(figures({ waiting: 1, longestWaitMs: 10_000 }), 0, strict)).toBe('breach');
  });

  it('judges service level against the goal', () => {
    expect(serviceLevelLevel(null, 80)).toBeNull();
    expect(serviceLevelLevel(0.8, 80)).toBe('ok');
    expect(serviceLevelLevel(0.75, 80)).toBe('warning');
    expect(serviceLevelLevel(0.6, 80)).toBe('breach');
  });
});

describe('staleState', () => {
  const snap = snapshot({ at: 100_000, lastEventAt: 95_000 });

  it('is fresh right after data arrived', () => {
    const state = staleState({ snapshot: snap, receivedAt: 10_000, lastMessageAt: 10_000, connected: true }, 11_000, 30);
    expect(state.stale).toBe(false);
  });

  it('goes stale when the source is quiet even if snapshots keep coming', () => {
    const quiet = snapshot({ at: 140_000, lastEventAt: 95_000 });
    const state = staleState({ snapshot: quiet, receivedAt: 50_000, lastMessageAt: 50_000, connected: true }, 50_500, 30);
    expect(state).toEqual({ stale: true, since: 95_000, reason: 'quiet' });
  });

  it('goes stale when no message arrives, and says since when (server clock)', () => {
    const input = { snapshot: snap, receivedAt: 10_000, lastMessageAt: 10_000, connected: false };
    // The last event happened 5 s before the snapshot was taken: that older instant counts.
    expect(staleState(input, 34_999, 30).stale).toBe(false);
    const state = staleState(input, 35_000, 30);
    expect(state.stale).toBe(true);
    expect(state.reason).toBe('offline');
    expect(state.since).toBe(95_000);
  });

  it('recovers as soon as new data flows', () => {
    const fresh = snapshot({ at: 200_000, lastEventAt: 199_500 });
    expect(staleState({ snapshot: fresh, receivedAt: 60_000, lastMessageAt: 60_000, connected: true }, 60_100, 5).stale).toBe(false);
  });

  it('is not stale before anything was received', () => {
    expect(staleState({ snapshot: null, receivedAt: null, lastMessageAt: null, connected: false }, 1e9, 5)).toEqual({ stale: false, since: null, reason: 'offline' });
  });

  it('ignores lastEventAt when no live source has produced anything yet', () => {
    const none = snapshot({ at: 100_000, lastEventAt: null });
    expect(staleState({ snapshot: none, receivedAt: 10_000, lastMessageAt: 20_000, connected: true }, 21_000, 5).stale).toBe(false);
  });
});

describe('agents and totals', () => {
  it('orders agents by state, then longest in state', () => {
    const agents = [
      agent({ name: 'Paula', state: 'paused', since: 5 }),
      agent({ name: 'Bert', state: 'busy', since: 10 }),
      agent({ name: 'Ada', state: 'available', since: 30 }),
      agent({ name: 'Ben', state: 'busy', since: 2 }),
    ];
    expect(sortAgents(agents).map((a) => a.name)).toEqual(['Ada', 'Ben', 'Bert', 'Paula']);
    expect(agentCounts(agents)).toMatchObject({ available: 1, busy: 2, paused: 1, wrapup: 0 });
  });

  it('sums today over channels', () => {
    const snap = snapshot({
      channels: [
        { ...figures({ waiting: 2, offeredToday: 10, answeredToday: 7, abandonedToday: 1 }), channel: 'voice' },
        { ...figures({ waiting: 1, offeredToday: 5, answeredToday: 5 }), channel: 'chat' },
      ],
    });
    expect(todayTotals(snap)).toEqual({ waiting: 3, offered: 15, answered: 12, abandoned: 1 });
  });
});
