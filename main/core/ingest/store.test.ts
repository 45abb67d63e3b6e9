import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../db/open';
import { defaultSettings } from '../../../shared/contract/settings';
import type { IngestEvent } from './events';
import { rebuildRollups, writeSegmentRules, type RollupParams } from './rollup';
import { createIngestStore } from './store';
import { ROLLUP_SUMS } from './rollup-sums';

const T0 = Date.UTC(2024, 9, 26, 20, 0); // Sat 23:00 in Tallinn, the evening before the DST change
const S = 'test';

const params = (zone = 'Europe/Tallinn'): RollupParams => {
  const s = defaultSettings();
  return { timezone: zone, targetSec: s.targetSec, shortAbandonSec: s.shortAbandonSec };
};

function call(id: string, enter: number, opts: { answerAfter?: number; talk?: number; abandonAfter?: number; rna?: string; agent?: string; caller?: string }): IngestEvent[] {
  const ev: IngestEvent[] = [{ kind: 'enqueued', source: S, id, at: enter, channel: 'voice', queue: 'Support', caller: opts.caller ?? `+372${id}` }];
  let t = enter;
  if (opts.rna) {
    ev.push({ kind: 'ring', source: S, id, at: t + 1000, agent: opts.rna });
    ev.push({ kind: 'ring-end', source: S, id, at: t + 16_000, agent: opts.rna, ringMs: 15_000, result: 'no-answer' });
    t += 16_000;
  }
  if (opts.answerAfter !== undefined) {
    const agent = opts.agent ?? 'SIP/1001';
    ev.push({ kind: 'ring', source: S, id, at: enter + opts.answerAfter - 3000, agent });
    ev.push({ kind: 'answered', source: S, id, at: enter + opts.answerAfter, agent, ringMs: 3000 });
    ev.push({ kind: 'ended', source: S, id, at: enter + opts.answerAfter + (opts.talk ?? 60_000), outcome: 'answered', talkMs: opts.talk ?? 60_000, wrapMs: 10_000 });
  } else if (opts.abandonAfter !== undefined) {
    ev.push({ kind: 'ended', source: S, id, at: enter + opts.abandonAfter, outcome: 'abandoned' });
  }
  return ev;
}

const rollup = (db: Db) =>
  db
    // Every sum; a row whose sums all cancelled out is the same as no row.
    .prepare(`SELECT * FROM rollup_hour WHERE ${ROLLUP_SUMS.map((c) => `${c} <> 0`).join(' OR ')} ORDER BY 1,2,3,4,5`)
    .all();

describe('ingest store', () => {
  it('stores contacts, attempts and outcomes from normalised events', () => {
    const db = openDb(':memory:');
    const store = createIngestStore(db, () => params());
    const r = store.apply([...call('1', T0, { answerAfter: 12_000 }), ...call('2', T0 + 5000, { abandonAfter: 3000 }), ...call('3', T0 + 9000, { rna: 'SIP/1002', answerAfter: 40_000 })]);
    expect(r.newContacts).toBe(3);
    const rows = db.prepare('SELECT source_id, outcome, wait_ms, talk_ms, answer_at IS NOT NULL AS answered FROM contacts ORDER BY source_id').all();
    expect(rows).toEqual([
      { source_id: '1', outcome: 'answered', wait_ms: 12_000, talk_ms: 60_000, answered: 1 },
      { source_id: '2', outcome: 'abandoned', wait_ms: 3000, talk_ms: null, answered: 0 },
      { source_id: '3', outcome: 'answered', wait_ms: 40_000, talk_ms: 60_000, answered: 1 },
    ]);
    const attempts = db.prepare('SELECT a.result, a.ring_ms FROM attempts a ORDER BY a.at').all();
    expect(attempts).toEqual([
      { result: 'connected', ring_ms: 3000 },
      { result: 'no-answer', ring_ms: 15_000 },
      { result: 'connected', ring_ms: 3000 },
    ]);
  });

  it('is idempotent: replaying events and overlapping batches change nothing', () => {
    const db = openDb(':memory:');
    const store = createIngestStore(db, () => params());
    const events = [...call('1', T0, { answerAfter: 12_000, rna: 'SIP/1002' }), ...call('2', T0 + 5000, { abandonAfter: 3000 })];
    store.apply(events);
    const snap = () => ({
      contacts: db.prepare('SELECT * FROM contacts ORDER BY id').all(),
      attempts: db.prepare('SELECT * FROM attempts ORDER BY id').all(),
      rollup: rollup(db),
    });
    const first = snap();
    store.apply(events);
    store.apply(events.slice(2));
    expect(snap()).toEqual(first);
  });

  it('completes a contact that was still waiting when a later batch brings its answer', () => {
    const db = openDb(':memory:');
    const store = createIngestStore(db, () => params());
    const events = call('1', T0, { answerAfter: 30_000 });
    store.apply(events.slice(0, 1));
    expect(db.prepare('SELECT count(*) AS n FROM contacts WHERE answer_at IS NULL AND end_at IS NULL').get()).toEqual({ n: 1 });
    store.apply(events.slice(1));
    expect(db.prepare('SELECT outcome FROM contacts').get()).toEqual({ outcome: 'answered' });
  });

  it('keeps the hourly rollup equal to a rebuild from scratch, by local hour across DST', () => {
    const db = openDb(':memory:');
    const store = createIngestStore(db, () => params());
    const events: IngestEvent[] = [];
    // One call every 7 minutes over the night of the autumn DST change (25-hour day).
    for (let i = 0; i < 60; i++) {
      const enter = T0 + i * 7 * 60_000;
      events.push(...call(`c${i}`, enter, i % 4 === 0 ? { abandonAfter: 2000 + i * 1000 } : { answerAfter: 5000 + i * 500, rna: i % 5 === 0 ? 'SIP/1009' : undefined }));
    }
    for (let i = 0; i < events.length; i += 13) store.apply(events.slice(i, i + 13));
    const incremental = rollup(db);
    rebuildRollups(db, params());
    expect(rollup(db)).toEqual(incremental);
    // The repeated local hour 03:00 on 2024-10-27 is two buckets, an hour apart.
    const hours = (incremental as { hour_at: number }[]).map((r) => r.hour_at);
    expect(hours).toContain(Date.UTC(2024, 9, 27, 0));
    expect(hours).toContain(Date.UTC(2024, 9, 27, 1));
    const totals = db.prepare('SELECT sum(offered) AS offered, sum(abandoned) AS abandoned, sum(short_abandoned) AS short FROM rollup_hour').get();
    // Abandons wait 2 s + i s for i = 0, 4, 8…: only the first is under the 5 s short-abandon threshold.
    expect(totals).toEqual({ offered: 60, abandoned: 15, short: 1 });
  });

  it('buckets a half-hour zone by local hour whatever order a batch brings the contacts in', () => {
    // Kolkata is UTC+05:30: UTC 07:00–08:00 holds the end of local 12:00–13:00 and the start of 13:00–14:00.
    const db = openDb(':memory:');
    const store = createIngestStore(db, () => params('Asia/Kolkata'));
    const late = Date.UTC(2024, 9, 26, 7, 45);
    const early = Date.UTC(2024, 9, 26, 7, 10);
    store.apply([...call('late', late, { abandonAfter: 2000 }), ...call('early', early, { abandonAfter: 2000 })]);
    expect(db.prepare('SELECT hour_at, offered FROM rollup_hour ORDER BY hour_at').all()).toEqual([
      { hour_at: Date.UTC(2024, 9, 26, 6, 30), offered: 1 },
      { hour_at: Date.UTC(2024, 9, 26, 7, 30), offered: 1 },
    ]);
    const incremental = rollup(db);
    rebuildRollups(db, params('Asia/Kolkata'));
    expect(rollup(db)).toEqual(incremental);
  });

  it('keeps an unknown wait NULL: no short abandon, no 0 s in the average, rollup equal to a rebuild', () => {
    const db = openDb(':memory:');
    const store = createIngestStore(db, () => params());
    const enq = (id: string): IngestEvent => ({ kind: 'enqueued', source: S, id, at: T0, channel: 'voice', queue: 'Support' });
    // What an export without times gives for an abandoned call: ended at its enter time.
    const unknown: IngestEvent = { kind: 'ended', source: S, id: 'u', at: T0, outcome: 'abandoned', waitUnknown: true };
    // An earlier import of the same file derived 0 s from the placeholder time.
    store.apply([enq('u'), { ...unknown, waitUnknown: undefined }, ...call('k', T0, { abandonAfter: 2000 })]);
    expect(db.prepare("SELECT wait_ms FROM contacts WHERE source_id = 'u'").get()).toEqual({ wait_ms: 0 });
    store.apply([enq('u'), unknown]);
    expect(db.prepare('SELECT source_id, wait_ms FROM contacts ORDER BY source_id').all()).toEqual([
      { source_id: 'k', wait_ms: 2000 },
      { source_id: 'u', wait_ms: null },
    ]);
    const sums = () => db.prepare('SELECT sum(offered) AS offered, sum(abandoned) AS abandoned, sum(short_abandoned) AS short, sum(wait_ms) AS wait FROM rollup_hour').get();
    expect(sums()).toEqual({ offered: 2, abandoned: 2, short: 1, wait: 2000 });
    const incremental = rollup(db);
    rebuildRollups(db, params());
    expect(rollup(db)).toEqual(incremental);
  });

  it('tracks agent state forward in time only', () => {
    const db = openDb(':memory:');
    const store = createIngestStore(db, () => params());
    const state = () => db.prepare("SELECT state, state_reason FROM agents a JOIN agent_aliases al ON al.agent_id = a.id WHERE al.alias = 'SIP/1001'").get();
    store.apply([{ kind: 'agent', source: S, at: T0, agent: 'SIP/1001', name: 'Kadri', action: 'login', queue: 'Support' }]);
    expect(state()).toEqual({ state: 'available', state_reason: null });
    store.apply([{ kind: 'agent', source: S, at: T0 + 60_000, agent: 'SIP/1001', action: 'pause', reason: 'Lunch' }]);
    expect(state()).toEqual({ state: 'paused', state_reason: 'Lunch' });
    // An older logoff (e.g. from importing last month's file) does not rewind the floor.
    store.apply([{ kind: 'agent', source: S, at: T0 - 86_400_000, agent: 'SIP/1001', action: 'logoff' }]);
    expect(state()).toEqual({ state: 'paused', state_reason: 'Lunch' });
    // The member name seen with the interface is the same person.
    expect(db.prepare("SELECT a.name FROM agents a JOIN agent_aliases al ON al.agent_id = a.id WHERE al.alias = 'Kadri'").get()).toEqual({ name: 'Kadri' });
    expect(db.prepare('SELECT count(*) AS n FROM agents').get()).toEqual({ n: 1 });
  });

  it('counts events for contacts it never saw enter as orphans instead of inventing them', () => {
    const db = openDb(':memory:');
    const store = createIngestStore(db, () => params());
    const r = store.apply([{ kind: 'ended', source: S, id: 'ghost', at: T0, outcome: 'abandoned' }]);
    expect(r.orphans).toBe(1);
    expect(db.prepare('SELECT count(*) AS n FROM contacts').get()).toEqual({ n: 0 });
  });

  it('keeps the events of a contact whose entry comes later, and applies them when it does (rotated log imported after the newer one)', () => {
    const db = openDb(':memory:');
    const store = createIngestStore(db, () => params());
    const [enter, ...rest] = call('r1', T0, { rna: 'SIP/1002', answerAfter: 30_000 });
    // The newer file first, twice (a re-import): its events wait for the entry, once each.
    expect(store.apply(rest).orphans).toBe(rest.length);
    store.apply(rest);
    expect(db.prepare('SELECT count(*) AS n FROM pending_events').get()).toEqual({ n: rest.length });
    expect(db.prepare('SELECT count(*) AS n FROM contacts').get()).toEqual({ n: 0 });
    // Then the older file with the entry.
    store.apply([enter!]);
    expect(db.prepare('SELECT outcome, wait_ms, talk_ms, answer_at IS NOT NULL AS answered FROM contacts').all()).toEqual([{ outcome: 'answered', wait_ms: 30_000, talk_ms: 60_000, answered: 1 }]);
    expect(db.prepare('SELECT result FROM attempts ORDER BY at').all()).toEqual([{ result: 'no-answer' }, { result: 'connected' }]);
    expect(db.prepare('SELECT count(*) AS n FROM pending_events').get()).toEqual({ n: 0 });
    const incremental = rollup(db);
    rebuildRollups(db, params());
    expect(rollup(db)).toEqual(incremental);
  });

  it('applies events that come before their entry in the same batch right after it (same-second lines, a table export sorted newest first)', () => {
    const db = openDb(':memory:');
    const store = createIngestStore(db, () => params());
    const answered = call('d1', T0, { rna: 'SIP/1002', answerAfter: 30_000 });
    const [enter2, abandon2] = call('d2', T0 + 60_000, { abandonAfter: 0 });
    const r = store.apply([...answered].reverse().concat([abandon2!, enter2!]));
    expect(r.orphans).toBe(0);
    expect(db.prepare('SELECT source_id, outcome, wait_ms, talk_ms, answer_at IS NOT NULL AS answered FROM contacts ORDER BY source_id').all()).toEqual([
      { source_id: 'd1', outcome: 'answered', wait_ms: 30_000, talk_ms: 60_000, answered: 1 },
      { source_id: 'd2', outcome: 'abandoned', wait_ms: 0, talk_ms: null, answered: 0 },
    ]);
    expect(db.prepare('SELECT result FROM attempts ORDER BY at').all()).toEqual([{ result: 'no-answer' }, { result: 'connected' }]);
    expect(db.prepare('SELECT count(*) AS n FROM pending_events').get()).toEqual({ n: 0 });
    const incremental = rollup(db);
    rebuildRollups(db, params());
    expect(rollup(db)).toEqual(incremental);
  });

  it('re-segments history from the directory (segment is never frozen at import)', () => {
    const db = openDb(':memory:');
    const store = createIngestStore(db, () => params());
    store.apply(call('1', T0, { answerAfter: 5000, caller: '+3725550001' }));
    expect(store.upsertCustomers([{ caller: '+3725550001', segment: 'VIP', name: 'Mari' }], T0)).toBe(1);
    expect(store.upsertCustomers([{ caller: '+3725550001', segment: 'VIP', name: 'Mari' }], T0)).toBe(0);
    rebuildRollups(db, params());
    expect(db.prepare('SELECT segment FROM rollup_hour').all()).toEqual([{ segment: 'VIP' }]);
  });

  it('links a directory number written with spaces and dashes to the number the log has, for segments, rules and repeats', () => {
    const db = openDb(':memory:');
    const withRules: RollupParams = { ...params(), segmentRules: [{ kind: 'prefix', pattern: '+372 6', segment: 'Landline' }] };
    // As the app starts: rules written, rollups (empty) built, so directory imports move sums.
    writeSegmentRules(db, withRules.segmentRules!);
    rebuildRollups(db, withRules);
    const store = createIngestStore(db, () => withRules);
    store.apply([...call('1', T0, { answerAfter: 5000, caller: '+3725550001' }), ...call('2', T0 + 3_600_000, { answerAfter: 5000, caller: '+372 555-0001' })]);
    store.apply(call('3', T0 + 7_200_000, { answerAfter: 5000, caller: '+372 (6) 600 000' }));
    expect(store.upsertCustomers([{ caller: '+372 555 0001', segment: 'VIP' }], T0)).toBe(1);
    expect(db.prepare('SELECT caller FROM customers').all()).toEqual([{ caller: '+3725550001' }]);
    expect(db.prepare('SELECT source_id, caller, segment, repeat_flags FROM contacts ORDER BY source_id').all()).toEqual([
      { source_id: '1', caller: '+3725550001', segment: 'VIP', repeat_flags: 2 },
      { source_id: '2', caller: '+3725550001', segment: 'VIP', repeat_flags: 1 },
      { source_id: '3', caller: '+3726600000', segment: 'Landline', repeat_flags: 0 },
    ]);
    const incremental = rollup(db);
    rebuildRollups(db, withRules);
    expect(rollup(db)).toEqual(incremental);
  });

  it('picks up a directory change made through another connection (an import worker beside the app)', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fw-store-')), 'db.sqlite');
    const app = openDb(file);
    const worker = openDb(file);
    const appStore = createIngestStore(app, () => params());
    const workerStore = createIngestStore(worker, () => params());
    appStore.upsertCustomers([{ caller: '+3725550002', segment: 'Business' }], T0);
    workerStore.apply(call('w1', T0, { answerAfter: 5000, caller: '+3725550002' }));
    // The app changes the directory; the worker's next contact of that caller takes the new segment.
    appStore.upsertCustomers([{ caller: '+3725550002', segment: 'VIP' }], T0 + 1);
    workerStore.apply(call('w2', T0 + 60_000, { answerAfter: 5000, caller: '+3725550002' }));
    expect(worker.prepare("SELECT source_id, segment FROM contacts ORDER BY source_id").all()).toEqual([
      { source_id: 'w1', segment: 'VIP' },
      { source_id: 'w2', segment: 'VIP' },
    ]);
    app.close();
    worker.close();
  });

  it('finds contacts of earlier batches whatever their ids hold (batched lookup, lone surrogates, emoji)', () => {
    const db = openDb(':memory:');
    const store = createIngestStore(db, () => params());
    const ids = ['plain', 'lone\ud800', 'emoji\u{1F600}', "quote'\"x"];
    for (const id of ids) store.apply(call(id, T0, {}));
    const later = store.apply(ids.map((id): IngestEvent => ({ kind: 'answered', source: S, id, at: T0 + 9000, agent: 'SIP/1001' })));
    expect(later.orphans).toBe(0);
    expect(later.newContacts).toBe(0);
    expect(db.prepare('SELECT count(*) AS n, count(answer_at) AS a FROM contacts').get()).toEqual({ n: 4, a: 4 });
  });

  it('writes batches larger than one multi-row statement: every attempt and rollup cell lands once', () => {
    const db = openDb(':memory:');
    const store = createIngestStore(db, () => params());
    const events: IngestEvent[] = [];
    for (let i = 0; i < 500; i++) {
      events.push(...call(`m${i}`, T0 + i * 97_000, { answerAfter: 4000 + (i % 7) * 1000, talk: 30_000 + i, agent: `SIP/${1000 + (i % 23)}`, rna: i % 5 === 0 ? 'SIP/999' : undefined }));
    }
    store.apply(events);
    const totals = db.prepare('SELECT sum(offered) AS offered, sum(answered) AS answered, sum(talk_ms) AS talk, count(*) AS cells FROM rollup_hour').get() as { offered: number; answered: number; talk: number; cells: number };
    expect(totals.offered).toBe(500);
    expect(totals.answered).toBe(500);
    expect(totals.talk).toBe(Array.from({ length: 500 }, (_, i) => 30_000 + i).reduce((a, b) => a + b, 0));
    expect(totals.cells).toBeGreaterThan(64);
    expect(db.prepare('SELECT count(*) AS n FROM attempts').get()).toEqual({ n: 600 });
    const before = rollup(db);
    rebuildRollups(db, params());
    expect(rollup(db)).toEqual(before);
  });
});
