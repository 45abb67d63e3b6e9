import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../../shared/contract/settings';
import { openDb, type Db } from '../../../db/open';
import type { IngestEvent } from '../events';
import { createIngestStore } from '../store';
import { createFeedTranslator, createNdjsonParser, FeedLine, parseNdjsonFile, type FeedParseResult } from './index';

type Emitted = { event: IngestEvent; lineNo: number; extra: Record<string, unknown> | null };

function feed(text: string, chunk = text.length): { out: Emitted[]; result: FeedParseResult } {
  const out: Emitted[] = [];
  const p = createNdjsonParser({ source: 'feed:test', onEvent: (event, meta) => out.push({ event, ...meta }) });
  for (let i = 0; i < text.length; i += chunk) p.push(text.slice(i, i + chunk));
  return { out, result: p.end() };
}

const LINES = [
  /* 1 */ '{"type":"enqueued","id":"c1","channel":"chat","queue":"Support","at":"2024-05-01T10:00:00+03:00","customer":"+3725551234","segment":"VIP","lang":"et","tags":["a"]}',
  /* 2 */ '{"type":"answered","id":"c1","at":1714546830000,"agent":"kati","skill":"chat-et"}',
  /* 3 */ '{"type":"transferred","id":"c1","at":"2024-05-01T07:01:00Z","to":"Billing"}',
  /* 4 */ '{"type":"closed","id":"c1","at":"2024-05-01T07:05:00.250Z","csat":4,"wrapCode":"done"}',
  /* 5 */ '{"type":"enqueued","id":42,"channel":"email","queue":"Mail","at":"2024-05-01T07:10:00Z"}',
  /* 6 */ '{"type":"closed","id":"42","at":"2024-05-01T08:00:00Z"}',
  /* 7 */ '{"type":"enqueued","id":"c3","channel":"sms","queue":"SMS","at":"2024-05-01T07:20:00Z"}',
  /* 8 */ '{"type":"abandoned","id":"c3","at":"2024-05-01T07:21:00Z"}',
  /* 9 */ '',
  /* 10 */ '{"type":"enqueued","id":"bad1","channel":"chat","queue":"Support","at":"2024-05-01 07:00:00"}',
  /* 11 */ '{"type":"enqueued","channel":"chat","queue":"Support","at":"2024-05-01T07:00:00Z"}',
  /* 12 */ '{"type":"escalated","id":"bad3","at":"2024-05-01T07:00:00Z"}',
  /* 13 */ '{"type":"enqueued","id":"bad4","channel":"fax","queue":"Support","at":"2024-05-01T07:00:00Z"}',
  /* 14 */ '{"type":"enqueued","id":"bad5", "channel":"chat"',
  /* 15 */ '{"type":"answered","id":"c3","at":1714546830}',
  /* 16 */ '[1,2]',
  /* 17 */ '{"type":"answered","id":"c3","at":"2024-05-01T07:00:00Z","agent":"mart"}',
  /* 18 */ '{"type":"enqueued","id":"c4","channel":"voice","queue":"Sales","at":"2024-05-01T07:30:00Z"}',
];
const TEXT = `${LINES.join('\r\n')}\r\n`;

describe('NDJSON event feed', () => {
  const { out, result } = feed(TEXT);

  it('translates each line type', () => {
    const events = out.map((o) => o.event);
    expect(events[0]).toEqual({
      kind: 'enqueued',
      source: 'feed:test',
      id: 'c1',
      at: Date.parse('2024-05-01T07:00:00Z'),
      channel: 'chat',
      queue: 'Support',
      caller: '+3725551234',
      segment: 'VIP',
      extra: { lang: 'et', tags: ['a'] },
    });
    expect(events[1]).toEqual({ kind: 'answered', source: 'feed:test', id: 'c1', at: 1714546830000, agent: 'kati' });
    expect(events[2]).toEqual({ kind: 'transferred', source: 'feed:test', id: 'c1', at: Date.parse('2024-05-01T07:01:00Z'), to: 'Billing' });
    // Closed after answered: a completed conversation.
    expect(events[3]).toMatchObject({ kind: 'ended', id: 'c1', outcome: 'answered', csat: 4, at: Date.parse('2024-05-01T07:05:00.250Z') });
    // Numeric id becomes text; closed without ever being answered keeps the `closed` outcome.
    expect(events[4]).toMatchObject({ kind: 'enqueued', id: '42', channel: 'email' });
    expect(events[5]).toMatchObject({ kind: 'ended', id: '42', outcome: 'closed' });
    expect(events[7]).toMatchObject({ kind: 'ended', id: 'c3', outcome: 'abandoned' });
    expect(out.map((o) => o.lineNo)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 17, 18]);
  });

  it('keeps unknown fields: in the contact on enqueued, beside the event on later lines', () => {
    expect(out[1].extra).toEqual({ skill: 'chat-et' });
    expect(out[3].extra).toEqual({ wrapCode: 'done' });
    expect(out[5].extra).toBeNull();
  });

  it('reports malformed lines with their numbers and imports the rest', () => {
    expect(result.rejects.map((r) => [r.lineNo, r.reason])).toEqual([
      [10, 'at: "2024-05-01 07:00:00" has no UTC offset (add Z or +hh:mm)'],
      [11, 'id: missing'],
      [12, 'type: unknown type "escalated" (expected enqueued, answered, abandoned, closed, transferred)'],
      [13, 'channel: unknown channel "fax" (expected voice, chat, email, social, sms)'],
      [14, expect.stringMatching(/^invalid JSON: /)],
      [15, 'at: 1714546830 looks like epoch seconds; the feed takes milliseconds; agent: required on answered'],
      [16, 'not a JSON object'],
    ]);
    expect(result.stats).toMatchObject({ lines: 18, blank: 1, accepted: 10, rejected: 7 });
    expect(result.stats.byType).toEqual({ enqueued: 4, answered: 2, transferred: 1, closed: 2, abandoned: 1 });
  });

  it('gives the same result whatever the chunking, and reads files', async () => {
    for (const size of [1, 3, 17]) expect(feed(TEXT, size)).toEqual({ out, result });
    const dir = mkdtempSync(path.join(tmpdir(), 'fw-ndjson-'));
    try {
      const file = path.join(dir, 'feed.ndjson');
      // BOM, LF endings, and a last line without its newline.
      writeFileSync(file, `\uFEFF${LINES.slice(0, 8).join('\n')}`);
      const events: IngestEvent[] = [];
      const r = await parseNdjsonFile(file, { source: 'feed:test', onEvent: (e) => events.push(e) }, { chunkSize: 16 });
      expect(r.stats).toMatchObject({ lines: 8, accepted: 8, rejected: 0 });
      expect(events).toEqual(out.slice(0, 8).map((o) => o.event));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('resumes a growing file from the offset it reached, with line numbers and memory intact', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fw-ndjson-'));
    try {
      const file = path.join(dir, 'feed.ndjson');
      // Line 2 carries a multi-byte character, so offsets must count bytes, not characters.
      const [l1, l2, l3] = [LINES[0].replace('VIP', 'VÏP'), LINES[1], LINES[3]];
      writeFileSync(file, `${l1}\n${l2}\n${l3.slice(0, 20)}`);
      const translator = createFeedTranslator({ source: 'feed:tail' });
      const seen: Emitted[] = [];
      const onEvent = (event: IngestEvent, meta: { lineNo: number; extra: Record<string, unknown> | null }) => seen.push({ event, ...meta });
      const first = await parseNdjsonFile(file, { source: 'feed:tail', translator, onEvent }, { chunkSize: 10, includeUnterminated: false });
      expect(first).toMatchObject({ endOffset: Buffer.byteLength(`${l1}\n${l2}\n`), nextLineNo: 3 });
      appendFileSync(file, `${l3.slice(20)}\n`);
      const second = await parseNdjsonFile(
        file,
        { source: 'feed:tail', translator, onEvent, firstLineNo: first.nextLineNo },
        { offset: first.endOffset, chunkSize: 10, includeUnterminated: false },
      );
      expect(second.stats).toMatchObject({ accepted: 1, rejected: 0 });
      expect(seen.map((e) => e.lineNo)).toEqual([1, 2, 3]);
      // The answered line of the first run makes the close an answered one.
      expect(seen[2].event).toMatchObject({ kind: 'ended', outcome: 'answered' });
      expect(seen[0].event).toMatchObject({ segment: 'VÏP' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exposes the line schema for the HTTP endpoint', () => {
    expect(FeedLine.safeParse({ type: 'answered', id: 'x', at: '2024-05-01T07:00:00+0300', agent: 'a' }).success).toBe(true);
    expect(FeedLine.safeParse({ type: 'enqueued', id: 'x', at: 1714546830000, channel: 'chat' }).success).toBe(false);
    const t = createFeedTranslator({ source: 'feed:http' });
    expect(t.translate({ type: 'answered', id: 'x', at: '2024-05-01T07:00:00+0300', agent: 'a' })).toMatchObject({ ok: true, event: { at: Date.parse('2024-05-01T04:00:00Z') } });
    expect(t.translate({ type: 'closed', id: 'x', at: 1714546900000 })).toMatchObject({ ok: true, event: { outcome: 'answered' } });
    expect(t.translate({ type: 'closed', id: 'y', at: 1714546900000, agent: 'b' })).toMatchObject({ ok: true, event: { outcome: 'answered', agent: 'b' } });
  });
});

describe('NDJSON feed into the store', () => {
  const settings = defaultSettings();
  const open = () => {
    const db = openDb(':memory:');
    return { db, store: createIngestStore(db, () => ({ timezone: 'UTC', targetSec: settings.targetSec, shortAbandonSec: settings.shortAbandonSec })) };
  };
  /** Each call is a new parser with its own translator: another file, or a tail after a restart. */
  const importText = (store: ReturnType<typeof open>['store'], text: string) => {
    const events: IngestEvent[] = [];
    createNdjsonParser({ source: 'feed:test', onEvent: (e) => events.push(e) }).push(text);
    return store.apply(events);
  };
  const contact = (db: Db, id: string) =>
    db
      .prepare('SELECT c.outcome, c.answer_at, c.end_at, c.wait_ms, a.name AS agent FROM contacts c LEFT JOIN agents a ON a.id = c.agent_id WHERE c.source_id = ?')
      .get(id);

  it('answers a contact closed with `agent` and never marked answered, at the closing time', () => {
    const { db, store } = open();
    importText(
      store,
      '{"type":"enqueued","id":"c4","channel":"social","queue":"Social","at":"2025-11-02T07:20:00Z"}\n{"type":"closed","id":"c4","at":"2025-11-02T07:50:00Z","agent":"mari"}\n',
    );
    const closedAt = Date.parse('2025-11-02T07:50:00Z');
    expect(contact(db, 'c4')).toEqual({ outcome: 'answered', answer_at: closedAt, end_at: closedAt, wait_ms: 30 * 60_000, agent: 'mari' });
  });

  it('takes the talk time of an answered contact from its answer to its close when the feed gives none', () => {
    const { db, store } = open();
    importText(
      store,
      [
        '{"type":"enqueued","id":"t1","channel":"chat","queue":"Support","at":"2025-11-02T07:00:00Z"}',
        '{"type":"answered","id":"t1","at":"2025-11-02T07:00:30Z","agent":"eve"}',
        '{"type":"closed","id":"t1","at":"2025-11-02T07:02:10Z"}',
        '{"type":"enqueued","id":"t2","channel":"social","queue":"Social","at":"2025-11-02T07:20:00Z"}',
        '{"type":"closed","id":"t2","at":"2025-11-02T07:50:00Z","agent":"mari"}',
      ].join('\n') + '\n',
    );
    const talk = (id: string) => (db.prepare('SELECT talk_ms FROM contacts WHERE source_id = ?').get(id) as { talk_ms: number | null }).talk_ms;
    expect(talk('t1')).toBe(100_000);
    // Answered only at its close: nothing tells how long the conversation was.
    expect(talk('t2')).toBeNull();
  });

  it('keeps the answer a contact already has when it closes with `agent` in a later file', () => {
    const { db, store } = open();
    importText(store, '{"type":"enqueued","id":"c5","channel":"chat","queue":"Support","at":"2025-11-02T07:00:00Z"}\n{"type":"answered","id":"c5","at":"2025-11-02T07:00:30Z","agent":"kati"}\n');
    importText(store, '{"type":"closed","id":"c5","at":"2025-11-02T07:10:00Z","agent":"mari"}\n');
    expect(contact(db, 'c5')).toMatchObject({ outcome: 'answered', answer_at: Date.parse('2025-11-02T07:00:30Z'), wait_ms: 30_000, agent: 'kati' });
  });

  it('keeps a contact answered when its `closed` line comes in a later file (or after a tail restart)', () => {
    const { db, store } = open();
    importText(store, '{"type":"enqueued","id":"s1","channel":"chat","queue":"Support","at":"2025-11-02T07:00:00Z"}\n{"type":"answered","id":"s1","at":"2025-11-02T07:00:30Z","agent":"kati"}\n');
    importText(store, '{"type":"closed","id":"s1","at":"2025-11-02T07:10:00Z","csat":5}\n');
    expect(contact(db, 's1')).toEqual({ outcome: 'answered', answer_at: Date.parse('2025-11-02T07:00:30Z'), end_at: Date.parse('2025-11-02T07:10:00Z'), wait_ms: 30_000, agent: 'kati' });
    // Closed without ever being answered is still `closed`.
    importText(store, '{"type":"enqueued","id":"e1","channel":"email","queue":"Mail","at":"2025-11-02T07:00:00Z"}\n');
    importText(store, '{"type":"closed","id":"e1","at":"2025-11-02T08:00:00Z"}\n');
    expect(contact(db, 'e1')).toMatchObject({ outcome: 'closed', answer_at: null, agent: null });
  });
});
