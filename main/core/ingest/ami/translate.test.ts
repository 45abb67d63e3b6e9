import { describe, expect, it } from 'vitest';
import { IngestEvent } from '../events';
import { ami } from './testing';
import { createAmiTranslator, type AmiTranslatorOptions } from './translate';

const T0 = Date.UTC(2024, 2, 5, 9, 0, 0);
const GRACE = 5000;

/** A translator fed at a hand-moved receipt time; every event it emits must satisfy the contract. */
function harness(options: Partial<AmiTranslatorOptions> = {}) {
  const t = createAmiTranslator({ source: 'ami:test', graceMs: GRACE, ...options });
  let now = T0;
  const events: IngestEvent[] = [];
  const take = (xs: IngestEvent[]) => {
    for (const e of xs) {
      const r = IngestEvent.safeParse(e);
      if (!r.success) throw new Error(`invalid event ${JSON.stringify(e)}: ${r.error.message}`);
    }
    events.push(...xs);
    return xs;
  };
  return {
    t,
    events,
    now: () => now,
    feed: (text: string) => take(ami(text).flatMap((m) => t.handle(m, now))),
    advance: (ms: number) => {
      now += ms;
      return take(t.tick(now));
    },
    kinds: () => events.map((e) => (e.kind === 'ended' ? `ended:${e.outcome}` : e.kind === 'ring-end' ? `ring-end:${e.result}` : e.kind)),
  };
}

/** An Asterisk 12+ caller-channel event (call class visible). */
const ev = (name: string, uid: string, extra = '') => `Event: ${name}\nPrivilege: call,all\nUniqueid: ${uid}\n${extra}\n`;
const join = (uid: string, queue = 'Q1', extra = '') => ev('QueueCallerJoin', uid, `Queue: ${queue}\nCallerIDNum: 5551234\nCallerIDName: Mari Maasikas\n${extra}`);

describe('AMI translation: times', () => {
  it('takes the Timestamp header when present, else the receipt time', () => {
    const h = harness();
    h.feed(join('1.1'));
    h.feed(join('1.2', 'Q1', 'Timestamp: 1514295827.372000'));
    expect(h.events.map((e) => e.at)).toEqual([T0, 1514295827372]);
  });

  it('shifts untimed messages (the QueueStatus list) by the PBX clock difference once known', () => {
    const h = harness();
    h.feed('Response: Success\nPing: Pong\nTimestamp: 1709629230.000\n'); // PBX 30 s ahead of T0
    h.feed('Event: QueueEntry\nQueue: Q1\nPosition: 1\nUniqueid: 9.1\nCallerIDNum: unknown\nCallerIDName: unknown\nWait: 42\n');
    expect(h.events).toEqual([
      expect.objectContaining({ kind: 'enqueued', id: '9.1', at: T0 + 30_000 - 42_000, caller: null, customerName: null }),
    ]);
  });
});

describe('AMI translation: one call', () => {
  it('Asterisk 11 names: Join → AgentCalled → AgentConnect → AgentComplete', () => {
    const h = harness();
    h.feed(`Event: Join\nPrivilege: call,all\nChannel: SIP/trunk-00000001\nCallerIDNum: <unknown>\nCallerIDName: unknown\nQueue: sales\nPosition: 1\nCount: 1\nUniqueid: 11.1\n
      Event: AgentCalled\nPrivilege: agent,all\nQueue: sales\nAgentCalled: SIP/1001\nAgentName: Sathish\nChannelCalling: SIP/trunk-00000001\nDestinationChannel: SIP/1001-00000002\nUniqueid: 11.1\n
      Event: Leave\nPrivilege: call,all\nChannel: SIP/trunk-00000001\nQueue: sales\nCount: 0\nPosition: 1\nUniqueid: 11.1\n
      Event: AgentConnect\nPrivilege: agent,all\nQueue: sales\nUniqueid: 11.1\nChannel: SIP/1001-00000002\nMember: SIP/1001\nMemberName: Sathish\nHoldtime: 12\nBridgedChannel: 11.2\nRingtime: 3\n
      Event: AgentComplete\nPrivilege: agent,all\nQueue: sales\nUniqueid: 11.1\nChannel: SIP/1001-00000002\nMember: SIP/1001\nMemberName: Sathish\nHoldTime: 12\nTalkTime: 60\nReason: agent\n`);
    expect(h.events).toEqual([
      { kind: 'enqueued', source: 'ami:test', id: '11.1', at: T0, channel: 'voice', queue: 'sales', caller: null, did: null, segment: null, customerName: null, extra: null },
      // No member event told of SIP/1001: the queue rang it, so it is a member, named as the call event names it.
      { kind: 'agent', source: 'ami:test', at: T0, agent: 'SIP/1001', name: 'Sathish', action: 'add', queue: 'sales', reason: null },
      { kind: 'ring', source: 'ami:test', id: '11.1', at: T0, agent: 'SIP/1001' },
      { kind: 'answered', source: 'ami:test', id: '11.1', at: T0, agent: 'SIP/1001', waitMs: 12_000, ringMs: 3000 },
      expect.objectContaining({ kind: 'ended', id: '11.1', outcome: 'answered', waitMs: 12_000, talkMs: 60_000, reason: 'agent-hangup' }),
    ]);
    expect(h.t.nextDeadline()).toBeNull();
  });

  it('ringall: the members that did not answer are canceled at the connect', () => {
    const h = harness();
    h.feed(join('2.1'));
    h.feed(ev('AgentCalled', '2.1', 'Queue: Q1\nInterface: SIP/201\nMemberName: Anna\nDestUniqueid: 2.2'));
    h.feed(ev('AgentCalled', '2.1', 'Queue: Q1\nInterface: SIP/202\nMemberName: Olev\nDestUniqueid: 2.3'));
    h.advance(4000);
    h.feed(ev('QueueCallerLeave', '2.1', 'Queue: Q1'));
    h.feed(ev('AgentConnect', '2.1', 'Queue: Q1\nInterface: SIP/202\nMemberName: Olev\nHoldTime: 4\nRingTime: 4'));
    expect(h.kinds()).toEqual(['enqueued', 'agent', 'ring', 'agent', 'ring', 'answered', 'ring-end:canceled']);
    expect(h.events[6]).toMatchObject({ agent: 'SIP/201', ringMs: 4000, at: T0 + 4000 });
    expect(h.events.filter((e) => e.kind === 'agent')).toMatchObject([{ agent: 'SIP/201', name: 'Anna' }, { agent: 'SIP/202', name: 'Olev' }]);
  });

  it('AgentRingNoAnswer: RingTime is already milliseconds', () => {
    const h = harness();
    h.feed(join('3.1'));
    h.feed(ev('AgentCalled', '3.1', 'Queue: Q1\nInterface: SIP/201\nMemberName: Anna'));
    h.feed(ev('AgentRingNoAnswer', '3.1', 'Queue: Q1\nInterface: SIP/201\nMemberName: Anna\nRingTime: 15000'));
    expect(h.events.at(-1)).toEqual({ kind: 'ring-end', source: 'ami:test', id: '3.1', at: T0, agent: 'SIP/201', ringMs: 15_000, result: 'no-answer' });
  });

  it('DialEnd CANCEL and AgentDump end a ring as canceled', () => {
    const h = harness();
    h.feed(join('4.1'));
    h.feed(ev('AgentCalled', '4.1', 'Queue: Q1\nInterface: SIP/201\nDestUniqueid: 4.2'));
    h.feed(ev('AgentCalled', '4.1', 'Queue: Q1\nInterface: SIP/202\nDestUniqueid: 4.3'));
    h.advance(2000);
    h.feed(ev('DialEnd', '4.1', 'DestUniqueid: 4.2\nDialStatus: CANCEL'));
    h.feed(ev('AgentDump', '4.1', 'Queue: Q1\nInterface: SIP/202'));
    expect(h.events.slice(5)).toEqual([
      { kind: 'ring-end', source: 'ami:test', id: '4.1', at: T0 + 2000, agent: 'SIP/201', ringMs: 2000, result: 'canceled' },
      { kind: 'ring-end', source: 'ami:test', id: '4.1', at: T0 + 2000, agent: 'SIP/202', ringMs: 2000, result: 'canceled' },
    ]);
  });

  it('a transfer at the end of the conversation is recorded before the answered end', () => {
    const h = harness();
    h.feed(join('5.1'));
    h.feed(ev('AgentConnect', '5.1', 'Queue: Q1\nInterface: SIP/201\nHoldTime: 2\nRingTime: 1'));
    h.feed(ev('AgentComplete', '5.1', 'Queue: Q1\nInterface: SIP/201\nHoldTime: 2\nTalkTime: 30\nReason: transfer'));
    expect(h.kinds()).toEqual(['enqueued', 'agent', 'answered', 'transferred', 'ended:answered']);
    expect(h.events[4]).toMatchObject({ reason: 'transfer', talkMs: 30_000 });
  });

  it('a conversation whose AgentComplete never comes ends at the caller hang-up', () => {
    const h = harness();
    h.feed(join('6.1'));
    h.feed(ev('AgentConnect', '6.1', 'Queue: Q1\nInterface: SIP/201\nHoldTime: 2\nRingTime: 1'));
    h.advance(40_000);
    h.feed(ev('Hangup', '6.1', 'Cause: 16'));
    expect(h.advance(GRACE)).toEqual([expect.objectContaining({ kind: 'ended', outcome: 'answered', at: T0 + 40_000, talkMs: 40_000, waitMs: 2000, reason: 'hangup' })]);
  });

  it('a second entry of the same channel into a queue is its own contact', () => {
    const h = harness();
    h.feed(ev('HangupRequest', '0.0')); // requests are visible: 12+
    h.feed(join('7.1'));
    h.feed(ev('QueueCallerAbandon', '7.1', 'Queue: Q1\nHoldTime: 20'));
    h.feed(join('7.1', 'Q2'));
    expect(h.events.map((e) => `${e.kind}:${'id' in e ? e.id : ''}`)).toEqual(['enqueued:7.1', 'ended:7.1', 'enqueued:7.1:2']);
    expect(h.events[2]).toMatchObject({ queue: 'Q2', extra: { uniqueid: '7.1', entry: 2 } });
  });
});

describe('AMI translation: unanswered outcomes', () => {
  it('12+: a HangupRequest before QueueCallerAbandon is an abandon, decided at once', () => {
    const h = harness();
    h.feed(join('10.1'));
    h.feed(ev('AgentCalled', '10.1', 'Queue: Q1\nInterface: SIP/201'));
    h.advance(7000);
    h.feed(ev('HangupRequest', '10.1'));
    h.feed(ev('QueueCallerAbandon', '10.1', 'Queue: Q1\nPosition: 1\nOriginalPosition: 1\nHoldTime: 7'));
    expect(h.kinds()).toEqual(['enqueued', 'agent', 'ring', 'ring-end:canceled', 'ended:abandoned']);
    expect(h.events[4]).toMatchObject({ at: T0 + 7000, waitMs: 7000 });
    h.feed(ev('QueueCallerLeave', '10.1', 'Queue: Q1'));
    expect(h.events).toHaveLength(5);
    expect(h.t.nextDeadline()).toBeNull();
  });

  it('12+: QueueCallerAbandon on a live channel is a timeout, or exit-empty when no member can answer', () => {
    const h = harness();
    h.feed(ev('HangupRequest', '0.0'));
    h.feed(join('11.1'));
    h.feed(ev('QueueCallerAbandon', '11.1', 'Queue: Q1\nHoldTime: 30'));
    h.feed('Event: QueueMemberStatus\nQueue: Q2\nInterface: SIP/301\nMemberName: Pille\nStatus: 1\nPaused: 1\n');
    h.feed(join('11.2', 'Q2'));
    h.feed(ev('QueueCallerAbandon', '11.2', 'Queue: Q2\nHoldTime: 3'));
    expect(h.events.filter((e) => e.kind === 'ended').map((e) => (e.kind === 'ended' ? e.outcome : ''))).toEqual(['timeout', 'exit-empty']);
  });

  it('Asterisk 11: an abandon waits for the Hangup that follows the h extension', () => {
    const h = harness();
    h.feed(join('12.1'));
    h.feed(ev('QueueCallerAbandon', '12.1', 'Queue: Q1\nHoldTime: 9'));
    h.feed(ev('QueueCallerLeave', '12.1', 'Queue: Q1'));
    expect(h.kinds()).toEqual(['enqueued']);
    expect(h.t.nextDeadline()).toBe(T0 + GRACE);
    h.advance(2000);
    h.feed(ev('Hangup', '12.1', 'Cause: 16'));
    expect(h.events.at(-1)).toMatchObject({ kind: 'ended', outcome: 'abandoned', at: T0, waitMs: 9000 });

    h.feed(join('12.2'));
    h.feed(ev('QueueCallerAbandon', '12.2', 'Queue: Q1\nHoldTime: 60'));
    expect(h.advance(GRACE - 1)).toEqual([]);
    expect(h.advance(1)).toEqual([expect.objectContaining({ kind: 'ended', id: '12.2', outcome: 'timeout' })]);
  });

  it("without call-class events Asterisk's own word is taken: abandoned", () => {
    const h = harness();
    h.feed('Event: QueueCallerJoin\nPrivilege: agent,all\nUniqueid: 13.1\nQueue: Q1\n');
    h.feed('Event: QueueCallerAbandon\nPrivilege: agent,all\nUniqueid: 13.1\nQueue: Q1\nHoldTime: 4\n');
    expect(h.kinds()).toEqual(['enqueued', 'ended:abandoned']);
  });

  it('a leave with no connect: exit-empty after the grace, exit-key after DTMF; a late connect still counts', () => {
    const h = harness();
    h.feed(join('14.1'));
    h.feed(ev('QueueCallerLeave', '14.1', 'Queue: Q1'));
    expect(h.advance(GRACE)).toEqual([expect.objectContaining({ id: '14.1', outcome: 'exit-empty' })]);
    h.feed(ev('AgentConnect', '14.1', 'Queue: Q1\nInterface: SIP/201\nHoldTime: 8\nRingTime: 2'));
    h.feed(ev('AgentComplete', '14.1', 'Queue: Q1\nInterface: SIP/201\nHoldTime: 8\nTalkTime: 5\nReason: caller'));
    expect(h.kinds().slice(-2)).toEqual(['answered', 'ended:answered']);

    h.feed(join('14.2'));
    h.feed(ev('DTMFEnd', '14.2', 'Digit: 0\nDirection: Received'));
    h.feed(ev('QueueCallerLeave', '14.2', 'Queue: Q1'));
    expect(h.advance(GRACE)).toEqual([expect.objectContaining({ id: '14.2', outcome: 'exit-key' })]);
  });

  it('flush decides what is pending at once', () => {
    const h = harness();
    h.feed(join('15.1'));
    h.feed(ev('QueueCallerLeave', '15.1', 'Queue: Q1'));
    expect(h.t.flush(h.now())).toEqual([expect.objectContaining({ kind: 'ended', outcome: 'exit-empty' })]);
    expect(h.t.nextDeadline()).toBeNull();
  });
});

describe('AMI translation: members', () => {
  it('12+ member events: add, pause with reason, status echoes ignored, unpause, remove', () => {
    const h = harness();
    const member = 'Queue: Q1\nMemberName: Anna\nInterface: PJSIP/201\nStateInterface: PJSIP/201\nMembership: dynamic\nPenalty: 0\nCallsTaken: 0\nLastCall: 0\nInCall: 0\nStatus: 1';
    h.feed(`Event: QueueMemberAdded\n${member}\nPaused: 0\nPausedReason: \n`);
    h.feed(`Event: QueueMemberPause\n${member}\nPaused: 1\nPausedReason: lunch\n`);
    h.feed(`Event: QueueMemberStatus\n${member}\nPaused: 1\nPausedReason: lunch\n`);
    h.feed(`Event: QueueMemberStatus\n${member}\nPaused: 0\nPausedReason: \n`);
    h.feed(`Event: QueueMemberRemoved\n${member}\nPaused: 0\n`);
    const base = { kind: 'agent', source: 'ami:test', at: T0, agent: 'PJSIP/201', name: 'Anna', queue: 'Q1' };
    expect(h.events).toEqual([
      { ...base, action: 'add', reason: null },
      { ...base, action: 'pause', reason: 'lunch' },
      { ...base, action: 'unpause', reason: null },
      { ...base, action: 'remove', reason: null },
    ]);
    expect(h.t.members()).toEqual([]);
  });

  it('a member the queue rings is announced once with its name, and not again when a member event already told of it', () => {
    const h = harness();
    h.feed('Event: QueueMemberAdded\nQueue: Q1\nInterface: PJSIP/201\nMemberName: Anna\nPaused: 0\n');
    h.feed(join('9.1'));
    h.feed(ev('AgentCalled', '9.1', 'Queue: Q1\nInterface: PJSIP/201\nMemberName: Anna'));
    h.feed(ev('AgentCalled', '9.1', 'Queue: Q1\nInterface: PJSIP/202\nMemberName: Olev'));
    h.feed(ev('AgentConnect', '9.1', 'Queue: Q1\nInterface: PJSIP/202\nMemberName: Olev\nHoldTime: 3\nRingTime: 2'));
    h.feed(join('9.2', 'Q2'));
    h.feed(ev('AgentConnect', '9.2', 'Queue: Q2\nInterface: PJSIP/202\nMemberName: Olev\nHoldTime: 1\nRingTime: 1'));
    expect(h.events.filter((e) => e.kind === 'agent').map((e) => (e.kind === 'agent' ? [e.action, e.queue, e.agent, e.name] : null))).toEqual([
      ['add', 'Q1', 'PJSIP/201', 'Anna'],
      ['add', 'Q1', 'PJSIP/202', 'Olev'],
      ['add', 'Q2', 'PJSIP/202', 'Olev'],
    ]);
    // A later QueueStatus answer that does not list a member learnt from calls removes it.
    h.feed('Event: QueueMember\nQueue: Q1\nLocation: PJSIP/201\nName: Anna\nPaused: 0\n');
    h.feed('Event: QueueStatusComplete\n');
    expect(h.t.members().map((m) => `${m.queue}:${m.iface}`)).toEqual(['Q1:PJSIP/201']);
  });

  it('keeps device status without inventing agent events from it', () => {
    const h = harness();
    h.feed('Event: QueueMemberStatus\nQueue: Q1\nInterface: SIP/777\nMemberName: SIP/777\nStatus: 1\nPaused: 0\n');
    h.feed('Event: QueueMemberStatus\nQueue: Q1\nInterface: SIP/777\nMemberName: SIP/777\nStatus: 6\nPaused: 0\n');
    expect(h.kinds()).toEqual(['agent']);
    expect(h.t.members()).toEqual([{ queue: 'Q1', iface: 'SIP/777', name: null, paused: false, reason: null, status: 6, inCall: null }]);
  });
});

describe('AMI translation: reconnects', () => {
  it('a QueueStatus answer after a reconnect settles what happened while away', () => {
    const h = harness();
    const member = (iface: string, inCall: number, status: number) =>
      `Event: QueueMember\nQueue: Q1\nName: ${iface}\nLocation: ${iface}\nMembership: static\nInCall: ${inCall}\nStatus: ${status}\nPaused: 0\n`;
    h.t.connectionStarted();
    h.feed(`${member('SIP/201', 0, 1)}\n${member('SIP/202', 0, 1)}\nEvent: QueueEntry\nQueue: Q1\nPosition: 1\nUniqueid: 20.1\nCallerIDNum: 5550001\nCallerIDName: unknown\nWait: 30\n\nEvent: QueueStatusComplete\nListItems: 3\n`);
    h.feed(join('20.2'));
    h.feed(ev('AgentConnect', '20.2', 'Queue: Q1\nInterface: SIP/201\nHoldTime: 1\nRingTime: 1'));
    // Waiting callers are announced as listed; members when the list is complete.
    expect(h.kinds()).toEqual(['enqueued', 'agent', 'agent', 'enqueued', 'answered']);
    expect(h.events[0]).toMatchObject({ id: '20.1', at: T0 - 30_000, caller: '5550001', customerName: null });
    h.advance(GRACE);

    // The link drops; meanwhile 20.1 leaves, 20.2 hangs up, SIP/202 is removed.
    h.advance(60_000);
    h.t.connectionStarted();
    h.feed(`${member('SIP/201', 0, 1)}\nEvent: QueueStatusComplete\nListItems: 1\n`);
    expect(h.kinds().slice(5)).toEqual(['agent']);
    expect(h.events[5]).toMatchObject({ action: 'remove', agent: 'SIP/202' });
    h.advance(GRACE);
    expect(h.events.slice(6)).toEqual([
      expect.objectContaining({ kind: 'ended', id: '20.1', outcome: 'closed', reason: 'left-unobserved' }),
      expect.objectContaining({ kind: 'ended', id: '20.2', outcome: 'answered', reason: 'ended-unobserved', talkMs: null }),
    ]);
  });

  it('a caller still listed after a reconnect is not announced twice', () => {
    const h = harness();
    h.t.connectionStarted();
    h.feed(join('21.1'));
    h.advance(10_000);
    h.t.connectionStarted();
    h.feed('Event: QueueEntry\nQueue: Q1\nUniqueid: 21.1\nWait: 10\n\nEvent: QueueStatusComplete\n');
    h.advance(GRACE);
    expect(h.kinds()).toEqual(['enqueued']);
    expect(h.t.calls()).toEqual([{ id: '21.1', uniqueid: '21.1', queue: 'Q1', phase: 'waiting', enterAt: T0, agent: null }]);
  });
});
