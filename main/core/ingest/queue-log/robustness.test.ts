import { describe, expect, it } from 'vitest';
import type { IngestEvent } from '../events';
import { createQueueLogParser } from './parser';
import { ofKind, parseLines, parseResumed } from './testing';
import type { QueueLogParserState } from './types';

const T = 1_700_000_000;

describe('damaged lines', () => {
  it('rejects each damaged line with its 1-based number and a reason, and keeps parsing', () => {
    const lines = [
      `${T}|g.1|q|NONE|ENTERQUEUE||100|1`, // 1 good
      `${T}|g.1|q|NONE|ENTERQ`, // 2 cut mid-event: well-formed but unknown → counted, not rejected
      `${T}|g.1|q`, // 3 truncated
      `17000000x0|g.2|q|NONE|ENTERQUEUE||100|1`, // 4 non-numeric time
      `\u0001\u0002\u00ff\u00fe garbage`, // 5 binary noise, no separator
      `${T}|g.2|q|\u0007|\u0000\u0001|x`.replace('\u0000', ''), // 6 noise in the event field
      `${T}|g.1|q|NONE|ABANDON|1|1`, // 7 ABANDON needs 3 fields
      `${T}|g.1|q|NONE|ABANDON|1|1|28|9`, // 8 one too many
      `${T}|g.1|q|Bob|CONNECT|x|g.9|2`, // 9 holdtime not a number
      `${T}|NONE|q|NONE|ENTERQUEUE||100|1`, // 10 no callid
      `${T}|g.3|NONE|NONE|ENTERQUEUE||100|1`, // 11 no queue
      `${T}|g.1|q|NONE|RINGNOANSWER|1000`, // 12 no agent
      `12|g.1|q|NONE|QUEUESTART|`, // 13 epoch out of range
      `${T + 20}|g.1|q|NONE|ABANDON|1|1|20`, // 14 good
    ];
    const { events, result } = parseLines(lines);
    expect(result.rejects.map((r) => r.lineNo)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(result.rejects.map((r) => r.reason)).toEqual([
      'truncated line: 3 fields, need at least 5',
      'time is not a number',
      'truncated line: no field separator',
      'event name is not valid',
      'ABANDON: 2 data fields, expected 3',
      'ABANDON: 4 data fields, expected 3',
      'CONNECT: holdtime is not a number',
      'ENTERQUEUE: missing callid',
      'ENTERQUEUE: missing queue',
      'RINGNOANSWER: missing agent',
      'time out of range',
    ]);
    expect(result.stats.unknown).toEqual({ ENTERQ: 1 });
    expect(result.stats.accepted).toBe(3);
    expect(result.stats.rejected).toBe(11);
    expect(events.map((e) => e.kind)).toEqual(['enqueued', 'ended']);
  });

  it('rebuilds the answer of a call whose CONNECT line was damaged from its COMPLETE* or TRANSFER line', () => {
    const lines = [
      `${T}|d.1|q|NONE|ENTERQUEUE||100|1`,
      `${T + 5}|d.1|q|SIP/2001|CONNECT|5|d.2|5|x|y`, // damaged: rejected
      `${T + 200}|d.1|q|SIP/2001|COMPLETEAGENT|5|195|1`,
      `${T + 300}|e.1|q|NONE|ENTERQUEUE||100|1`,
      `${T + 400}|e.1|q|Bob|TRANSFER|100|ctx|4|96|1`, // its CONNECT is missing altogether
      `${T + 500}|f.1|q|NONE|ENTERQUEUE||100|1`,
      `${T + 502}|f.1|q|Ann|CONNECT|2|f.2|1`,
      `${T + 530}|f.1|q|Ann|COMPLETECALLER|2|28|1`, // answered by its CONNECT: nothing rebuilt
    ];
    const { events, result } = parseLines(lines);
    expect(result.rejects.map((r) => r.lineNo)).toEqual([2]);
    expect(ofKind(events, 'answered')).toEqual([
      { kind: 'answered', source: 'queue_log:test', id: 'd.1', at: (T + 5) * 1000, agent: 'SIP/2001', waitMs: 5000, ringMs: null },
      { kind: 'answered', source: 'queue_log:test', id: 'e.1', at: (T + 304) * 1000, agent: 'Bob', waitMs: 4000, ringMs: null },
      { kind: 'answered', source: 'queue_log:test', id: 'f.1', at: (T + 502) * 1000, agent: 'Ann', waitMs: 2000, ringMs: 1000 },
    ]);
    expect(events.map((e) => e.kind)).toEqual(['enqueued', 'answered', 'ended', 'enqueued', 'answered', 'transferred', 'ended', 'enqueued', 'answered', 'ended']);
    // Continued from a saved state after the CONNECT (or from an older state without the flag): no second answer.
    const first = createQueueLogParser({ source: 'queue_log:test', format: 'file', onEvent: () => {} });
    lines.slice(0, 7).forEach((l, i) => first.push(l, i + 1));
    for (const older of [false, true]) {
      const state = JSON.parse(JSON.stringify(first.saveState())) as QueueLogParserState;
      if (older) for (const row of state.calls) row.length = 7;
      expect(ofKind(parseLines(lines.slice(7), { state }).events, 'answered')).toEqual([]);
    }
  });

  it('reads an epoch with a fraction of a second', () => {
    const { events } = parseLines([`${T}.25|a.1|q|NONE|ENTERQUEUE||100|1`]);
    expect(events[0].at).toBe(T * 1000 + 250);
  });

  it('reads event names written in another case as the events they name; unknown names stay as written', () => {
    const { events, result } = parseLines([`${T}|a.1|q|NONE|enterqueue||100|1`, `${T + 5}|a.1|q|SIP/100|Connect|5|a.2|1`, `${T + 65}|a.1|q|SIP/100|CompleteCaller|5|60|1`, `${T + 70}|a.3|q|NONE|Foo|1`]);
    expect(events.map((e) => e.kind)).toEqual(['enqueued', 'answered', 'ended']);
    expect(ofKind(events, 'ended')[0]).toMatchObject({ outcome: 'answered', talkMs: 60_000 });
    expect(result.stats.unknown).toEqual({ Foo: 1 });
  });

  it('tolerates a trailing separator but not a missing field', () => {
    const { result } = parseLines([`${T}|a.1|q|NONE|ABANDON|1|1|28|`, `${T}|a.2|q|NONE|RINGNOANSWER|`]);
    expect(result.stats.rejected).toBe(1);
    expect(result.rejects[0]).toMatchObject({ lineNo: 2, reason: 'RINGNOANSWER: missing agent' });
  });

  it('keeps at most maxRejectsKept rejects but counts them all, and reports each to onReject', () => {
    const seen: number[] = [];
    const { result } = parseLines(['x', 'y', 'z'], { maxRejectsKept: 2, onReject: (r) => seen.push(r.lineNo) });
    expect(result.rejects).toHaveLength(2);
    expect(result.stats.rejected).toBe(3);
    expect(seen).toEqual([1, 2, 3]);
  });
});

describe('NUL runs and line endings', () => {
  it('strips a NUL run before a line (copytruncate) and parses the line', () => {
    const nul = '\u0000'.repeat(78);
    const { events, result } = parseLines([`${nul}${T}|a.1|q|NONE|ENTERQUEUE||100|1`, nul, `${T + 1}|a.1|q|NONE|ABANDON|1|1|1${nul}`]);
    expect(result.stats).toMatchObject({ lines: 3, blank: 1, nulStripped: 3, accepted: 2, rejected: 0 });
    expect(events.map((e) => [e.kind, e.kind === 'enqueued' ? e.id : ''])).toEqual([['enqueued', 'a.1'], ['ended', '']]);
  });

  it('reads CRLF lines like LF lines, and ignores a BOM', () => {
    const lf = [`${T}|a.1|q|NONE|ENTERQUEUE||100|1`, `${T + 3}|a.1|q|Ann|CONNECT|3|a.2|1`, `${T + 9}|a.1|q|Ann|COMPLETEAGENT|3|6|1`];
    const crlf = lf.map((l, i) => `${i === 0 ? '\ufeff' : ''}${l}\r`);
    expect(parseLines(crlf).events).toEqual(parseLines(lf).events);
    expect(parseLines(crlf).result.stats.rejected).toBe(0);
  });
});

describe('DID and contact ids', () => {
  it('puts the DID of a call on its following ENTERQUEUE, and only on that call', () => {
    const { events } = parseLines([
      `${T}|a.1|500|NONE|DID|7777`,
      `${T}|b.1|500|NONE|DID|`,
      `${T}|a.1|500|NONE|ENTERQUEUE||1001|1`,
      `${T}|b.1|500|NONE|ENTERQUEUE||1002|2`,
      `${T}|c.1|500|NONE|ENTERQUEUE||1003|3`,
    ]);
    expect(ofKind(events, 'enqueued').map((e) => [e.id, e.did])).toEqual([['a.1', '7777'], ['b.1', null], ['c.1', null]]);
  });

  it('numbers a second and third entry of one uniqueid <callid>:<n>; later lines join the latest', () => {
    const { events } = parseLines([
      `${T}|x.1|sales|NONE|DID|800`,
      `${T}|x.1|sales|NONE|ENTERQUEUE||100|1`,
      `${T + 5}|x.1|sales|Ann|CONNECT|5|x.2|2`,
      `${T + 60}|x.1|sales|Ann|BLINDTRANSFER|600|from-queue|5|55|1`,
      `${T + 61}|x.1|support|NONE|ENTERQUEUE||100|1`,
      `${T + 61}|x.1|support|NONE|ENTERQUEUE||100|1`, // the same line twice: not a new entry
      `${T + 70}|x.1|support|NONE|EXITWITHKEY|1|1|1|9`,
      `${T + 80}|x.1|support|NONE|ENTERQUEUE||100|1`,
      `${T + 90}|x.1|support|Bob|CONNECT|10|x.3|2`,
      `${T + 99}|x.1|support|Bob|COMPLETECALLER|10|9|1`,
    ]);
    expect(events.map((e) => [e.kind, 'id' in e ? e.id : ''])).toEqual([
      ['enqueued', 'x.1'],
      ['answered', 'x.1'],
      ['transferred', 'x.1'],
      ['ended', 'x.1'],
      ['enqueued', 'x.1:2'],
      ['enqueued', 'x.1:2'],
      ['ended', 'x.1:2'],
      ['enqueued', 'x.1:3'],
      ['answered', 'x.1:3'],
      ['ended', 'x.1:3'],
    ]);
    const entries = ofKind(events, 'enqueued');
    expect(entries.map((e) => [e.queue, e.did, e.extra])).toEqual([
      ['sales', '800', null],
      ['support', '800', { callid: 'x.1', entry: 2 }],
      ['support', '800', { callid: 'x.1', entry: 2 }],
      ['support', '800', { callid: 'x.1', entry: 3 }],
    ]);
  });

  it('keeps a repeated block of a finished call (overlapping logs concatenated) on its one contact; a re-entry at another time or queue is a new one', () => {
    const block = [`${T}|b.1|sales|NONE|ENTERQUEUE||100|1`, `${T + 2}|b.1|sales|Ann|CONNECT|2|b.2|1`, `${T + 30}|b.1|sales|Ann|COMPLETECALLER|2|28|1`];
    const { events } = parseLines([
      ...block,
      ...block,
      `${T + 40}|b.1|sales|NONE|ENTERQUEUE||100|1`, // later: a second entry
      `${T + 45}|b.1|sales|NONE|ABANDON|1|1|5`,
      `${T + 45}|b.1|support|NONE|ENTERQUEUE||100|1`, // same second, another queue: a third
    ]);
    expect(events.map((e) => [e.kind, 'id' in e ? e.id : ''])).toEqual([
      ['enqueued', 'b.1'],
      ['answered', 'b.1'],
      ['ended', 'b.1'],
      ['enqueued', 'b.1'],
      ['answered', 'b.1'],
      ['ended', 'b.1'],
      ['enqueued', 'b.1:2'],
      ['ended', 'b.1:2'],
      ['enqueued', 'b.1:3'],
    ]);
  });

  it('keeps a repeated block of a transferred call (two entries) on its two contacts, also resumed from a saved state before or inside the repeat', () => {
    const block = [
      `${T}|r.1|sales|NONE|ENTERQUEUE||100|1`,
      `${T + 5}|r.1|sales|Ann|CONNECT|5|r.2|2`,
      `${T + 60}|r.1|support|NONE|ENTERQUEUE||100|1`,
      `${T + 60}|r.1|sales|Ann|BLINDTRANSFER|600|from-queue|5|55|1`,
      `${T + 70}|r.1|support|Cy|CONNECT|10|r.3|2`,
      `${T + 99}|r.1|support|Cy|COMPLETECALLER|10|29|1`,
    ];
    const lines = [...block, ...block, `${T + 200}|r.1|sales|NONE|ENTERQUEUE||100|1`, `${T + 230}|r.1|sales|NONE|ABANDON|1|1|30`];
    const { events } = parseLines(lines);
    const once = [
      ['enqueued', 'r.1', ''],
      ['answered', 'r.1', ''],
      ['enqueued', 'r.1:2', ''],
      ['transferred', 'r.1', ''],
      ['ended', 'r.1', 'answered'],
      ['answered', 'r.1:2', ''],
      ['ended', 'r.1:2', 'answered'],
    ];
    expect(events.map((e) => [e.kind, 'id' in e ? e.id : '', e.kind === 'ended' ? e.outcome : ''])).toEqual([
      ...once,
      ...once,
      // A later entry at another time: the call's third, not a second "second".
      ['enqueued', 'r.1:3', ''],
      ['ended', 'r.1:3', 'abandoned'],
    ]);
    // A state saved before the repeated block, or inside it, goes on the same way: the saved call
    // keeps both entries' queues and times.
    for (const cut of [6, 8, 9]) expect(parseResumed(lines, cut)).toEqual(events);
  });

  it('gives a transfer written after the call entered the next queue to the entry it ends', () => {
    // Asterisk writes BLINDTRANSFER when the agent's bridge ends, which can be after the
    // transferred call's ENTERQUEUE in the new queue.
    const { events } = parseLines([
      `${T}|t.1|sales|NONE|ENTERQUEUE||100|1`,
      `${T + 5}|t.1|sales|Ann|CONNECT|5|t.2|2`,
      `${T + 60}|t.1|support|NONE|ENTERQUEUE||100|1`,
      `${T + 60}|t.1|sales|Ann|BLINDTRANSFER|600|from-queue|5|55|1`,
      `${T + 62}|t.1|support|Bob|RINGNOANSWER|2000`,
      `${T + 70}|t.1|support|Cy|CONNECT|10|t.3|2`,
      `${T + 99}|t.1|support|Cy|COMPLETECALLER|10|29|1`,
    ]);
    expect(events.map((e) => [e.kind, 'id' in e ? e.id : ''])).toEqual([
      ['enqueued', 't.1'],
      ['answered', 't.1'],
      ['enqueued', 't.1:2'],
      ['transferred', 't.1'],
      ['ended', 't.1'],
      ['ring-end', 't.1:2'],
      ['answered', 't.1:2'],
      ['ended', 't.1:2'],
    ]);
    expect(ofKind(events, 'ended').map((e) => [e.outcome, e.talkMs, e.reason])).toEqual([
      ['answered', 55_000, 'blind-transfer'],
      ['answered', 29_000, 'caller-hangup'],
    ]);
    // The waiting entry got no answer of its own from the transfer line.
    expect(ofKind(events, 'answered').map((e) => [e.id, e.agent])).toEqual([
      ['t.1', 'Ann'],
      ['t.1:2', 'Cy'],
    ]);
  });

  it('back into the same queue: the late transfer ends the answered entry, not the waiting one', () => {
    const lines = [
      `${T}|s.1|sales|NONE|ENTERQUEUE||100|1`,
      `${T + 5}|s.1|sales|Ann|CONNECT|5|s.2|2`,
      `${T + 60}|s.1|sales|NONE|ENTERQUEUE||100|1`,
      `${T + 60}|s.1|sales|Ann|BLINDTRANSFER|600|from-queue|5|55|1`,
      `${T + 80}|s.1|sales|NONE|ABANDON|1|1|20`,
    ];
    const { events } = parseLines(lines);
    expect(events.map((e) => [e.kind, 'id' in e ? e.id : '', e.kind === 'ended' ? e.outcome : ''])).toEqual([
      ['enqueued', 's.1', ''],
      ['answered', 's.1', ''],
      ['enqueued', 's.1:2', ''],
      ['transferred', 's.1', ''],
      ['ended', 's.1', 'answered'],
      ['ended', 's.1:2', 'abandoned'],
    ]);
    // Resumed from a state saved between the new entry and the late transfer: the same events.
    expect(parseResumed(lines, 3)).toEqual(events);
  });

  it('lines of a call whose entry was not seen use the uniqueid itself', () => {
    const { events } = parseLines([`${T}|m.1|q|Ann|CONNECT|5|m.2|2`, `${T + 9}|m.1|q|Ann|COMPLETEAGENT|5|9|1`]);
    expect(events.map((e) => ('id' in e ? e.id : ''))).toEqual(['m.1', 'm.1']);
  });

  it('forgets calls after callMemoryMs of log time, finished or not', () => {
    const events: IngestEvent[] = [];
    const parser = createQueueLogParser({ source: 's', format: 'file', callMemoryMs: 3_600_000, onEvent: (e) => events.push(e) });
    parser.push(`${T}|a.1|q|NONE|ENTERQUEUE||1|1`, 1);
    parser.push(`${T + 5}|a.1|q|NONE|ABANDON|1|1|5`, 2);
    parser.push(`${T + 6}|b.1|q|NONE|ENTERQUEUE||1|1`, 3);
    expect(parser.saveState().calls.map((c) => c[0])).toEqual(['a.1', 'b.1']);
    parser.push(`${T + 7200}|NONE|NONE|NONE|CONFIGRELOAD|`, 4);
    expect(parser.saveState().calls).toEqual([]);
    // Past the memory, a re-entry counts as a first entry again (documented limit).
    parser.push(`${T + 7201}|a.1|q|NONE|ENTERQUEUE||1|1`, 5);
    expect(ofKind(events, 'enqueued').map((e) => e.id)).toEqual(['a.1', 'b.1', 'a.1']);
  });

  it('keeps a call heard from within callMemoryMs, however long ago it entered', () => {
    const events: IngestEvent[] = [];
    const parser = createQueueLogParser({ source: 's', format: 'file', callMemoryMs: 3_600_000, onEvent: (e) => events.push(e) });
    parser.push(`${T}|a.1|q|NONE|ENTERQUEUE||1|1`, 1);
    parser.push(`${T + 1}|b.1|q|NONE|ENTERQUEUE||1|1`, 2);
    parser.push(`${T + 3000}|a.1|q|Ann|CONNECT|5|a.2|2`, 3);
    parser.push(`${T + 3300}|a.1|q|Ann|COMPLETEAGENT|5|300|1`, 4);
    parser.push(`${T + 4000}|NONE|NONE|NONE|CONFIGRELOAD|`, 5);
    expect(parser.saveState().calls.map((c) => c[0])).toEqual(['a.1']);
    parser.push(`${T + 4100}|a.1|q|NONE|ENTERQUEUE||1|1`, 6);
    expect(ofKind(events, 'enqueued').map((e) => e.id)).toEqual(['a.1', 'b.1', 'a.1:2']);
  });

  it.each([1, 5])('gives the same events when a log is continued from saveState() after line %i', (cut) => {
    const lines = [
      `${T}|MANAGER|q|SIP/1|ADDMEMBER|`,
      `${T}|NONE|q|Ann|UNPAUSE|`,
      `${T}|x.1|q|NONE|DID|555`,
      `${T + 1}|x.1|q|NONE|ENTERQUEUE||100|1`,
      `${T + 9}|x.1|q|NONE|EXITWITHKEY|2|1|1|8`,
      `${T + 10}|x.1|q2|NONE|ENTERQUEUE||100|1`,
      `${T + 19}|x.1|q2|Ann|CONNECT|9|x.2|1`,
      `${T + 30}|MANAGER|q|SIP/1|REMOVEMEMBER|`,
    ];
    const whole = parseLines(lines).events;
    // Cut right after ADDMEMBER, the member line is still held: it travels in the state.
    expect(parseResumed(lines, cut)).toEqual(whole);
    expect(whole.map((e) => ('id' in e ? e.id : `${e.action}:${e.agent}`))).toEqual([
      'add:Ann',
      'unpause:Ann',
      'x.1',
      'x.1',
      'x.1:2',
      'x.1:2',
      'remove:Ann',
    ]);
  });
});
