import { describe, expect, it } from 'vitest';
import type { CustomerRecord, IngestEvent } from '../events';
import { createExportParser, type ExportResult } from './parser';
import { presetMapping } from './presets';

/**
 * Amazon Connect contact records, hand-written after the contact record data model (field names
 * as in AWS's "Data model for Amazon Connect contact records"). Timestamps are UTC ISO strings;
 * durations are whole seconds.
 */
const voiceAnswered = {
  AWSContactTraceRecordFormatVersion: '2017-03-10',
  ContactId: '08acbb66-ea0c-406b-9583-21ed578f3e67',
  Channel: 'VOICE',
  InitiationMethod: 'INBOUND',
  InitiationTimestamp: '2021-08-16T08:26:20Z',
  DisconnectTimestamp: '2021-08-16T08:27:28Z',
  DisconnectReason: 'CUSTOMER_DISCONNECT',
  CustomerEndpoint: { Address: '+918043400593', Type: 'TELEPHONE_NUMBER' },
  SystemEndpoint: { Address: '+17165599031', Type: 'TELEPHONE_NUMBER' },
  Queue: {
    ARN: 'arn:aws:connect:us-east-1:111122223333:instance/x/queue/cd29fbba',
    Name: 'Billing',
    EnqueueTimestamp: '2021-08-16T08:26:22Z',
    DequeueTimestamp: '2021-08-16T08:26:26Z',
    Duration: 4,
  },
  Agent: {
    ARN: 'arn:aws:connect:us-east-1:111122223333:instance/x/agent/a1',
    Username: 'maria',
    ConnectedToAgentTimestamp: '2021-08-16T08:26:26Z',
    AgentInteractionDuration: 54,
    CustomerHoldDuration: 7,
    AfterContactWorkDuration: 5,
  },
  Attributes: { segment: 'Gold', language: 'en', tries: 2 },
  Recordings: [{ Location: 's3://bucket/rec.wav' }],
};

const chatAbandoned = {
  ContactId: 'c2-chat',
  Channel: 'CHAT',
  InitiationMethod: 'API',
  InitiationTimestamp: '2021-08-16T09:00:00Z',
  DisconnectTimestamp: '2021-08-16T09:03:10Z',
  DisconnectReason: 'CUSTOMER_DISCONNECT',
  CustomerEndpoint: null,
  Queue: { Name: 'Support', EnqueueTimestamp: '2021-08-16T09:00:05.500Z', DequeueTimestamp: '2021-08-16T09:03:10Z', Duration: 185 },
  Agent: null,
  Attributes: {},
};

const outboundNoQueue = {
  ContactId: 'c3-outbound',
  Channel: 'VOICE',
  InitiationMethod: 'OUTBOUND',
  InitiationTimestamp: '2021-08-16T10:00:00Z',
  DisconnectTimestamp: '2021-08-16T10:05:00Z',
  Queue: null,
  Agent: { Username: 'maria', ConnectedToAgentTimestamp: '2021-08-16T10:00:10Z', AgentInteractionDuration: 290 },
};

const task = { ...chatAbandoned, ContactId: 'c4-task', Channel: 'TASK' };
const flowTimeout = { ...chatAbandoned, ContactId: 'c5-voice', Channel: 'VOICE', DisconnectReason: 'CONTACT_FLOW_DISCONNECT' };

function run(text: string, chunk = 7): { events: IngestEvent[]; customers: CustomerRecord[]; result: ExportResult } {
  const events: IngestEvent[] = [];
  const customers: CustomerRecord[] = [];
  const p = createExportParser({ mapping: presetMapping('connect-ctr'), onEvent: (e) => events.push(e), onCustomer: (c) => customers.push(c) });
  for (let i = 0; i < text.length; i += chunk) p.push(text.slice(i, i + chunk));
  return { events, customers, result: p.end() };
}

describe('connect-ctr preset', () => {
  const ndjson = [voiceAnswered, chatAbandoned, outboundNoQueue, task, flowTimeout].map((o) => JSON.stringify(o)).join('\n');

  it('turns a queued, answered voice CTR into enqueued / answered / ended', () => {
    const { events } = run(ndjson);
    const mine = events.filter((e) => 'id' in e && e.id === voiceAnswered.ContactId);
    expect(mine).toEqual([
      {
        kind: 'enqueued',
        source: 'export:connect-ctr',
        id: voiceAnswered.ContactId,
        at: Date.parse('2021-08-16T08:26:22Z'),
        channel: 'voice',
        queue: 'Billing',
        caller: '+918043400593',
        did: '+17165599031',
        segment: 'Gold',
        customerName: null,
        extra: { 'Attributes.segment': 'Gold', 'Attributes.language': 'en', 'Attributes.tries': 2, InitiationMethod: 'INBOUND', DisconnectReason: 'CUSTOMER_DISCONNECT' },
      },
      { kind: 'answered', source: 'export:connect-ctr', id: voiceAnswered.ContactId, at: Date.parse('2021-08-16T08:26:26Z'), agent: 'maria', waitMs: 4000 },
      {
        kind: 'ended',
        source: 'export:connect-ctr',
        id: voiceAnswered.ContactId,
        at: Date.parse('2021-08-16T08:27:28Z'),
        outcome: 'answered',
        waitMs: 4000,
        talkMs: 54_000,
        holdMs: 7000,
        wrapMs: 5000,
        reason: null,
        resolved: null,
        csat: null,
        nps: null,
      },
    ]);
  });

  it('abandons a chat that left the queue unanswered, and times out a flow disconnect', () => {
    const { events } = run(ndjson);
    const ended = events.filter((e) => e.kind === 'ended');
    expect(ended.find((e) => e.id === 'c2-chat')).toMatchObject({ outcome: 'abandoned', waitMs: 185_000, talkMs: null });
    expect(events.find((e) => e.kind === 'enqueued' && e.id === 'c2-chat')).toMatchObject({ channel: 'chat', queue: 'Support', caller: null, at: Date.parse('2021-08-16T09:00:05.500Z') });
    expect(ended.find((e) => e.id === 'c5-voice')).toMatchObject({ outcome: 'timeout' });
    expect(events.some((e) => e.kind === 'answered' && e.id === 'c2-chat')).toBe(false);
  });

  it('skips CTRs that never entered a queue and TASK contacts, counted and not rejected', () => {
    const { events, result } = run(ndjson);
    expect(result.stats).toMatchObject({ records: 5, contacts: 3, answered: 1, skipped: 2, rejected: 0 });
    expect(result.stats.skippedBy).toEqual({ 'never entered a queue': 1, 'channel skipped by the mapping': 1 });
    expect(events.some((e) => 'id' in e && (e.id === 'c3-outbound' || e.id === 'c4-task'))).toBe(false);
  });

  it('reads a JSON array too, and rejects broken records with their line', () => {
    const array = JSON.stringify([voiceAnswered, { ...chatAbandoned, Queue: { ...chatAbandoned.Queue, EnqueueTimestamp: 'yesterday' } }, chatAbandoned], null, 2);
    const { events, result } = run(array, 64);
    expect(result.stats).toMatchObject({ records: 3, contacts: 2, rejected: 1 });
    // Independent: the lines on which JSON.stringify opened each array element.
    const starts = array.split('\n').flatMap((l, i) => (l === '  {' ? [i + 1] : []));
    const badLine = starts[1];
    expect(result.rejects).toEqual([{ lineNo: badLine, reason: 'enter (Queue.EnqueueTimestamp): not an ISO 8601 date-time: "yesterday"' }]);
    expect(events.filter((e) => e.kind === 'enqueued')).toHaveLength(2);
  });

  it('sends a directory entry when the contact attributes carry a segment', () => {
    expect(run(ndjson).customers).toEqual([{ caller: '+918043400593', segment: 'Gold', name: null }]);
  });
});
