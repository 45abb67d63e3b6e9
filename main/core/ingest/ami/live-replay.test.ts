import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../../shared/contract/settings';
import { openDb } from '../../../db/open';
import { manualClock } from '../../ports';
import { IngestEvent } from '../events';
import { createIngestStore } from '../store';
import { createAmiSource, type AmiSource, type AmiSourceOptions, type AmiStatus } from './client';
import type { AmiMessage } from './message';
import { ami, captureServerMessages, manualTimers, recorder, REPLAY_DONE, startAmiTestServer, type ScriptedSession } from './testing';

/**
 * The public captures replayed by a local AMI server (127.0.0.1, port 0) to the real client:
 * greeting, Login, QueueStatus answer, then the captured events.
 */

const T0 = Date.UTC(2017, 11, 26, 13, 43, 47);
const CALLME = ['ami-callme-asterisk13', 'ami_debug_transcript_queue_call.txt'] as const;
const XIVO = 'ami-panoramisk-xivo';
/** The CallMe call's caller channel: `Uniqueid: 1514295827.372` on QueueCallerJoin (capture line 2521). */
const CALL = '1514295827.372';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function replay(sessions: ScriptedSession[], extra: Partial<AmiSourceOptions> = {}) {
  const server = await startAmiTestServer((i) => sessions[Math.min(i, sessions.length - 1)]!);
  cleanup.push(() => server.close());
  const clock = manualClock(T0);
  const timers = manualTimers(clock);
  const events = recorder<IngestEvent>();
  const statuses = recorder<AmiStatus>();
  const messages = recorder<AmiMessage>();
  const source: AmiSource = createAmiSource({
    host: '127.0.0.1',
    port: server.port,
    username: 'floorwatch',
    secret: 's3cret',
    clock,
    source: 'ami:127.0.0.1',
    emit: (es) => events.push(...es),
    onStatus: (s) => statuses.push(s),
    onMessage: (m) => messages.push(m),
    timers,
    random: () => 0.5,
    ...extra,
  });
  cleanup.push(() => source.stop());
  const replayed = (n: number) => messages.until((ms) => ms.filter((m) => m.event === REPLAY_DONE).length >= n);
  return { server, clock, timers, events, statuses, messages, source, replayed };
}

const contactEvents = (events: readonly IngestEvent[], id: string) => events.filter((e) => e.kind !== 'agent' && e.id === id);

describe('AMI live source: CallMe Asterisk 13 capture', () => {
  it('one queue call becomes one contact: enqueued → ring → answered → ended answered', async () => {
    const r = await replay([{ events: captureServerMessages(...CALLME) }]);
    await r.replayed(1);
    for (const e of r.events.items) expect(IngestEvent.safeParse(e).success).toBe(true);

    // Values from the capture: QueueCallerJoin (line 2521: Queue Q1, CallerIDNum 123,
    // CallerIDName "Eugene R"), AgentCalled (line 2680: Interface SIP/777), AgentConnect
    // (line 3717: HoldTime 9, RingTime 9), AgentComplete (line 4452: TalkTime 3, Reason caller).
    const source = 'ami:127.0.0.1';
    expect(contactEvents(r.events.items, CALL)).toEqual([
      { kind: 'enqueued', source, id: CALL, at: T0, channel: 'voice', queue: 'Q1', caller: '123', did: null, segment: null, customerName: 'Eugene R', extra: null },
      { kind: 'ring', source, id: CALL, at: T0, agent: 'SIP/777' },
      { kind: 'answered', source, id: CALL, at: T0, agent: 'SIP/777', waitMs: 9000, ringMs: 9000 },
      { kind: 'ended', source, id: CALL, at: T0, outcome: 'answered', waitMs: 9000, talkMs: 3000, holdMs: null, wrapMs: null, reason: 'caller-hangup', resolved: null, csat: null, nps: null },
    ]);
    // QueueMemberStatus (line 1809) names the static member SIP/777 of Q1 before any call.
    expect(r.events.items.filter((e) => e.kind === 'agent')).toEqual([
      { kind: 'agent', source, at: T0, agent: 'SIP/777', name: null, action: 'add', queue: 'Q1', reason: null },
    ]);
    expect(r.events.items.filter((e) => e.kind !== 'agent' && e.id !== CALL)).toEqual([]);

    const [login, queueStatus] = r.server.received[0]!;
    expect(login!.fields).toMatchObject({ Action: 'Login', Username: 'floorwatch', Secret: 's3cret', Events: 'on' });
    expect(queueStatus!.action).toBe('QueueStatus');
    expect(r.source.status()).toMatchObject({ state: 'connected', note: { code: 'connected', version: '2.10.3' } });
  });

  it('contacts recorded from AMI alone are complete', async () => {
    const r = await replay([{ events: captureServerMessages(...CALLME) }]);
    await r.replayed(1);
    const db = openDb(':memory:');
    cleanup.push(async () => {
      db.close();
    });
    const s = defaultSettings();
    const store = createIngestStore(db, () => ({ timezone: 'Europe/Moscow', targetSec: s.targetSec, shortAbandonSec: s.shortAbandonSec }));
    const result = store.apply(r.events.items);
    expect(result).toMatchObject({ newContacts: 1, orphans: 0 });

    const contact = db
      .prepare(
        `SELECT c.source, c.source_id, c.channel, c.queue, c.caller, c.customer_name, c.outcome, c.wait_ms, c.talk_ms, c.ring_ms,
           c.answer_at IS NOT NULL AS answered, c.end_at IS NOT NULL AS ended, a.name AS agent
         FROM contacts c LEFT JOIN agents a ON a.id = c.agent_id`,
      )
      .all();
    expect(contact).toEqual([
      { source: 'ami:127.0.0.1', source_id: CALL, channel: 'voice', queue: 'Q1', caller: '123', customer_name: 'Eugene R', outcome: 'answered', wait_ms: 9000, talk_ms: 3000, ring_ms: 9000, answered: 1, ended: 1, agent: 'SIP/777' },
    ]);
    const attempts = db.prepare('SELECT g.name AS agent, t.result, t.ring_ms FROM attempts t JOIN agents g ON g.id = t.agent_id').all();
    expect(attempts).toEqual([{ agent: 'SIP/777', result: 'connected', ring_ms: 9000 }]);
    const rollup = db.prepare('SELECT SUM(offered) AS offered, SUM(answered) AS answered, SUM(abandoned) AS abandoned FROM rollup_hour').get();
    expect(rollup).toEqual({ offered: 1, answered: 1, abandoned: 0 });
    // The member is back to available after the conversation, and serves Q1.
    expect(db.prepare('SELECT g.state, q.queue FROM agents g JOIN agent_queues q ON q.agent_id = g.id').all()).toEqual([{ state: 'available', queue: 'Q1' }]);
    // Replaying the same events changes nothing.
    expect(store.apply(r.events.items).newContacts).toBe(0);
  });

  it('the same result when every message is split across TCP chunks of 7 bytes', async () => {
    let chunks = 0;
    const r = await replay([{ events: captureServerMessages(...CALLME), chunkSize: 7 }], {
      connect: ({ host, port }) => {
        const socket = net.createConnection({ host, port });
        socket.on('data', () => chunks++);
        return socket;
      },
    });
    await r.replayed(1);
    expect(r.messages.items.length).toBeGreaterThan(200);
    // More reads than messages: messages really did arrive in pieces.
    expect(chunks).toBeGreaterThan(r.messages.items.length);
    expect(contactEvents(r.events.items, CALL).map((e) => e.kind)).toEqual(['enqueued', 'ring', 'answered', 'ended']);
  });
});

describe('AMI live source: XiVO Asterisk 11 captures', () => {
  it('QueueStatus members, a member added by an agent login, pause and unpause', async () => {
    const r = await replay([
      {
        queueStatus: captureServerMessages(XIVO, 'queue_status.ami.txt'),
        events: [...captureServerMessages(XIVO, 'agent_loggued_in.ami.txt'), ...captureServerMessages(XIVO, 'agent_not_in_pause.ami.txt')],
      },
    ]);
    await r.replayed(1);
    const agentEvents = r.events.items.flatMap((e) => (e.kind === 'agent' ? [[e.action, e.agent, e.name, e.queue, e.at]] : []));
    const all = 'xxxxxxxxxxxxxxxx-tous';
    expect(agentEvents).toEqual([
      // queue_status.ami.txt: six QueueMember entries; Agent/999 is `Paused: 1`.
      ['add', 'Local/id-9@agentcallback', 'Agent/220', all, T0],
      ['add', 'Local/id-3@agentcallback', 'Agent/213', all, T0],
      ['add', 'Local/id-7@agentcallback', 'Agent/859', all, T0],
      ['add', 'Local/id-4@agentcallback', 'Agent/214', all, T0],
      ['add', 'Local/id-10@agentcallback', 'Agent/333', all, T0],
      ['add', 'Local/id-12@agentcallback', 'Agent/999', all, T0],
      ['pause', 'Local/id-12@agentcallback', 'Agent/999', all, T0],
      // agent_loggued_in.ami.txt: QueueMemberStatus of Agent/401 (line 33), then QueueMemberAdded
      // of Agent/402 (line 671). Untimed events take the PBX clock of the Ping answers around
      // them (Timestamp 1409169949.427993 and 1409169989.456835).
      ['add', 'Local/id-1@agentcallback', 'Agent/401', 'general_queue', 1409169949428],
      ['add', 'Local/id-3@agentcallback', 'Agent/402', 'general_queue', 1409169989457],
      // agent_not_in_pause.ami.txt: QueueMemberStatus Paused 1 (line 155), QueueMemberPaused
      // Paused 0 (line 396), then Agent/999 seen in a second queue (line 590).
      ['add', 'Local/id-12@agentcallback', 'Agent/999', 'maisonvoyance-tous', 1409169999470],
      ['pause', 'Local/id-12@agentcallback', 'Agent/999', 'maisonvoyance-tous', 1409169999470],
      ['unpause', 'Local/id-12@agentcallback', 'Agent/999', 'maisonvoyance-tous', 1409169999470],
      ['add', 'Local/id-12@agentcallback', 'Agent/999', 'xxxxxxxxxxxx-tous', 1409169999470],
    ]);
    expect(r.events.items.filter((e) => e.kind !== 'agent')).toEqual([]);
  });
});

describe('AMI live source: times', () => {
  it('Timestamp headers give event times; without them the receipt clock does', async () => {
    const r = await replay([
      {
        events: ami(`Event: QueueCallerJoin\nPrivilege: agent,all\nUniqueid: 100.1\nQueue: Q1\nCallerIDNum: 5551\nTimestamp: 1709629200.250000\n
          Event: QueueCallerJoin\nPrivilege: agent,all\nUniqueid: 100.2\nQueue: Q1\nCallerIDNum: 5552\n`),
      },
    ]);
    await r.replayed(1);
    const at = Object.fromEntries(r.events.items.map((e) => [e.kind === 'agent' ? e.agent : e.id, e.at]));
    // 100.2 has no Timestamp: its receipt time (T0, the clock is held) plus the PBX clock
    // difference learnt from 100.1, so one stream never mixes two clocks.
    expect(at).toEqual({ '100.1': 1709629200250, '100.2': 1709629200250 });
  });

  it('with no Timestamp at all, events carry the receipt time', async () => {
    const r = await replay([{ events: ami('Event: QueueCallerJoin\nUniqueid: 101.1\nQueue: Q1\n') }]);
    await r.replayed(1);
    expect(r.events.items.map((e) => e.at)).toEqual([T0]);
  });
});
