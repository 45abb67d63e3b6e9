import { describe, expect, it } from 'vitest';
import type { IngestEvent } from '../events';
import { createQueueLogParser } from './parser';
import { invalidEvents, ofKind, parseLines } from './testing';

const T = 1_700_000_000;
const C = '1700000000.42';
const enter = `${T}|${C}|sales|NONE|ENTERQUEUE||5551234|1`;

describe('call events, current and older layouts', () => {
  it('ENTERQUEUE url|callerid|position becomes a voice contact keyed by the uniqueid', () => {
    const { events, result } = parseLines([enter]);
    expect(events).toEqual([
      { kind: 'enqueued', source: 'queue_log:test', id: C, at: T * 1000, channel: 'voice', queue: 'sales', caller: '5551234', did: null, segment: null, customerName: null, extra: null },
    ]);
    expect(result.stats.known).toEqual({ ENTERQUEUE: 1 });
    expect(invalidEvents(events)).toEqual([]);
  });

  it('ENTERQUEUE url|callerid (no position, Asterisk 1.4) and caller ids that name no one', () => {
    const { events } = parseLines([
      `${T}|a.1|q|NONE|ENTERQUEUE|http://crm/x|5551234`,
      `${T}|a.2|q|NONE|ENTERQUEUE||NONE|1`,
      `${T}|a.3|q|NONE|ENTERQUEUE||anonymous|1`,
      `${T}|a.4|q|NONE|ENTERQUEUE|||1`,
    ]);
    expect(ofKind(events, 'enqueued').map((e) => e.caller)).toEqual(['5551234', null, null, null]);
  });

  it('CONNECT holdtime|uniqueid|ringtime: wait and ring in ms (ringtime is seconds)', () => {
    const { events } = parseLines([enter, `${T + 8}|${C}|sales|Sathish|CONNECT|8|1700000008.43|7`]);
    expect(ofKind(events, 'answered')).toEqual([
      { kind: 'answered', source: 'queue_log:test', id: C, at: (T + 8) * 1000, agent: 'Sathish', waitMs: 8000, ringMs: 7000 },
    ]);
  });

  it('CONNECT holdtime|uniqueid (1.4) and holdtime alone (1.2) have no ring time', () => {
    const { events, result } = parseLines([enter, `${T + 8}|${C}|sales|SIP/1001|CONNECT|8|1700000008.43`, `${T + 9}|x.1|sales|SIP/1001|CONNECT|3`]);
    expect(ofKind(events, 'answered').map((e) => [e.waitMs, e.ringMs])).toEqual([[8000, null], [3000, null]]);
    expect(result.stats.rejected).toBe(0);
  });

  it('COMPLETECALLER / COMPLETEAGENT end the contact answered with wait and talk', () => {
    const { events } = parseLines([enter, `${T + 60}|${C}|sales|Sathish|COMPLETECALLER|6|11|1`, `${T + 70}|b.1|sales|Sathish|COMPLETEAGENT|5|4|1`]);
    expect(ofKind(events, 'ended')).toEqual([
      { kind: 'ended', source: 'queue_log:test', id: C, at: (T + 60) * 1000, outcome: 'answered', waitMs: 6000, talkMs: 11000, holdMs: null, wrapMs: null, reason: 'caller-hangup', resolved: null, csat: null, nps: null },
      { kind: 'ended', source: 'queue_log:test', id: 'b.1', at: (T + 70) * 1000, outcome: 'answered', waitMs: 5000, talkMs: 4000, holdMs: null, wrapMs: null, reason: 'agent-hangup', resolved: null, csat: null, nps: null },
    ]);
  });

  it('ABANDON, EXITWITHTIMEOUT, EXITEMPTY: position|origposition|waittime', () => {
    const { events } = parseLines([
      `${T}|c.1|q|NONE|ABANDON|1|1|28`,
      `${T}|c.2|q|NONE|EXITWITHTIMEOUT|2|1|300`,
      `${T}|c.3|q|NONE|EXITEMPTY|1|1|4`,
    ]);
    expect(ofKind(events, 'ended').map((e) => [e.id, e.outcome, e.waitMs, e.talkMs])).toEqual([
      ['c.1', 'abandoned', 28000, null],
      ['c.2', 'timeout', 300000, null],
      ['c.3', 'exit-empty', 4000, null],
    ]);
  });

  it('EXITWITHTIMEOUT(position) and EXITWITHKEY(key|position) of 1.4 have no wait', () => {
    const { events, result } = parseLines([`${T}|c.1|q|NONE|EXITWITHTIMEOUT|3`, `${T}|c.2|q|NONE|EXITWITHKEY|5|2`, `${T}|c.3|q|NONE|EXITWITHKEY|0|2|1|40`]);
    expect(result.stats.rejected).toBe(0);
    expect(ofKind(events, 'ended').map((e) => [e.outcome, e.waitMs, e.reason])).toEqual([
      ['timeout', null, null],
      ['exit-key', null, '5'],
      ['exit-key', 40000, '0'],
    ]);
  });

  it('RINGNOANSWER and RINGCANCELED carry milliseconds already', () => {
    const { events } = parseLines([enter, `${T + 15}|${C}|sales|PJSIP/400|RINGNOANSWER|15000`, `${T + 20}|${C}|sales|PJSIP/400|RINGCANCELED|11193`]);
    expect(ofKind(events, 'ring-end')).toEqual([
      { kind: 'ring-end', source: 'queue_log:test', id: C, at: (T + 15) * 1000, agent: 'PJSIP/400', ringMs: 15000, result: 'no-answer' },
      { kind: 'ring-end', source: 'queue_log:test', id: C, at: (T + 20) * 1000, agent: 'PJSIP/400', ringMs: 11193, result: 'canceled' },
    ]);
  });

  it('TRANSFER / BLINDTRANSFER: transferred, then ended answered with the talk time', () => {
    const { events } = parseLines([
      `${T}|t.1|q|Sathish|TRANSFER|200|from-internal|6|38|1`,
      `${T}|t.2|q|Sathish|BLINDTRANSFER|1142|transfer|6|38|1`,
      `${T}|t.3|q|Sathish|TRANSFER|200|from-internal|6|38`,
      `${T}|t.4|q|Sathish|TRANSFER|200|from-internal`,
    ]);
    expect(ofKind(events, 'transferred').map((e) => [e.id, e.to])).toEqual([
      ['t.1', '200@from-internal'],
      ['t.2', '1142@transfer'],
      ['t.3', '200@from-internal'],
      ['t.4', '200@from-internal'],
    ]);
    expect(ofKind(events, 'ended').map((e) => [e.outcome, e.waitMs, e.talkMs, e.reason])).toEqual([
      ['answered', 6000, 38000, 'transfer'],
      ['answered', 6000, 38000, 'blind-transfer'],
      ['answered', 6000, 38000, 'transfer'],
      ['answered', null, null, 'transfer'],
    ]);
    // Each transferred precedes its ended.
    expect(events.map((e) => e.kind)).toEqual(['transferred', 'ended', 'transferred', 'ended', 'transferred', 'ended', 'transferred', 'ended']);
  });

  it('ATTENDEDTRANSFER method|data…|holdtime|calltime|origposition (BRIDGE, APP, LINK)', () => {
    const { events, result } = parseLines([
      `${T}|a.1|q|Sathish|ATTENDEDTRANSFER|BRIDGE|6e1d-aa|4|120|1`,
      `${T}|a.2|q|Sathish|ATTENDEDTRANSFER|APP|VoiceMail|4|50|2`,
      `${T}|a.3|q|Sathish|ATTENDEDTRANSFER|LINK|Local/1@x-1;1|Local/1@x-1;2|7|30|1`,
    ]);
    expect(result.stats.rejected).toBe(0);
    expect(ofKind(events, 'transferred').map((e) => e.to)).toEqual(['BRIDGE|6e1d-aa', 'APP|VoiceMail', 'LINK|Local/1@x-1;1|Local/1@x-1;2']);
    expect(ofKind(events, 'ended').map((e) => [e.waitMs, e.talkMs, e.reason])).toEqual([
      [4000, 120000, 'attended-transfer'],
      [4000, 50000, 'attended-transfer'],
      [7000, 30000, 'attended-transfer'],
    ]);
  });
});

describe('agent events', () => {
  it('PAUSE / UNPAUSE per queue with reason, PAUSEALL / UNPAUSEALL without queue', () => {
    const { events } = parseLines([
      `${T}|NONE|sales|Sathish|PAUSE|Lunch`,
      `${T + 1}|NONE|sales|Sathish|UNPAUSE|`,
      `${T + 2}|NONE|NONE|Sathish|PAUSEALL|Break`,
      `${T + 3}|NONE|NONE|Sathish|UNPAUSEALL|`,
    ]);
    expect(ofKind(events, 'agent').map((e) => [e.action, e.agent, e.name, e.queue, e.reason])).toEqual([
      ['pause', 'Sathish', 'Sathish', 'sales', 'Lunch'],
      ['unpause', 'Sathish', 'Sathish', 'sales', null],
      ['pause', 'Sathish', 'Sathish', null, 'Break'],
      ['unpause', 'Sathish', 'Sathish', null, null],
    ]);
    expect(invalidEvents(events)).toEqual([]);
  });

  it('AGENTLOGIN / AGENTLOGOFF and the callback variants', () => {
    const { events, result } = parseLines([
      `${T}|1.1|NONE|Agent/1001|AGENTLOGIN|SIP/1001-0000000a`,
      `${T + 1}|1.1|NONE|Agent/1001|AGENTLOGOFF|SIP/1001-0000000a|3600`,
      `${T + 2}|1.2|NONE|Agent/3001|AGENTCALLBACKLOGIN|1002@pcm-dev`,
      `${T + 3}|NONE|NONE|Agent/3001|AGENTCALLBACKLOGOFF|1002@pcm-dev|43|CommandLogoff`,
    ]);
    expect(ofKind(events, 'agent').map((e) => [e.action, e.agent, e.name, e.reason])).toEqual([
      ['login', 'Agent/1001', null, null],
      ['logoff', 'Agent/1001', null, null],
      ['login', 'Agent/3001', null, null],
      ['logoff', 'Agent/3001', null, 'CommandLogoff'],
    ]);
    // The login channel ties the device to the agent.
    expect(result.aliases.map((a) => [a.interface, a.agent])).toEqual([['SIP/1001', 'Agent/1001']]);
  });

  it('ADDMEMBER / REMOVEMEMBER keyed on the name the next line gives (Issabel)', () => {
    const { events, result } = parseLines([
      `${T}|MANAGER|500|SIP/1001|ADDMEMBER|`,
      `${T}|NONE|NONE|Sathish|UNPAUSEALL|`,
      `${T}|NONE|500|Sathish|UNPAUSE|`,
      `${T + 5}|1.9|500|Sathish|CONNECT|6|1.10|5`,
      `${T + 90}|MANAGER|500|SIP/1001|REMOVEMEMBER|`,
    ]);
    expect(ofKind(events, 'agent').map((e) => [e.action, e.agent, e.queue])).toEqual([
      ['add', 'Sathish', '500'],
      ['unpause', 'Sathish', null],
      ['unpause', 'Sathish', '500'],
      ['remove', 'Sathish', '500'],
    ]);
    expect(ofKind(events, 'answered')[0].agent).toBe('Sathish');
    expect(result.aliases).toEqual([{ interface: 'SIP/1001', agent: 'Sathish', firstSeenAt: T * 1000, lastSeenAt: T * 1000, seen: 1 }]);
  });

  it('ADDMEMBER keyed on the agent of the callback login beside it (PBXware)', () => {
    const { events } = parseLines([
      `${T}|1543598985.25|IT|Local/1127@callback-agent|ADDMEMBER|`,
      `${T + 1}|1543598985.25|NONE|Agent/1127|AGENTCALLBACKLOGIN|hint:1127@default`,
      `${T + 100}|MANAGER|IT|Local/1127@callback-agent|ADDMEMBER|`,
    ]);
    expect(ofKind(events, 'agent').map((e) => [e.action, e.agent])).toEqual([
      ['add', 'Agent/1127'],
      ['login', 'Agent/1127'],
      ['add', 'Agent/1127'],
    ]);
  });

  it('ADDMEMBER with both spellings on the line, either way round; PAUSED adds paused', () => {
    const { events, result } = parseLines([
      `${T}|MANAGER|q|Alice|ADDMEMBER|PJSIP/201`,
      `${T}|MANAGER|q|PJSIP/202|ADDMEMBER|Bob`,
      `${T}|MANAGER|q|Carol|ADDMEMBER|PAUSED`,
    ]);
    expect(ofKind(events, 'agent').map((e) => [e.action, e.agent])).toEqual([
      ['add', 'Alice'],
      ['add', 'Bob'],
      ['add', 'Carol'],
      ['pause', 'Carol'],
    ]);
    expect(result.aliases.map((a) => [a.interface, a.agent])).toEqual([['PJSIP/201', 'Alice'], ['PJSIP/202', 'Bob']]);
  });

  it('does not pair an ADDMEMBER with another member, a later second, or a different queue', () => {
    const { events, result } = parseLines([
      `${T}|MANAGER|q|SIP/1|ADDMEMBER|`,
      `${T}|NONE|q|SIP/2|PAUSE|`, // interface-shaped member name = another member without a name
      `${T}|MANAGER|q|SIP/3|ADDMEMBER|`,
      `${T + 2}|NONE|q|Dora|UNPAUSE|`, // too late
      `${T + 5}|MANAGER|q|SIP/4|ADDMEMBER|`,
      `${T + 5}|NONE|other|Erin|UNPAUSE|`, // other queue
    ]);
    expect(result.aliases).toEqual([]);
    expect(ofKind(events, 'agent').map((e) => e.agent)).toEqual(['SIP/1', 'SIP/2', 'SIP/3', 'Dora', 'SIP/4', 'Erin']);
  });

  it('holds an interface-keyed ADDMEMBER for one line at most, and flush() releases it', () => {
    const events: IngestEvent[] = [];
    const parser = createQueueLogParser({ source: 's', format: 'file', onEvent: (e) => events.push(e) });
    parser.push(`${T}|MANAGER|q|SIP/1|ADDMEMBER|`, 1);
    expect(events).toEqual([]);
    parser.flush();
    expect(events.map((e) => (e.kind === 'agent' ? [e.action, e.agent] : e.kind))).toEqual([['add', 'SIP/1']]);
    parser.push(`${T + 9}|MANAGER|q|SIP/2|ADDMEMBER|`, 2);
    parser.push(`${T + 9}|x.1|q|NONE|ENTERQUEUE||1|1`, 3);
    // Released before the next line's own events, so log order is kept.
    expect(events.map((e) => e.kind)).toEqual(['agent', 'agent', 'enqueued']);
  });
});

describe('events without contact meaning', () => {
  it('QUEUESTART, CONFIGRELOAD, INFO and PBXware OUT* are known and skipped; others are counted unknown', () => {
    const { events, result } = parseLines([
      `${T}|NONE|NONE|NONE|QUEUESTART|`,
      `${T}|NONE|NONE|NONE|CONFIGRELOAD|`,
      `${T}|1.1|q|NONE|INFO|IVR|2`,
      `${T}|1.2|NONE|Agent/1127|OUTDIAL|3318|default`,
      `${T}|1.2|NONE|Agent/1127|OUTHOLD|3318`, // any OUT* outbound event
      `${T}|1.3|q|NONE|MyTestEvent|x`,
      `${T}|1.3|q|NONE|CALLSTATUS|x|y`,
      `${T}|1.4|q|NONE|CALLSTATUS|z`,
    ]);
    expect(events).toEqual([]);
    expect(result.stats.known).toEqual({ QUEUESTART: 1, CONFIGRELOAD: 1, INFO: 1, OUTDIAL: 1, OUTHOLD: 1 });
    expect(result.stats.unknown).toEqual({ MyTestEvent: 1, CALLSTATUS: 2 });
    expect(result.stats.accepted).toBe(8);
    expect(result.stats.rejected).toBe(0);
  });
});
