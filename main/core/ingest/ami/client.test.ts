import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../ports';
import type { IngestEvent } from '../events';
import { createAmiSource, type AmiSource, type AmiSourceOptions, type AmiStatus } from './client';
import type { AmiMessage } from './message';
import { ami, manualTimers, recorder, REPLAY_DONE, startAmiTestServer, type ScriptedSession } from './testing';

/** Connection behaviour against a scripted AMI server on 127.0.0.1; timers only move by hand. */

const T0 = Date.UTC(2024, 2, 5, 9, 0, 0);
const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function start(sessions: ScriptedSession[], extra: Partial<AmiSourceOptions> = {}, port?: number) {
  const server = port === undefined ? await startAmiTestServer((i) => sessions[Math.min(i, sessions.length - 1)]!) : null;
  if (server) cleanup.push(() => server.close());
  const clock = manualClock(T0);
  const timers = manualTimers(clock);
  const events = recorder<IngestEvent>();
  const statuses = recorder<AmiStatus>();
  const messages = recorder<AmiMessage>();
  const source: AmiSource = createAmiSource({
    host: '127.0.0.1',
    port: port ?? server!.port,
    username: 'floorwatch',
    secret: 's3cret',
    clock,
    source: 'ami:test',
    emit: (es) => events.push(...es),
    onStatus: (s) => statuses.push(s),
    onMessage: (m) => messages.push(m),
    timers,
    random: () => 0.5, // no jitter: delays are exact
    ...extra,
  });
  cleanup.push(() => source.stop());
  const states = () => statuses.items.map((s) => s.state);
  const count = (state: AmiStatus['state']) => (items: readonly AmiStatus[]) => items.filter((s) => s.state === state).length;
  const reach = (state: AmiStatus['state'], n = 1) => statuses.until((items) => count(state)(items) >= n);
  const replayed = (n: number) => messages.until((ms) => ms.filter((m) => m.event === REPLAY_DONE).length >= n);
  return { server: server!, clock, timers, events, statuses, messages, source, states, reach, replayed };
}

describe('AMI live source: login', () => {
  it('a refused login reports why and retries only after the long backoff', async () => {
    const r = await start([{ refuseLogin: 'Authentication failed' }, {}]);
    await r.reach('refused');
    expect(r.statuses.items.at(-1)).toEqual({ state: 'refused', since: T0, retryInS: 300, note: { code: 'login-refused', seconds: 300, detail: 'Authentication failed' } });
    expect(r.states()).toEqual(['connecting', 'refused']);

    r.timers.advance(299_000);
    expect(r.source.status().state).toBe('refused');
    r.timers.advance(1000);
    await r.reach('connected');
    expect(r.server.received).toHaveLength(2);
    expect(r.source.status()).toMatchObject({ state: 'connected', since: T0 + 300_000 });
  });

  it('refuses credentials with line breaks before connecting', () => {
    const clock = manualClock(T0);
    expect(() =>
      createAmiSource({ host: 'h', port: 1, username: 'u', secret: 'x\r\nAction: Originate', clock, source: 's', emit: () => undefined }),
    ).toThrow(/line break/);
  });
});

describe('AMI live source: reconnects', () => {
  it('reconnects after the server drops the connection, and the caller still waiting is not counted twice', async () => {
    const join = ami('Event: QueueCallerJoin\nPrivilege: agent,all\nUniqueid: 30.1\nQueue: Q1\nCallerIDNum: 5550030\n');
    const stillWaiting = ami(`Response: Success\nEventList: start\nMessage: Queue status will follow\n
      Event: QueueEntry\nQueue: Q1\nPosition: 1\nChannel: SIP/trunk-0000001e\nUniqueid: 30.1\nCallerIDNum: 5550030\nCallerIDName: unknown\nWait: 1\n
      Event: QueueStatusComplete\nEventList: Complete\nListItems: 1\n`);
    const r = await start([{ events: join, dropAfter: true }, { queueStatus: stillWaiting, dropAfter: true }]);
    await r.reach('retrying');
    expect(r.statuses.items.at(-1)).toMatchObject({ state: 'retrying', retryInS: 1, note: { code: 'retrying', seconds: 1, cause: 'closed', detail: null } });

    r.timers.advance(999);
    expect(r.source.status().state).toBe('retrying');
    r.timers.advance(1);
    expect(r.source.status().state).toBe('connecting');
    await r.replayed(2);
    await r.reach('retrying', 2);
    // The backoff starts again from 1 s: the second connection had logged in.
    expect(r.statuses.items.at(-1)).toMatchObject({ state: 'retrying', retryInS: 1 });
    expect(r.states()).toEqual(['connecting', 'connected', 'retrying', 'connecting', 'connected', 'retrying']);
    expect(r.events.items.map((e) => e.kind)).toEqual(['enqueued']);
    expect(r.source.translator.calls()).toMatchObject([{ id: '30.1', phase: 'waiting' }]);
  });

  it('backs off 1 s doubling to 60 s while nothing listens', async () => {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));

    const r = await start([], {}, port);
    const delays: number[] = [];
    for (let i = 1; i <= 8; i++) {
      await r.reach('retrying', i);
      const s = r.statuses.items.at(-1)!;
      expect(s.note).toMatchObject({ code: 'retrying', seconds: s.retryInS, cause: 'network', detail: expect.stringMatching(/ECONNREFUSED/) });
      delays.push(s.retryInS!);
      r.timers.advance(s.retryInS! * 1000);
    }
    expect(delays).toEqual([1, 2, 4, 8, 16, 32, 60, 60]);
  });

  it('jitter spreads the delay by ±20 %', async () => {
    const low = await start([{ dropAfter: true }], { random: () => 0 });
    await low.reach('retrying');
    const high = await start([{ dropAfter: true }], { random: () => 0.999 });
    await high.reach('retrying');
    low.timers.advance(799);
    expect(low.source.status().state).toBe('retrying');
    low.timers.advance(1);
    expect(low.source.status().state).toBe('connecting');
    await low.server.connection(2);
    high.timers.advance(1199);
    expect(high.source.status().state).toBe('retrying');
    high.timers.advance(1);
    expect(high.source.status().state).toBe('connecting');
  });

  it('a silent peer is found by its unanswered Ping and the connection is renewed', async () => {
    const r = await start([{ ignorePing: true }, {}]);
    await r.replayed(1);
    r.timers.advance(20_000);
    await r.server.action(0, 'Ping');
    expect(r.states().at(-1)).toBe('connected');
    r.timers.advance(20_000);
    await r.reach('retrying');
    expect(r.statuses.items.at(-1)).toMatchObject({ state: 'retrying', note: { code: 'retrying', cause: 'no-ping-answer', detail: null } });
    r.timers.advance(1000);
    await r.reach('connected', 2);
    r.timers.advance(20_000);
    const ping = await r.server.action(1, 'Ping');
    expect(ping.actionId).toMatch(/^floorwatch-ping-/);
  });
});

describe('AMI live source: stop', () => {
  it('logs off, closes, and settles what was pending', async () => {
    const r = await start([
      {
        events: ami('Event: QueueCallerJoin\nPrivilege: call,all\nUniqueid: 40.1\nQueue: Q1\n\nEvent: QueueCallerLeave\nPrivilege: call,all\nUniqueid: 40.1\nQueue: Q1\n'),
      },
    ]);
    await r.replayed(1);
    expect(r.events.items.map((e) => e.kind)).toEqual(['enqueued']);
    await r.source.stop();
    expect(r.server.received[0]!.map((m) => m.action)).toEqual(['Login', 'QueueStatus', 'Logoff']);
    await r.server.closed(0);
    expect(r.source.status().state).toBe('stopped');
    expect(r.events.items.at(-1)).toMatchObject({ kind: 'ended', id: '40.1', outcome: 'exit-empty' });
    // Nothing is left scheduled: no reconnect after a stop.
    expect(r.timers.pending()).toEqual([]);
  });
});
