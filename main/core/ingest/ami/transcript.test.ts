import { describe, expect, it } from 'vitest';
import { IngestEvent } from '../events';
import { replayAmiTranscript } from './replay';
import { readCapture } from './testing';
import { readAmiTranscript } from './transcript';

const CALLME = ['ami-callme-asterisk13', 'ami_debug_transcript_queue_call.txt'] as const;
const XIVO = 'ami-panoramisk-xivo';

describe('AMI capture files', () => {
  it('CallMe console capture: 221 event blocks, 16 printed twice by the second manager session', () => {
    const t = readAmiTranscript(readCapture(...CALLME));
    // SOURCE.md: 5,741 lines, 221 AMI event blocks; SequenceNumbers 7674–7689 repeat.
    expect(t.stats.messages).toBe(221);
    expect(t.duplicates).toBe(16);
    expect(t.messages).toHaveLength(205);
    expect(t.messages.every((m) => m.event !== undefined)).toBe(true);
    expect(t.actions).toHaveLength(0);
    const names = t.messages.map((m) => m.event);
    for (const e of ['QueueCallerJoin', 'AgentCalled', 'QueueCallerLeave', 'AgentConnect', 'AgentComplete']) {
      expect(names.filter((n) => n === e)).toHaveLength(1);
    }
    expect(names.filter((n) => n === 'QueueMemberStatus')).toHaveLength(4);
    // Console text (verbose lines, the DumpChan block, the prompt) is skipped, not parsed.
    expect(t.stats.skippedLines).toBeGreaterThan(100);
    const join = t.messages.find((m) => m.event === 'QueueCallerJoin')!;
    expect(join.line).toBe(2521);
    expect(join.get('Uniqueid')).toBe('1514295827.372');
  });

  it('XiVO agent login: 145 events at line starts plus 2 glued behind capture gaps', () => {
    const t = readAmiTranscript(readCapture(XIVO, 'agent_loggued_in.ami.txt'));
    const events = t.messages.filter((m) => m.event !== undefined);
    expect(events).toHaveLength(147);
    expect(t.stats.gaps).toBe(2);
    expect(t.stats.dropped).toBe(0);
    // Client Pings and their answers, plus the UserEvent action sent by the dialplan's AGI.
    expect(t.actions.map((m) => m.action)).toEqual([...Array(8).fill('Ping')]);
    expect(t.messages.filter((m) => m.response !== undefined)).toHaveLength(8);
    const afterGaps = events.filter((m) => m.line === 140 || m.line === 405).map((m) => m.event);
    expect(afterGaps).toEqual(['Newexten', 'AGIExec']);
    const userEvent = events.find((m) => m.event === 'UserEvent')!;
    expect(userEvent.get('Action')).toBe('UserEvent');
    expect(userEvent.action).toBeUndefined();
  });

  it('XiVO session with actions, a stray error and command output', () => {
    const t = readAmiTranscript(readCapture(XIVO, 'queue_status_session_2014-original.ami.txt'));
    expect(t.actions.map((m) => m.action)).toEqual(['login', 'QueueStatus', 'ExtensionState', 'QueueStatus', 'QueueStatus', 'ExtensionState', 'ping', 'Command']);
    expect(t.messages.filter((m) => m.event !== undefined)).toHaveLength(23);
    const error = t.server.find((m) => m.response === 'Error')!;
    expect(error.get('Message')).toBe('Missing action in request');
    const follows = t.server.find((m) => m.response === 'Follows')!;
    expect(follows.get('Output')).toContain("Enabled URI's:");
    expect(follows.get('Output')).toContain('  None.');
  });

  it('XiVO originate stream: 748 events, none about queues', () => {
    const text = readCapture(XIVO, 'originate_with_events.ami.txt');
    const t = readAmiTranscript(text);
    expect(t.messages.filter((m) => m.event !== undefined)).toHaveLength(748);
    const r = replayAmiTranscript(text, { source: 'ami:xivo', receivedAt: 0 });
    expect(r.events).toEqual([]);
    expect(Object.values(r.stats.events).reduce((a, b) => a + b, 0)).toBe(748);
    expect(r.stats.events.Hangup).toBe(4);
  });
});

describe('AMI replay of captures', () => {
  it('CallMe call: one contact from enqueued to answered end', () => {
    const T = Date.UTC(2017, 11, 26, 13, 43, 47);
    const r = replayAmiTranscript(readCapture(...CALLME), { source: 'ami:callme', receivedAt: T });
    for (const e of r.events) expect(IngestEvent.safeParse(e).success).toBe(true);
    expect(r.events.map((e) => e.kind)).toEqual(['agent', 'enqueued', 'ring', 'answered', 'ended']);
  });

  it('a capture with Timestamp headers replays on the PBX clock: a caller still on the line after leaving the queue was not an abandon', () => {
    const T = 1_700_000_000;
    const at = (s: number) => `Timestamp: ${T + s}.000000`;
    const ev = (name: string, uid: string, s: number, extra = '') => `Event: ${name}\r\nPrivilege: call,all\r\n${at(s)}\r\nUniqueid: ${uid}\r\n${extra}\r\n`;
    const q = 'Queue: support\r\nCallerIDNum: 5551234';
    const capture = [
      'Asterisk Call Manager/2.10.6\r\n',
      ev('Join', 't.1', 0, q),
      ev('Join', 'a.1', 10, q),
      ev('Join', 'e.1', 20, q),
      // a.1 hangs up while waiting: the Hangup follows at once.
      ev('QueueCallerAbandon', 'a.1', 25, `${q}\r\nHoldTime: 15`),
      ev('Leave', 'a.1', 25, q),
      ev('Hangup', 'a.1', 25, 'Cause: 16'),
      // e.1 leaves without a word (no member could take it) and stays on the line.
      ev('Leave', 'e.1', 50, q),
      // t.1 times out after 300 s (Asterisk reports QueueCallerAbandon for a timeout too); the call
      // goes on in the dialplan (voicemail) and hangs up 40 s later.
      ev('QueueCallerAbandon', 't.1', 300, `${q}\r\nHoldTime: 300`),
      ev('Leave', 't.1', 300, q),
      ev('Hangup', 't.1', 340, 'Cause: 16'),
      ev('Hangup', 'e.1', 400, 'Cause: 16'),
    ].join('');
    const r = replayAmiTranscript(capture, { source: 'ami:ts', receivedAt: Date.UTC(2026, 0, 1) });
    const ended = r.events.filter((e) => e.kind === 'ended').map((e) => (e.kind === 'ended' ? [e.id, e.outcome, e.at] : null));
    expect(ended.sort()).toEqual([
      ['a.1', 'abandoned', (T + 25) * 1000],
      ['e.1', 'exit-empty', (T + 50) * 1000],
      ['t.1', 'timeout', (T + 300) * 1000],
    ]);
  });

  it('a QueueStatus list at the start of a capture (sent without Timestamp) is placed at the first Timestamp, not at the time of the import', () => {
    const T = 1_700_000_000;
    const capture = [
      'Asterisk Call Manager/2.10.6\r\n',
      'Response: Success\r\nEventList: start\r\nMessage: Queue status will follow\r\n\r\n',
      'Event: QueueEntry\r\nQueue: support\r\nPosition: 1\r\nUniqueid: w.1\r\nCallerIDNum: 5551234\r\nWait: 30\r\n\r\n',
      'Event: QueueStatusComplete\r\nEventList: Complete\r\n\r\n',
      `Event: QueueCallerAbandon\r\nPrivilege: agent,all\r\nTimestamp: ${T + 10}.000000\r\nQueue: support\r\nUniqueid: w.1\r\nHoldTime: 40\r\n\r\n`,
    ].join('');
    const r = replayAmiTranscript(capture, { source: 'ami:ts' });
    expect(r.events.map((e) => [e.kind, e.at])).toEqual([
      ['enqueued', (T + 10 - 30) * 1000],
      ['ended', (T + 10) * 1000],
    ]);
  });

  it('XiVO QueueStatus answer: six members, the paused one paused', () => {
    const r = replayAmiTranscript(readCapture(XIVO, 'queue_status.ami.txt'), { source: 'ami:xivo', receivedAt: 5000 });
    const adds = r.events.filter((e) => e.kind === 'agent' && e.action === 'add');
    expect(adds.map((e) => (e.kind === 'agent' ? e.name : null))).toEqual(['Agent/220', 'Agent/213', 'Agent/859', 'Agent/214', 'Agent/333', 'Agent/999']);
    expect(r.events.filter((e) => e.kind === 'agent' && e.action === 'pause')).toEqual([
      { kind: 'agent', source: 'ami:xivo', at: 5000, agent: 'Local/id-12@agentcallback', name: 'Agent/999', action: 'pause', queue: 'xxxxxxxxxxxxxxxx-tous', reason: null },
    ]);
  });
});
