import { afterEach, describe, expect, it } from 'vitest';
import type { AgentEntry, AgentMergeResult } from '../../../shared/contract/agents';
import type { Envelope } from '../../../shared/contract/errors';
import type { EventPayload } from '../../../shared/contract/events';
import { ISSABEL_FILES } from '../../../tests/support/fixtures';
import { queryKpis } from '../analytics/kpis';
import { createCore, type CoreInternals } from '../app';
import type { IngestEvent } from '../ingest/events';
import { rebuildRollups, type RollupParams } from '../ingest/rollup';
import { createIngestStore } from '../ingest/store';
import { openDb } from '../../db/open';
import { createAgentStore } from './directory';
import path from 'node:path';
import { tempDir } from '../../../tests/support/fixtures';
import { createMemorySettingsStore } from '../settings/file-store';

const ZONE = 'Europe/Tallinn';
const T0 = Date.UTC(2024, 2, 4, 7, 0); // Monday 09:00 in Tallinn
const S = 'test';

let core: CoreInternals | null = null;
afterEach(() => {
  core?.close();
  core = null;
});

function open(): CoreInternals {
  core = createCore({ dbPath: ':memory:', settings: createMemorySettingsStore({ timezone: ZONE }), host: 'headless', version: 'test', runSources: false });
  return core;
}

function answered(id: string, enter: number, agent: string, caller: string): IngestEvent[] {
  return [
    { kind: 'enqueued', source: S, id, at: enter, channel: 'voice', queue: 'Support', caller },
    { kind: 'ring', source: S, id, at: enter + 5000, agent },
    { kind: 'answered', source: S, id, at: enter + 8000, agent, ringMs: 3000 },
    { kind: 'ended', source: S, id, at: enter + 68_000, outcome: 'answered', talkMs: 60_000, wrapMs: 10_000 },
  ];
}

function rnaThenAnswered(id: string, enter: number, rna: string, agent: string, caller: string): IngestEvent[] {
  return [
    { kind: 'enqueued', source: S, id, at: enter, channel: 'voice', queue: 'Support', caller },
    { kind: 'ring', source: S, id, at: enter + 1000, agent: rna },
    { kind: 'ring-end', source: S, id, at: enter + 16_000, agent: rna, ringMs: 15_000, result: 'no-answer' },
    { kind: 'ring', source: S, id, at: enter + 17_000, agent },
    { kind: 'answered', source: S, id, at: enter + 20_000, agent, ringMs: 3000 },
    { kind: 'ended', source: S, id, at: enter + 80_000, outcome: 'answered', talkMs: 60_000 },
  ];
}

async function call<T>(c: CoreInternals, method: string, input: unknown): Promise<T> {
  const env = (await c.dispatcher.call(method, input, { access: 'write' })) as Envelope<T>;
  if (!env.ok) throw new Error(`${env.error.code}: ${env.error.message}`);
  return env.result;
}

async function refusal(c: CoreInternals, method: string, input: unknown): Promise<{ code: string; message: string }> {
  const env = await c.dispatcher.call(method, input, { access: 'write' });
  if (env.ok) throw new Error(`${method} was expected to fail`);
  return env.error;
}

const idOf = (c: CoreInternals, alias: string) => (c.db.prepare('SELECT agent_id AS id FROM agent_aliases WHERE alias = ?').get(alias) as { id: number }).id;
const rows = (c: CoreInternals, sql: string, ...args: unknown[]) => c.db.prepare(sql).all(...args);
const params = (): RollupParams => {
  const s = createMemorySettingsStore({ timezone: ZONE }).get();
  return { timezone: ZONE, targetSec: s.targetSec, shortAbandonSec: s.shortAbandonSec, segmentRules: s.segmentRules };
};
const ROLLUP_SQL = 'SELECT * FROM rollup_hour WHERE offered <> 0 OR answered <> 0 ORDER BY hour_at, channel, queue, segment, agent_id';
const SEG_SQL = 'SELECT * FROM rollup_hour_seg WHERE offered <> 0 OR answered <> 0 ORDER BY hour_at, channel, queue, segment';
/** Every rollup tier without an agent dimension (those the schema has), rows with figures only. */
const tiers = (c: CoreInternals) =>
  Object.fromEntries(
    (c.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'rollup%seg'").all() as { name: string }[]).map(({ name }) => [
      name,
      rows(c, `SELECT * FROM ${name} WHERE offered <> 0 OR answered <> 0`)
        .map((r) => JSON.stringify(r))
        .sort(),
    ]),
  );
/** A rollup row (or tier map) without its ring-attempt sums, which a merge dedupes. */
function withoutRings<T>(value: T): T {
  const strip = (k: string, v: unknown): unknown =>
    k === 'attempts' || k === 'rna_attempts' ? undefined : typeof v === 'string' && v.startsWith('{') ? JSON.stringify(JSON.parse(v), strip) : v;
  return JSON.parse(JSON.stringify(value, strip)) as T;
}
const ATTEMPT_ROLLUP_SQL = 'SELECT hour_at, agent_id, segment, attempts, no_answer FROM rollup_attempt WHERE attempts <> 0 ORDER BY 1, 2, 3';

/** Two spellings of one person, each with history in the same hours, plus a third agent. */
function seedTwoSpellings(c: CoreInternals) {
  c.importCustomers([{ caller: '+3725551', segment: 'VIP' }]);
  const ev: IngestEvent[] = [
    { kind: 'agent', source: S, at: T0 - 60_000, agent: 'SIP/1001', action: 'login', queue: 'Support' },
    { kind: 'agent', source: S, at: T0 - 60_000, agent: 'Agent/1001', action: 'login', queue: 'Support' },
    { kind: 'agent', source: S, at: T0 - 30_000, agent: 'Agent/1001', action: 'add', queue: 'Sales' },
    { kind: 'agent', source: S, at: T0 - 60_000, agent: 'SIP/2002', action: 'login', queue: 'Support' },
  ];
  for (let i = 0; i < 12; i++) {
    const caller = i % 3 === 0 ? '+3725551' : `+372600${i}`;
    const at = T0 + i * 10 * 60_000;
    if (i % 4 === 0) ev.push(...rnaThenAnswered(`c${i}`, at, 'SIP/2002', 'Agent/1001', caller));
    else if (i % 4 === 1) ev.push(...rnaThenAnswered(`c${i}`, at, 'Agent/1001', 'SIP/1001', caller));
    else ev.push(...answered(`c${i}`, at, i % 2 ? 'SIP/1001' : 'Agent/1001', caller));
  }
  // The same ring logged under both spellings (two sources describing one call).
  ev.push(
    { kind: 'enqueued', source: S, id: 'dup', at: T0 + 3_000_000, channel: 'voice', queue: 'Support', caller: '+3725551' },
    { kind: 'ring', source: S, id: 'dup', at: T0 + 3_001_000, agent: 'SIP/1001' },
    { kind: 'ring', source: S, id: 'dup', at: T0 + 3_001_000, agent: 'Agent/1001' },
    { kind: 'ring-end', source: S, id: 'dup', at: T0 + 3_016_000, agent: 'SIP/1001', ringMs: 15_000, result: 'no-answer' },
    { kind: 'ring-end', source: S, id: 'dup', at: T0 + 3_016_000, agent: 'Agent/1001', ringMs: 15_000, result: 'no-answer' },
    { kind: 'ended', source: S, id: 'dup', at: T0 + 3_030_000, outcome: 'abandoned' },
  );
  c.ingest(ev);
}

describe('agents directory', () => {
  it('lists agents with their aliases, handled contacts and last seen time', async () => {
    const c = open();
    seedTwoSpellings(c);
    const list = await call<AgentEntry[]>(c, 'agents.directory', {});
    expect(list.map((a) => a.name).sort()).toEqual(['Agent/1001', 'SIP/1001', 'SIP/2002']);
    const sip = list.find((a) => a.name === 'SIP/1001')!;
    expect(sip.aliases).toEqual(['SIP/1001']);
    expect(sip.contacts).toBe(rows(c, 'SELECT id FROM contacts WHERE agent_id = ? AND answer_at IS NOT NULL', sip.id).length);
    expect(sip.contacts).toBeGreaterThan(0);
    // Its last contact ends at 11 × 10 min + 68 s.
    expect(sip.lastSeen).toBe(T0 + 6_668_000);
    const never = await call<AgentEntry[]>(open(), 'agents.directory', {});
    expect(never).toEqual([]);
  });

  it('renames an agent, and later events pairing its interface with a member name keep the chosen name', async () => {
    const c = open();
    // First seen on call events as the bare interface (AMI AgentCalled): named after it.
    c.ingest(answered('a1', T0, 'SIP/1001', '+3726001'));
    const id = idOf(c, 'SIP/1001');
    const events: EventPayload<'agents.changed'>[] = [];
    c.events.on('agents.changed', (e) => events.push(e));
    const renamed = await call<AgentEntry>(c, 'agents.rename', { id, name: '  Sathish Kumar  ' });
    expect(renamed).toMatchObject({ id, name: 'Sathish Kumar' });
    expect(events).toEqual([{ kind: 'renamed', id, into: null }]);
    // QueueMemberStatus names both spellings: same agent, and the chosen name stays.
    c.ingest([{ kind: 'agent', source: S, at: T0 + 100_000, agent: 'SIP/1001', name: 'Sathish', action: 'pause', queue: 'Support', reason: 'Lunch' }]);
    expect(idOf(c, 'Sathish')).toBe(id);
    const [after] = await call<AgentEntry[]>(c, 'agents.directory', {});
    expect(after).toMatchObject({ id, name: 'Sathish Kumar', aliases: ['SIP/1001', 'Sathish'], contacts: 1, state: 'paused' });
  });

  it('without a rename the member name replaces the interface (the control for the test above)', async () => {
    const c = open();
    c.ingest(answered('a1', T0, 'SIP/1001', '+3726001'));
    c.ingest([{ kind: 'agent', source: S, at: T0 + 100_000, agent: 'SIP/1001', name: 'Sathish', action: 'pause', queue: 'Support', reason: 'Lunch' }]);
    expect((await call<AgentEntry[]>(c, 'agents.directory', {})).map((a) => a.name)).toEqual(['Sathish']);
  });

  it('keeps a chosen name when the same queue_log files are imported again (public Issabel log)', async () => {
    const c = open();
    for (const file of ISSABEL_FILES) await c.importFile({ file });
    const id = idOf(c, 'Sathish');
    await call(c, 'agents.rename', { id, name: 'Sathish K.' });
    const agentsBefore = rows(c, 'SELECT id FROM agents');
    for (const file of ISSABEL_FILES) await c.importFile({ file });
    expect(rows(c, 'SELECT id FROM agents')).toEqual(agentsBefore);
    const entry = (await call<AgentEntry[]>(c, 'agents.directory', {})).find((a) => a.id === id)!;
    // SOURCE.md: Sathish answers the log's 3 connected calls.
    expect(entry).toMatchObject({ name: 'Sathish K.', aliases: ['Sathish'], contacts: 3 });
    // The log spells one member both "Karthik" and "karthik": the case a merge is for.
    const [upper, lower] = [idOf(c, 'Karthik'), idOf(c, 'karthik')];
    await call(c, 'agents.merge', { from: lower, into: upper });
    for (const file of ISSABEL_FILES) await c.importFile({ file });
    expect(rows(c, "SELECT DISTINCT agent_id FROM agent_events WHERE agent_id IN (?, ?)", upper, lower)).toEqual([{ agent_id: upper }]);
    expect((await call<AgentEntry[]>(c, 'agents.directory', {})).find((a) => a.id === upper)!.aliases).toEqual(['Karthik', 'karthik']);
  });

  it('refuses empty, too long and duplicate names, and unknown agents, with clear errors', async () => {
    const c = open();
    seedTwoSpellings(c);
    const id = idOf(c, 'SIP/1001');
    expect(await refusal(c, 'agents.rename', { id, name: '   ' })).toMatchObject({ code: 'bad-input', message: expect.stringContaining('cannot be empty') });
    expect(await refusal(c, 'agents.rename', { id, name: 'x'.repeat(81) })).toMatchObject({ code: 'bad-input', message: expect.stringContaining('80') });
    expect(await refusal(c, 'agents.rename', { id, name: 'SIP/2002' })).toMatchObject({ code: 'conflict', message: expect.stringContaining('merge') });
    expect(await refusal(c, 'agents.rename', { id: 999, name: 'Nobody' })).toMatchObject({ code: 'not-found' });
    expect((await call<AgentEntry>(c, 'agents.rename', { id, name: 'Ok' })).name).toBe('Ok');
  });
});

describe('agents merge', () => {
  it('moves contacts, attempts, events, queues, flags, coaching and rollup figures; totals stay the same', async () => {
    const c = open();
    seedTwoSpellings(c);
    const from = idOf(c, 'Agent/1001');
    const into = idOf(c, 'SIP/1001');
    const other = idOf(c, 'SIP/2002');
    c.db.prepare("INSERT INTO anomalies (kind, fingerprint, agent_id, from_at, to_at, observed, expected, total, p_value, q_value, explanation, detected_at) VALUES ('avoidance', 'f1', ?, 0, 1, 1, 1, 1, 1, 1, 'x', 0)").run(from);
    c.db.prepare("INSERT INTO coaching_sessions (uid, agent_id, lead, start_at, end_at, topic, created_at) VALUES ('u1', ?, 'Lead', 0, 10, 't', 0)").run(from);

    const p = params();
    const kpi = () => queryKpis(c.db, { by: ['agent'], zone: ZONE }, p);
    const before = kpi();
    const byName = (name: string) => before.find((r) => r.agent === name)!;
    const segBefore = rows(c, SEG_SQL);
    const tiersBefore = tiers(c);
    const allBefore = queryKpis(c.db, { by: ['segment'], zone: ZONE }, p);
    const handled = (id: number) => (c.db.prepare('SELECT count(*) AS n FROM contacts WHERE agent_id = ? AND answer_at IS NOT NULL').get(id) as { n: number }).n;
    const handledBoth = handled(from) + handled(into);
    const attemptsBefore = (c.db.prepare('SELECT count(*) AS n FROM attempts').get() as { n: number }).n;
    const ringsBefore = (c.db.prepare("SELECT SUM(attempts) AS n FROM rollup_hour_seg").get() as { n: number }).n;
    expect(byName('Agent/1001').answered).toBeGreaterThan(0);
    expect(byName('SIP/1001').answered).toBeGreaterThan(0);

    const events: EventPayload<'agents.changed'>[] = [];
    c.events.on('agents.changed', (e) => events.push(e));
    const result = await call<AgentMergeResult>(c, 'agents.merge', { from, into });
    expect(events).toEqual([{ kind: 'merged', id: from, into }]);
    expect(result.agent).toMatchObject({ id: into, name: 'SIP/1001', contacts: handledBoth });
    expect(result.agent.aliases).toEqual(['Agent/1001', 'SIP/1001']);
    // The login both spellings logged at the same instant is kept once: only the add moves.
    expect(result.moved).toMatchObject({ aliases: 1, agentEvents: 1 });

    // Every reference now names the survivor.
    for (const table of ['contacts', 'attempts', 'agent_events', 'agent_queues', 'anomalies', 'coaching_sessions', 'rollup_hour', 'rollup_attempt', 'agent_aliases']) {
      expect(rows(c, `SELECT 1 FROM ${table} WHERE agent_id = ?`, from), table).toEqual([]);
    }
    expect(rows(c, 'SELECT merged_into FROM agents WHERE id = ?', from)).toEqual([{ merged_into: into }]);
    // The ring both spellings logged is kept once; the login both logged too.
    expect((c.db.prepare('SELECT count(*) AS n FROM attempts').get() as { n: number }).n).toBe(attemptsBefore - 1);
    expect(rows(c, "SELECT action, queue FROM agent_events WHERE agent_id = ? ORDER BY at, action", into)).toEqual([
      { action: 'login', queue: 'Support' },
      { action: 'add', queue: 'Sales' },
    ]);
    expect(rows(c, 'SELECT queue FROM agent_queues WHERE agent_id = ? ORDER BY queue', into)).toEqual([{ queue: 'Sales' }, { queue: 'Support' }]);

    // KPIs by agent: the survivor's figures are the sum of both; the others' are unchanged.
    const after = kpi();
    // SIP/2002 only ever let calls ring: no handled figures of its own.
    expect(after.map((r) => r.agent)).toEqual(['SIP/1001', null]);
    const merged = after.find((r) => r.agent === 'SIP/1001')!;
    const a = byName('Agent/1001');
    const b = byName('SIP/1001');
    for (const k of ['offered', 'answered', 'abandoned', 'answeredInTarget'] as const) expect(merged[k], k).toBe(a[k] + b[k]);
    expect(merged.ahtSec! * merged.answered).toBeCloseTo(a.ahtSec! * a.answered + b.ahtSec! * b.answered, 6);
    expect(after.find((r) => r.agent === null)).toEqual(before.find((r) => r.agent === null));
    // Segment tier (no agent dimension) and totals: not double-counted. The ring both spellings
    // logged counts once now, in every tier.
    expect(rows(c, SEG_SQL).map(withoutRings)).toEqual(segBefore.map(withoutRings));
    expect(withoutRings(tiers(c))).toEqual(withoutRings(tiersBefore));
    const rings = (table: string) => (c.db.prepare(`SELECT SUM(attempts) AS n FROM ${table}`).get() as { n: number }).n;
    const finished = (c.db.prepare("SELECT count(*) AS n FROM attempts WHERE result <> 'ringing'").get() as { n: number }).n;
    for (const table of ['rollup_hour', 'rollup_hour_seg', 'rollup_day_seg', 'rollup_month_seg']) expect(rings(table), table).toBe(finished);
    expect(finished).toBe(ringsBefore - 1);
    expect(queryKpis(c.db, { by: ['segment'], zone: ZONE }, p)).toEqual(allBefore);

    // The incremental merge equals a rebuild from the contacts.
    const rollupAfter = rows(c, ROLLUP_SQL);
    const attemptRollup = rows(c, ATTEMPT_ROLLUP_SQL);
    rebuildRollups(c.db, p);
    expect(rows(c, ROLLUP_SQL)).toEqual(rollupAfter);
    expect(rows(c, SEG_SQL).map(withoutRings)).toEqual(segBefore.map(withoutRings));
    const recount = rows(
      c,
      `SELECT (a.at / 3600000) * 3600000 AS hour_at, a.agent_id, COALESCE(cu.segment, '') AS segment, count(*) AS attempts, SUM(a.result = 'no-answer') AS no_answer
       FROM attempts a JOIN contacts ct ON ct.id = a.contact_id LEFT JOIN customers cu ON cu.caller = ct.caller
       WHERE a.result <> 'ringing' GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    );
    expect(attemptRollup).toEqual(recount);
    expect(attemptRollup.some((r) => (r as { agent_id: number }).agent_id === other)).toBe(true);
  });

  it('makes later ingest of either spelling land on the survivor (the running alias cache is dropped)', async () => {
    const c = open();
    seedTwoSpellings(c);
    const from = idOf(c, 'Agent/1001');
    const into = idOf(c, 'SIP/1001');
    await call(c, 'agents.merge', { from, into });
    c.ingest([...answered('late-1', T0 + 7_200_000, 'Agent/1001', '+3725551'), ...answered('late-2', T0 + 7_300_000, 'SIP/1001', '+3725551')]);
    expect(rows(c, "SELECT agent_id FROM contacts WHERE source_id LIKE 'late-%' ORDER BY source_id")).toEqual([{ agent_id: into }, { agent_id: into }]);
    c.ingest([{ kind: 'agent', source: S, at: T0 + 7_400_000, agent: 'Agent/1001', action: 'pause', reason: 'Lunch' }]);
    expect(rows(c, 'SELECT state, state_reason FROM agents WHERE id = ?', into)).toEqual([{ state: 'paused', state_reason: 'Lunch' }]);
    const live = await call<{ agents: { id: number }[] }>(c, 'live.snapshot', {});
    expect(live.agents.map((a) => a.id)).not.toContain(from);
    expect((await call<AgentEntry[]>(c, 'agents.directory', {})).map((a) => a.id)).not.toContain(from);
  });

  it('an ingest store on another connection (an import worker) notices the merge before its next batch', () => {
    const file = path.join(tempDir('fw-agents-'), 'db.sqlite');
    const app = openDb(file);
    const worker = openDb(file);
    try {
      const workerStore = createIngestStore(worker, params);
      workerStore.apply([...answered('w1', T0, 'Agent/1001', '+3726001'), ...answered('w2', T0 + 60_000, 'SIP/1001', '+3726002')]);
      const id = (alias: string) => (app.prepare('SELECT agent_id AS id FROM agent_aliases WHERE alias = ?').get(alias) as { id: number }).id;
      const [from, into] = [id('Agent/1001'), id('SIP/1001')];
      createAgentStore(app).merge(from, into);
      workerStore.apply(answered('w3', T0 + 120_000, 'Agent/1001', '+3726003'));
      expect(app.prepare("SELECT agent_id FROM contacts WHERE source_id = 'w3'").get()).toEqual({ agent_id: into });
    } finally {
      worker.close();
      app.close();
    }
  });

  it('follows earlier merges: an agent merged into one that is merged later points at the last survivor', async () => {
    const c = open();
    seedTwoSpellings(c);
    const [a, b, d] = ['Agent/1001', 'SIP/1001', 'SIP/2002'].map((x) => idOf(c, x)) as [number, number, number];
    await call(c, 'agents.merge', { from: a, into: b });
    await call(c, 'agents.merge', { from: b, into: d });
    expect(rows(c, 'SELECT id, merged_into FROM agents ORDER BY id')).toEqual(
      [
        { id: a, merged_into: d },
        { id: b, merged_into: d },
        { id: d, merged_into: null },
      ].sort((x, y) => x.id - y.id),
    );
    const [only] = await call<AgentEntry[]>(c, 'agents.directory', {});
    expect(only!.aliases).toEqual(['Agent/1001', 'SIP/1001', 'SIP/2002']);
  });

  it('refuses merging an agent into itself, into or from a merged agent, and unknown agents', async () => {
    const c = open();
    seedTwoSpellings(c);
    const [a, b, d] = ['Agent/1001', 'SIP/1001', 'SIP/2002'].map((x) => idOf(c, x)) as [number, number, number];
    expect(await refusal(c, 'agents.merge', { from: a, into: a })).toMatchObject({ code: 'bad-input', message: expect.stringContaining('itself') });
    expect(await refusal(c, 'agents.merge', { from: a, into: 999 })).toMatchObject({ code: 'not-found' });
    await call(c, 'agents.merge', { from: a, into: b });
    expect(await refusal(c, 'agents.merge', { from: d, into: a })).toMatchObject({ code: 'conflict', message: expect.stringContaining('already merged') });
    expect(await refusal(c, 'agents.merge', { from: a, into: d })).toMatchObject({ code: 'conflict' });
    expect(await refusal(c, 'agents.rename', { id: a, name: 'X' })).toMatchObject({ code: 'conflict' });
    // Nothing of a refused merge is half-applied.
    expect(rows(c, 'SELECT merged_into FROM agents WHERE id = ?', d)).toEqual([{ merged_into: null }]);
    const read = await c.dispatcher.call('agents.merge', { from: d, into: b }, { access: 'read' });
    expect(read).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
