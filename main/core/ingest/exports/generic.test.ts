import { describe, expect, it } from 'vitest';
import type { CustomerRecord, IngestEvent } from '../events';
import type { Mapping } from './mapping';
import { createExportParser, type ExportResult } from './parser';
import { presetMapping } from './presets';
import { docBlock, ofKind } from './testing';

function run(text: string, mapping: Mapping, sourceTimeZone?: string, chunk = 5): { events: IngestEvent[]; customers: CustomerRecord[]; result: ExportResult } {
  const events: IngestEvent[] = [];
  const customers: CustomerRecord[] = [];
  const p = createExportParser({ mapping, sourceTimeZone, onEvent: (e) => events.push(e), onCustomer: (c) => customers.push(c) });
  for (let i = 0; i < text.length; i += chunk) p.push(text.slice(i, i + chunk));
  return { events, customers, result: p.end() };
}

const HEADER = 'id,channel,queue,caller,segment,enter_time,answer_time,end_time,outcome,agent,wait_s,talk_s,hold_s,wrap_s,reason,resolved,csat,nps,ticket';
/**
 * Europe/Tallinn leaves summer time on 2024-10-27 at 04:00 EEST (+03) → 03:00 EET (+02), i.e. at
 * 01:00Z: local 03:00–04:00 happens twice. It enters summer time on 2024-03-31 at 03:00 EET →
 * 04:00 EEST: local 03:00–04:00 does not exist.
 */
const FILE = [
  HEADER,
  'g1,voice,Sales,+3725550001,VIP,2024-10-27 01:30:00,2024-10-27 01:30:20,2024-10-27 01:35:20,answered,ann,,280,20,30,Billing,yes,5,9,T-1',
  'g2,chat,Support,web-77,,2024-10-27 03:30:00,,,abandoned,,45,,,,,,,,',
  'g3,phone,Sales,+3725550002,,2024-10-27 04:10:00,2024-10-27 04:11:00,,,bob,,60,,,,,,,',
  'g4,email,Back office,a@example.com,,2024-10-27T03:30:00+02:00,,2024-10-27T09:00:00+02:00,closed,,,,,,,,,,',
  'g5,voice,Sales,,,2024-10-27 05:00:00,2024-10-27 05:00:10,,answered,ann,,10,,,,,7,,',
  'g6,voice,Sales,,,2024-10-27 05:10:00,,,abandoned,,3,,,,"Wrong number, then',
  'hung up",,,,',
  'g7,voice,Sales,,,2024-10-27 05:20:00,,,lost,,,,,,,,,,',
  'g8,voice,Sales,,,27/10/2024 05:30,,,abandoned,,,,,,,,,,',
  ',voice,Sales,,,2024-10-27 05:40:00,,,abandoned,,,,,,,,,,',
  'g9,voice,Sales,,,2024-03-31 03:30:00,,,abandoned,,12,,,,,,,,',
  'g10,fax,Sales,,,2024-10-27 06:00:00,,,abandoned,,,,,,,,,,',
].join('\r\n');

describe('generic CSV layout', () => {
  const { events, customers, result } = run(FILE, presetMapping('generic'), 'Europe/Tallinn');
  const enq = new Map(ofKind(events, 'enqueued').map((e) => [e.id, e]));
  const ended = new Map(ofKind(events, 'ended').map((e) => [e.id, e]));
  const answered = new Map(ofKind(events, 'answered').map((e) => [e.id, e]));

  it('converts local times in the source zone across the autumn change', () => {
    expect(enq.get('g1')!.at).toBe(Date.parse('2024-10-26T22:30:00Z')); // 01:30 EEST
    expect(answered.get('g1')!.at).toBe(Date.parse('2024-10-26T22:30:20Z'));
    expect(ended.get('g1')!.at).toBe(Date.parse('2024-10-26T22:35:20Z'));
    // 03:30 happens twice; a wall time without offset takes the earlier (EEST) reading.
    expect(enq.get('g2')!.at).toBe(Date.parse('2024-10-27T00:30:00Z'));
    // An explicit offset picks the second 03:30 (EET).
    expect(enq.get('g4')!.at).toBe(Date.parse('2024-10-27T01:30:00Z'));
    expect(enq.get('g3')!.at).toBe(Date.parse('2024-10-27T02:10:00Z')); // 04:10 EET
    // Spring gap: 03:30 does not exist; it is read as the moment after the jump (04:30 EEST).
    expect(enq.get('g9')!.at).toBe(Date.parse('2024-03-31T01:30:00Z'));
  });

  it('maps every column of the layout', () => {
    expect(enq.get('g1')).toMatchObject({ channel: 'voice', queue: 'Sales', caller: '+3725550001', segment: 'VIP', extra: { ticket: 'T-1' } });
    expect(answered.get('g1')).toMatchObject({ agent: 'ann', waitMs: 20_000 });
    expect(ended.get('g1')).toMatchObject({ outcome: 'answered', talkMs: 280_000, holdMs: 20_000, wrapMs: 30_000, reason: 'Billing', resolved: true, csat: 5, nps: 9 });
    expect(ended.get('g2')).toMatchObject({ outcome: 'abandoned', waitMs: 45_000, at: Date.parse('2024-10-27T00:30:45Z') });
    // Empty outcome with an answer time: answered. `phone` is voice.
    expect(enq.get('g3')!.channel).toBe('voice');
    expect(ended.get('g3')).toMatchObject({ outcome: 'answered', waitMs: 60_000, at: Date.parse('2024-10-27T02:12:00Z') });
    expect(ended.get('g4')).toMatchObject({ outcome: 'closed', waitMs: 5.5 * 3_600_000 });
    expect(answered.has('g4')).toBe(false);
    expect(ended.get('g6')).toMatchObject({ outcome: 'abandoned', reason: 'Wrong number, then\r\nhung up' });
    expect(customers).toEqual([{ caller: '+3725550001', segment: 'VIP', name: null }]);
  });

  it('rejects bad records by physical line, naming the field, and keeps the rest', () => {
    expect(result.rejects).toEqual([
      { lineNo: 6, reason: 'csat: 7 is outside 1–5' },
      { lineNo: 9, reason: 'outcome: unknown value "lost" (expected answered, abandoned, timeout, exit-empty, exit-key, transferred, closed, handled, abandon)' },
      { lineNo: 10, reason: 'enter (enter_time): not an ISO 8601 date-time: "27/10/2024 05:30"' },
      { lineNo: 11, reason: 'id: empty' },
      { lineNo: 13, reason: 'channel: "fax" is not one of voice, chat, email, social, sms' },
    ]);
    // g1, g2, g3, g4, g6, g9 come through.
    expect(result.stats).toMatchObject({ records: 11, contacts: 6, rejected: 5, skipped: 0 });
  });

  it('rejects a row with fewer fields than the header, by count: empty trailing fields written out and blank lines still read', () => {
    const text = [
      HEADER,
      'g1,voice,Sales,,,2024-10-27 01:30:00,,,abandoned,,3,,,,,,,,',
      'g2,2024-10-27 01:40:00,g2,too,few',
      'g3,voice,Sales,,,2024-10-27 01:50:00,,,abandoned,,5,,,,,,,,',
      '',
      '',
    ].join('\r\n');
    const { events, result } = run(text, presetMapping('generic'));
    expect(result.rejects).toEqual([{ lineNo: 3, reason: 'record: 5 fields, the header has 19 (a line cut short?)' }]);
    expect(ofKind(events, 'enqueued').map((e) => e.id)).toEqual(['g1', 'g3']);
    expect(result.stats).toMatchObject({ records: 3, contacts: 2, rejected: 1 });
  });

  it('keeps as extras only the columns no field reads, whatever the case of the header', () => {
    const { events, result } = run('ID;Queue;Enter_Time;OUTCOME;Wait_S;Ticket\nh1;Sales;2024-10-27T01:30:00Z;Abandoned;4;T-9\n', presetMapping('generic'));
    expect(result.rejects).toEqual([]);
    expect(ofKind(events, 'enqueued')[0]).toMatchObject({ id: 'h1', queue: 'Sales' });
    expect(ofKind(events, 'enqueued')[0]!.extra).toEqual({ Ticket: 'T-9' });
    expect(ofKind(events, 'ended')[0]).toMatchObject({ outcome: 'abandoned', waitMs: 4000 });
  });

  it('refuses a file whose header lacks a required column, and warns about optional ones', () => {
    const noEnter = run('id,queue,outcome\r\n1,Sales,answered\r\n', presetMapping('generic'));
    expect(noEnter.result.fatal).toBe('required columns missing from the header: enter ("enter_time")');
    expect(noEnter.events).toEqual([]);
    const minimal = run('id,queue,enter_time,outcome\n1,Sales,2024-01-01T10:00:00Z,abandoned\n', presetMapping('generic'));
    expect(minimal.result.fatal).toBeNull();
    expect(minimal.result.warnings).toContain('agent: column "agent" is not in the header; treated as empty');
    expect(minimal.events.map((e) => e.kind)).toEqual(['enqueued', 'ended']);
  });

  it('reads UTC when no source zone is given', () => {
    const utc = run(`${HEADER}\ng1,voice,Sales,,,2024-10-27 01:30:00,,,abandoned,,,,,,,,,,`, presetMapping('generic'));
    expect(utc.events[0].at).toBe(Date.parse('2024-10-27T01:30:00Z'));
  });

  it('reads the example of its documentation', () => {
    const doc = run(docBlock('csv'), presetMapping('generic'));
    expect(doc.result.rejects).toEqual([]);
    expect(doc.result.stats).toMatchObject({ contacts: 2, answered: 1 });
  });
});
