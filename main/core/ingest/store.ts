import type { Channel } from '../../../shared/domain/channels';
import type { Db } from '../../db/open';
import { pseudonymiserFor } from '../privacy/ingest-hook';
import { createAgentDirectory, type AgentDirectory } from './agents';
import { AgentStates } from './agent-state';
import type { CustomerRecord, IngestEvent } from './events';
import { normaliseCustomerCallers, normaliseEventCallers, normaliseRules } from './caller';
import { RowBatch } from './row-batch';
import { ungated, type WriteGate } from './write-gate';
import { markSegmentsCurrent, segmentsCurrent, RollupDelta, ruleSegment, type ContactRow, type RollupParams, type SegmentRule } from './rollup';
import { RepeatFlags } from './repeat-flags';

/**
 * Parked events of contacts whose entry has not arrived are kept up to this many (the latest by
 * event time): enough for the calls in progress across any log rotation or tail start.
 */
const MAX_PENDING_EVENTS = 200_000;

type ContactEvent = Exclude<IngestEvent, { kind: 'agent' }>;

/** The contact ids of the events that `keep` accepts, per source (agent events have none). */
function idsBySource(events: readonly IngestEvent[], keep: (e: ContactEvent) => boolean): Map<string, Set<string>> {
  const ids = new Map<string, Set<string>>();
  for (const e of events) {
    if (e.kind === 'agent' || !keep(e)) continue;
    let set = ids.get(e.source);
    if (!set) ids.set(e.source, (set = new Set()));
    set.add(e.id);
  }
  return ids;
}

export interface ApplyResult {
  applied: number;
  /** Events about a contact whose `enqueued` was never seen (e.g. a file starting mid-call). */
  orphans: number;
  /** Contacts created by this batch. */
  newContacts: number;
  /** Ids of contacts written (for live updates and anomaly scans). */
  touched: number[];
}

export interface IngestStore {
  /** Applies a batch in one transaction; idempotent, so replays and overlapping files are harmless. */
  apply(events: readonly IngestEvent[]): ApplyResult;
  /** Upserts directory entries in one transaction; returns how many were new or changed (the caller rebuilds rollups then). */
  upsertCustomers(records: readonly CustomerRecord[], now: number): number;
  /** Runs `fn` in one IMMEDIATE transaction on this store's connection, through its write gate. */
  write<T>(fn: () => T): T;
  /** The rollup parameters (zone, targets) this store writes with. */
  params(): RollupParams;
  agents: AgentDirectory;
}

/** A contacts row as stored (column names as in the table). */
interface Contact {
  id: number | null;
  source: string;
  source_id: string;
  channel: Channel;
  queue: string;
  caller: string | null;
  did: string | null;
  segment_hint: string | null;
  customer_name: string | null;
  enter_at: number;
  answer_at: number | null;
  end_at: number | null;
  outcome: string | null;
  agent_id: number | null;
  wait_ms: number | null;
  talk_ms: number | null;
  hold_ms: number | null;
  wrap_ms: number | null;
  ring_ms: number | null;
  transfers: number;
  reason: string | null;
  resolved: number | null;
  csat: number | null;
  nps: number | null;
  extra: string | null;
  /** The resolved segment (directory, rules, hint) the contact's rollup sums are keyed by. */
  segment: string;
  repeat_flags: number;
}

interface Attempt {
  id: number | null;
  agent_id: number;
  at: number;
  ring_ms: number | null;
  result: string;
  dirty: boolean;
}

/** A contact being assembled in this batch: its stored state (if any) and what the batch does to it. */
interface Work {
  row: Contact;
  /** Stored before this batch (then `before` is its rollup contribution). */
  stored: boolean;
  entered: boolean;
  changed: boolean;
  before: ContactRow | null;
  attempts: Attempt[] | null;
  /** The finished ring attempts as stored before this batch (agent, result), once loaded. */
  ringsBefore: [number, string][] | null;
}

/** Counts directory changes (meta), so every connection's store drops its cached segments. */
const DIRECTORY_VERSION_KEY = 'customers.version';

const COLUMNS = [
  'source',
  'source_id',
  'channel',
  'queue',
  'caller',
  'did',
  'segment_hint',
  'customer_name',
  'enter_at',
  'answer_at',
  'end_at',
  'outcome',
  'agent_id',
  'wait_ms',
  'talk_ms',
  'hold_ms',
  'wrap_ms',
  'ring_ms',
  'transfers',
  'reason',
  'resolved',
  'csat',
  'nps',
  'extra',
  'segment',
  'repeat_flags',
] as const;

/**
 * The one write path into the store (DESIGN §2). Every source's events end here. A batch is
 * assembled in memory — each contact read at most once and written once with its final state —
 * then written in one transaction together with its rollup delta. Contacts are unique on
 * (source, source id), attempts on (contact, agent, ring start), agent events on (agent, time,
 * action, queue), so applying the same events again changes nothing.
 */
export interface IngestStoreOptions {
  /** Orders this connection's write transactions with other threads' (see write-gate.ts). */
  gate?: WriteGate;
}

export function createIngestStore(db: Db, rollupParams: () => RollupParams, options: IngestStoreOptions = {}): IngestStore {
  const gate = options.gate ?? ungated;
  const agents = createAgentDirectory(db);
  const privacy = pseudonymiserFor(db);
  // One query per batch and source finds every stored contact the batch names (a point lookup
  // per contact costs more in statement calls than the index probes themselves).
  const findContacts = db.prepare<[string, string], Contact>(
    `SELECT id, ${COLUMNS.join(', ')} FROM contacts WHERE source = ? AND source_id IN (SELECT value FROM json_each(?))`,
  );
  // An id with a lone surrogate (NDJSON can carry one) does not survive the JSON round trip as
  // it was bound: those are looked up one by one.
  const findContact = db.prepare<[string, string], Contact>(`SELECT id, ${COLUMNS.join(', ')} FROM contacts WHERE source = ? AND source_id = ?`);
  const LONE_SURROGATE = /[\uD800-\uDFFF]/;
  // Positional parameters: binding 24 named ones from an object costs a property lookup each.
  // New contacts are written many rows to a statement with ids given here: the batch holds the
  // write lock, so max(id) + 1 onwards is exactly what SQLite would have assigned one by one.
  const newContactRows = new RowBatch(db, `INSERT INTO contacts (id, ${COLUMNS.join(', ')})`, COLUMNS.length + 1);
  const maxContactId = db.prepare<[], { n: number | null }>('SELECT max(id) AS n FROM contacts');
  const contactValues = (c: Contact): unknown[] => [
    c.source,
    c.source_id,
    c.channel,
    c.queue,
    c.caller,
    c.did,
    c.segment_hint,
    c.customer_name,
    c.enter_at,
    c.answer_at,
    c.end_at,
    c.outcome,
    c.agent_id,
    c.wait_ms,
    c.talk_ms,
    c.hold_ms,
    c.wrap_ms,
    c.ring_ms,
    c.transfers,
    c.reason,
    c.resolved,
    c.csat,
    c.nps,
    c.extra,
    c.segment,
    c.repeat_flags,
  ];
  const updateContact = db.prepare(`UPDATE contacts SET ${COLUMNS.slice(2).map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`);
  const attemptsOf = db.prepare<[number], Attempt>('SELECT id, agent_id, at, ring_ms, result, 0 AS dirty FROM attempts WHERE contact_id = ? ORDER BY at');
  const newAttempts = new RowBatch(
    db,
    'INSERT INTO attempts (contact_id, agent_id, at, ring_ms, result)',
    5,
    'ON CONFLICT (contact_id, agent_id, at) DO UPDATE SET ring_ms = COALESCE(excluded.ring_ms, ring_ms), result = excluded.result',
  );
  const updateAttempt = db.prepare<[number | null, string, number]>('UPDATE attempts SET ring_ms = ?, result = ? WHERE id = ?');
  const ensureQueue = db.prepare<[string, string]>('INSERT OR IGNORE INTO queues (name, channel) VALUES (?, ?)');
  const segmentOf = db.prepare<[string], { segment: string | null }>('SELECT segment FROM customers WHERE caller = ?');
  const insertAgentEvent = db.prepare<[number, number, string, string, string | null, string]>(
    'INSERT OR IGNORE INTO agent_events (agent_id, at, action, queue, reason, source) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const addAgentQueue = db.prepare<[number, string]>('INSERT OR IGNORE INTO agent_queues (agent_id, queue) VALUES (?, ?)');
  const removeAgentQueue = db.prepare<[number, string]>('DELETE FROM agent_queues WHERE agent_id = ? AND queue = ?');
  const agentQueueCount = db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM agent_queues WHERE agent_id = ?');
  const readAgent = db.prepare<[number], { state: string; state_since: number | null; state_reason: string | null; state_until: number | null }>(
    'SELECT state, state_since, state_reason, state_until FROM agents WHERE id = ?',
  );
  const upsertCustomer = db.prepare(
    `INSERT INTO customers (caller, ref, name, segment, updated_at) VALUES (@caller, @ref, @name, @segment, @now)
     ON CONFLICT (caller) DO UPDATE SET ref = COALESCE(excluded.ref, ref), name = COALESCE(excluded.name, name),
       segment = COALESCE(excluded.segment, segment), updated_at = excluded.updated_at
     WHERE COALESCE(excluded.segment, segment) IS NOT segment OR COALESCE(excluded.name, name) IS NOT name
       OR COALESCE(excluded.ref, ref) IS NOT ref`,
  );

  const movingContacts = db.prepare<[string], ContactRow & { new_segment: string }>(
    `SELECT c.id, c.channel, c.queue, c.enter_at, c.answer_at, c.outcome, c.agent_id, c.wait_ms, c.talk_ms, c.hold_ms, c.wrap_ms, c.segment,
       c.caller, c.transfers, c.csat, c.nps, c.repeat_flags, cu.segment AS new_segment
     FROM contacts c JOIN customers cu ON cu.caller = c.caller
     WHERE c.caller IN (SELECT value FROM json_each(?)) AND cu.segment IS NOT NULL AND c.segment <> cu.segment`,
  );
  const ringsOf = db.prepare<[string], { contact_id: number; agent_id: number; result: string }>(
    "SELECT contact_id, agent_id, result FROM attempts WHERE contact_id IN (SELECT value FROM json_each(?)) AND result <> 'ringing'",
  );
  /** Moves the rollup sums (ring attempts too) of the callers' contacts to their directory segment. */
  const moveToDirectorySegments = (callers: string) => {
    const rows = movingContacts.all(callers);
    if (rows.length === 0) return;
    const params = rollupParams();
    const delta = new RollupDelta();
    const hourCache = new Map<number, number>();
    const rings = new Map<number, { agent_id: number; result: string }[]>();
    for (const a of ringsOf.iterate(JSON.stringify(rows.map((r) => r.id)))) {
      const list = rings.get(a.contact_id);
      if (list) list.push(a);
      else rings.set(a.contact_id, [a]);
    }
    for (const { new_segment, ...row } of rows) {
      const moved = { ...row, segment: new_segment };
      delta.addRow(row, params, hourCache, -1);
      delta.addRow(moved, params, hourCache, 1);
      for (const a of rings.get(row.id) ?? []) {
        delta.addRing(row, a.agent_id, a.result, params, hourCache, -1);
        delta.addRing(moved, a.agent_id, a.result, params, hourCache, 1);
      }
    }
    delta.flush(db);
  };
  const resegmentCallers = db.prepare<[string]>(
    `UPDATE contacts SET segment = cu.segment FROM customers cu WHERE cu.caller = contacts.caller AND cu.segment IS NOT NULL
       AND contacts.caller IN (SELECT value FROM json_each(?)) AND contacts.segment <> cu.segment`,
  );

  // Caches that only this store writes through: cleared when the directory changes.
  const knownQueues = new Set<string>();
  const agentQueues = new Set<string>();
  const segments = new Map<string, string | null>();

  /** Whether the directory has any entry (read once per batch): an empty one needs no lookups. */
  let directoryEmpty = false;
  const anyCustomer = db.prepare<[], { n: number }>('SELECT EXISTS (SELECT 1 FROM customers) AS n');
  // Directory changes made through another connection (the app, while this store imports in a
  // worker) move this counter: the segment cache is dropped then.
  const directoryVersion = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
  const bumpDirectory = db.prepare<[string]>(
    "INSERT INTO meta (key, value) VALUES (?, '1') ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)",
  );
  let directorySeen: string | undefined;
  const directorySegment = (caller: string | null): string | null => {
    if (caller === null || directoryEmpty) return null;
    let s = segments.get(caller);
    if (s === undefined) {
      s = segmentOf.get(caller)?.segment ?? null;
      if (segments.size > 200_000) segments.clear();
      segments.set(caller, s);
    }
    return s;
  };
  let rules: readonly SegmentRule[] = [];
  const resolveSegment = (c: Contact) => directorySegment(c.caller) ?? ruleSegment(rules, c.caller, c.queue, c.did) ?? c.segment_hint ?? '';
  /** The contact's rollup row, with its stored segment (what its sums in the rollup are keyed by). */
  const rollupRow = (c: Contact): ContactRow => ({
    id: c.id ?? 0,
    channel: c.channel,
    queue: c.queue,
    enter_at: c.enter_at,
    answer_at: c.answer_at,
    outcome: c.outcome,
    agent_id: c.agent_id,
    wait_ms: c.wait_ms,
    talk_ms: c.talk_ms,
    hold_ms: c.hold_ms,
    wrap_ms: c.wrap_ms,
    segment: c.segment,
    caller: c.caller,
    transfers: c.transfers,
    csat: c.csat,
    nps: c.nps,
    repeat_flags: c.repeat_flags,
  });
  const repeatFlags = new RepeatFlags(db);
  const serveQueue = (agent: number, queue: string) => {
    const k = `${agent}\u0000${queue}`;
    if (agentQueues.has(k)) return;
    addAgentQueue.run(agent, queue);
    agentQueues.add(k);
  };

  const anyPending = db.prepare<[], number>('SELECT EXISTS (SELECT 1 FROM pending_events)').pluck();
  const takePending = db
    .prepare<[string, string], string>('DELETE FROM pending_events WHERE source = ? AND source_id IN (SELECT value FROM json_each(?)) RETURNING event')
    .pluck();
  const park = db.prepare<[string, string, number, string]>('INSERT OR IGNORE INTO pending_events (source, source_id, at, event) VALUES (?, ?, ?, ?)');
  const prunePending = db.prepare<[number]>(`DELETE FROM pending_events WHERE at < (SELECT at FROM pending_events ORDER BY at DESC LIMIT 1 OFFSET ?)`);

  /**
   * The batch's events, then the parked events of the contacts it enters (their entry arrived
   * after them: a rotated log imported after the newer one), in time order.
   */
  function withPending(events: readonly IngestEvent[]): readonly IngestEvent[] {
    if (anyPending.get() !== 1) return events;
    const pending: IngestEvent[] = [];
    for (const [source, ids] of idsBySource(events, (e) => e.kind === 'enqueued')) for (const text of takePending.all(source, JSON.stringify([...ids]))) pending.push(JSON.parse(text) as IngestEvent);
    return pending.length === 0 ? events : [...events, ...pending.sort((a, b) => a.at - b.at)];
  }

  function applyBatch(batch: readonly IngestEvent[]): ApplyResult {
    const events = withPending(batch);
    const params = rollupParams();
    rules = normaliseRules(params.segmentRules ?? []);
    directoryEmpty = anyCustomer.get()!.n === 0;
    const version = directoryVersion.get(DIRECTORY_VERSION_KEY)?.value;
    if (version !== directorySeen) {
      directorySeen = version;
      segments.clear();
    }
    newAttempts.clear();
    newContactRows.clear();
    // A merge on another connection (the app while this is an import worker) re-points aliases.
    agents.sync();
    // Per source, then per id: events of one contact share their id string (its hash is computed
    // once), where a joined key would be built and hashed for every event.
    const works = new Map<string, Map<string, Work>>();
    const allWorks: Work[] = [];
    const states = new AgentStates((id) => readAgent.get(id));
    let orphans = 0;

    const stored = new Map<string, Map<string, Contact>>();
    {
      for (const [source, set] of idsBySource(events, () => true)) {
        const bySource = new Map<string, Contact>();
        stored.set(source, bySource);
        for (const row of findContacts.iterate(source, JSON.stringify([...set]))) bySource.set(row.source_id, row);
      }
    }

    // Resolving an agent spelling again in the same transaction changes nothing, unless a named
    // resolve re-pointed it in between (it can re-point exactly its two spellings).
    const resolvedAgents = new Map<string, number>();
    const resolveAgent = (key: string): number => {
      let id = resolvedAgents.get(key);
      if (id === undefined) {
        id = agents.resolve(key);
        resolvedAgents.set(key, id);
      }
      return id;
    };

    const work = (source: string, id: string, create: boolean): Work | null => {
      let bySource = works.get(source);
      if (!bySource) works.set(source, (bySource = new Map()));
      const known = bySource.get(id);
      if (known) return known;
      const found = stored.get(source)?.get(id) ?? (LONE_SURROGATE.test(id) ? findContact.get(source, id) : undefined);
      if (found) {
        const w: Work = { row: found, stored: true, entered: true, changed: false, before: rollupRow(found), attempts: null, ringsBefore: null };
        bySource.set(id, w);
        allWorks.push(w);
        return w;
      }
      if (!create) return null;
      const row: Contact = {
        id: null,
        source,
        source_id: id,
        channel: 'voice',
        queue: '',
        caller: null,
        did: null,
        segment_hint: null,
        customer_name: null,
        enter_at: 0,
        answer_at: null,
        end_at: null,
        outcome: null,
        agent_id: null,
        wait_ms: null,
        talk_ms: null,
        hold_ms: null,
        wrap_ms: null,
        ring_ms: null,
        transfers: 0,
        reason: null,
        resolved: null,
        csat: null,
        nps: null,
        extra: null,
        segment: '',
        repeat_flags: 0,
      };
      const w: Work = { row, stored: false, entered: false, changed: true, before: null, attempts: [], ringsBefore: [] };
      bySource.set(id, w);
      allWorks.push(w);
      return w;
    };
    const attempts = (w: Work): Attempt[] => {
      if (!w.attempts) {
        w.attempts = attemptsOf.all(w.row.id!).map((a) => ({ ...a, dirty: false }));
        w.ringsBefore = w.attempts.filter((a) => a.result !== 'ringing').map((a) => [a.agent_id, a.result]);
      }
      return w.attempts;
    };
    /** Closes the latest ringing attempt of `agent` that started by `at`, or records one that ended at `at`. */
    const closeAttempt = (w: Work, agent: number, at: number, ringMs: number | null, result: string) => {
      const list = attempts(w);
      for (let i = list.length - 1; i >= 0; i--) {
        const a = list[i]!;
        if (a.agent_id === agent && a.result === 'ringing' && a.at <= at) {
          a.result = result;
          a.ring_ms = ringMs ?? at - a.at;
          a.dirty = true;
          return;
        }
      }
      const start = at - (ringMs ?? 0);
      // The same ring seen again (a replayed or overlapping file): it started at `start`, or it
      // was already closed at `at` (when the source gives no ring time, its start is the earlier
      // `ring` event, not `at`).
      const same = list.find((a) => a.agent_id === agent && (a.at === start || (a.result !== 'ringing' && a.ring_ms !== null && a.at + a.ring_ms === at)));
      if (same) {
        if (same.result !== result || (ringMs !== null && same.ring_ms !== ringMs)) {
          same.result = result;
          same.ring_ms = ringMs ?? same.ring_ms;
          same.dirty = true;
        }
      } else list.push({ id: null, agent_id: agent, at: start, ring_ms: ringMs, result, dirty: true });
    };

    // A contact's events that came before its entry in this same batch (a line written ahead of
    // its ENTERQUEUE in the same second, a table export sorted newest first) wait here, not in
    // pending_events, and are applied, in time order, right after the entry. Bounded by the batch.
    let enteredInBatch: Map<string, Set<string>> | null = null;
    let early: Map<string, IngestEvent[]> | null = null;
    let ready: IngestEvent[] = [];
    let readyAt = 0;
    let next = 0;
    for (;;) {
      const e = readyAt < ready.length ? ready[readyAt++]! : next < events.length ? events[next++]! : undefined;
      if (e === undefined) break;
      if (e.kind === 'agent') {
        const agent = e.name ? agents.resolve(e.agent, e.name) : resolveAgent(e.agent);
        if (e.name) {
          resolvedAgents.delete(e.agent);
          resolvedAgents.delete(e.name);
        }
        insertAgentEvent.run(agent, e.at, e.action, e.queue ?? '', e.reason ?? null, e.source);
        if (e.queue && (e.action === 'add' || e.action === 'login')) serveQueue(agent, e.queue);
        switch (e.action) {
          case 'login':
          case 'ready':
            states.move(agent, e.at, 'available');
            break;
          case 'add':
            states.move(agent, e.at, 'available', null, null, ['offline']);
            break;
          case 'unpause':
            states.move(agent, e.at, 'available', null, null, ['paused']);
            break;
          case 'pause':
            states.move(agent, e.at, 'paused', e.reason ?? null);
            break;
          case 'logoff':
            states.move(agent, e.at, 'offline');
            break;
          case 'remove':
            if (e.queue) {
              removeAgentQueue.run(agent, e.queue);
              agentQueues.delete(`${agent}\u0000${e.queue}`);
            }
            if (!e.queue || agentQueueCount.get(agent)!.n === 0) states.move(agent, e.at, 'offline');
            break;
        }
        continue;
      }

      const w = work(e.source, e.id, e.kind === 'enqueued');
      if (!w || (!w.entered && e.kind !== 'enqueued')) {
        enteredInBatch ??= idsBySource(events, (x) => x.kind === 'enqueued');
        if (enteredInBatch.get(e.source)?.has(e.id)) {
          const key = `${e.source}\u0000${e.id}`;
          early ??= new Map();
          const list = early.get(key);
          if (list) list.push(e);
          else early.set(key, [e]);
          continue;
        }
        // Kept until the contact's entry arrives (withPending), not dropped.
        park.run(e.source, e.id, e.at, JSON.stringify(e));
        orphans++;
        continue;
      }
      const c = w.row;
      w.changed = true;
      switch (e.kind) {
        case 'enqueued':
          if (!knownQueues.has(e.queue)) {
            ensureQueue.run(e.queue, e.channel);
            knownQueues.add(e.queue);
          }
          c.channel = e.channel;
          c.queue = e.queue;
          c.caller = e.caller ?? c.caller;
          c.did = e.did ?? c.did;
          c.segment_hint = e.segment ?? c.segment_hint;
          c.customer_name = e.customerName ?? c.customer_name;
          c.enter_at = e.at;
          c.extra = e.extra ? JSON.stringify(e.extra) : c.extra;
          w.entered = true;
          if (early !== null) {
            const key = `${e.source}\u0000${e.id}`;
            const list = early.get(key);
            if (list) {
              early.delete(key);
              // Stable: events of one instant keep their order in the batch.
              ready = list.sort((a, b) => a.at - b.at);
              readyAt = 0;
            }
          }
          break;
        case 'ring': {
          const agent = resolveAgent(e.agent);
          const list = attempts(w);
          if (!list.some((a) => a.agent_id === agent && a.at === e.at)) list.push({ id: null, agent_id: agent, at: e.at, ring_ms: null, result: 'ringing', dirty: true });
          serveQueue(agent, c.queue);
          states.move(agent, e.at, 'ringing', null, null, ['available', 'ringing', 'wrapup']);
          break;
        }
        case 'ring-end': {
          const agent = resolveAgent(e.agent);
          closeAttempt(w, agent, e.at, e.ringMs ?? null, e.result);
          states.move(agent, e.at, 'available', null, null, ['ringing']);
          break;
        }
        case 'answered': {
          const agent = resolveAgent(e.agent);
          c.answer_at = e.at;
          c.agent_id = agent;
          c.wait_ms = e.waitMs ?? Math.max(0, e.at - c.enter_at);
          c.ring_ms = e.ringMs ?? c.ring_ms;
          closeAttempt(w, agent, e.at, e.ringMs ?? null, 'connected');
          serveQueue(agent, c.queue);
          states.move(agent, e.at, 'busy');
          break;
        }
        case 'ended': {
          const answeredBefore = c.answer_at !== null;
          if (e.agent && c.answer_at === null) {
            // Named only at the end (an NDJSON `closed` line with `agent`): answered then, the only
            // time known. An answer already stored (or brought by this batch) is better and stays.
            const agent = resolveAgent(e.agent);
            c.answer_at = e.at;
            c.agent_id = agent;
            c.wait_ms = e.waitMs ?? Math.max(0, e.at - c.enter_at);
            closeAttempt(w, agent, e.at, null, 'connected');
            serveQueue(agent, c.queue);
          }
          c.end_at = e.at;
          // `closed` ends a contact nobody answered: one answered before (an earlier file, a tail
          // before its restart, whose translator no longer remembers it) stays answered.
          c.outcome = e.outcome === 'closed' && c.answer_at !== null ? 'answered' : e.outcome;
          // An unknown wait also clears a 0 that an older import derived from the placeholder time.
          if (e.waitMs != null) c.wait_ms = e.waitMs;
          else if (e.waitUnknown) c.wait_ms = c.answer_at !== null ? c.wait_ms : null;
          else c.wait_ms = c.wait_ms ?? Math.max(0, e.at - c.enter_at);
          // A source that answers and then closes without a talk time (an NDJSON feed): the talk
          // ran from the answer to the end. Answered only at the end (`agent` on the closing line),
          // it stays unknown.
          c.talk_ms = e.talkMs ?? c.talk_ms ?? (answeredBefore && c.answer_at !== null && e.at >= c.answer_at ? e.at - c.answer_at : null);
          c.hold_ms = e.holdMs ?? c.hold_ms;
          c.wrap_ms = e.wrapMs ?? c.wrap_ms;
          c.reason = e.reason ?? c.reason;
          c.resolved = e.resolved === undefined || e.resolved === null ? c.resolved : e.resolved ? 1 : 0;
          c.csat = e.csat ?? c.csat;
          c.nps = e.nps ?? c.nps;
          // Whoever was still ringing when the contact left was cancelled, not ignored.
          const list = w.attempts ?? (w.stored ? attempts(w) : []);
          for (const a of list) {
            if (a.result === 'ringing') {
              a.result = 'canceled';
              a.ring_ms = e.at - a.at;
              a.dirty = true;
            }
          }
          if (c.agent_id !== null && c.answer_at !== null) {
            const wrap = e.wrapMs ?? 0;
            if (wrap > 0) states.move(c.agent_id, e.at, 'wrapup', null, e.at + wrap, ['busy']);
            else states.move(c.agent_id, e.at, 'available', null, null, ['busy']);
          }
          break;
        }
        case 'transferred':
          // Counted once per contact: a transfer event carries no sequence number to tell a
          // replayed transfer from a second one.
          c.transfers = Math.max(c.transfers, 1);
          break;
      }
    }

    const delta = new RollupDelta();
    const hourCache = new Map<number, number>();
    const touched: number[] = [];
    let newContacts = 0;
    let nextId = 0;
    const written: Work[] = [];
    for (const w of allWorks) {
      if (!w.entered || !w.changed) continue;
      w.row.segment = resolveSegment(w.row);
      written.push(w);
    }
    // Repeat flags of the batch's contacts and of their customers' neighbouring contacts.
    repeatFlags.apply(written, delta, params, hourCache);
    for (const w of written) {
      const c = w.row;
      if (w.stored) updateContact.run(c);
      else {
        if (nextId === 0) nextId = (maxContactId.get()!.n ?? 0) + 1;
        c.id = nextId++;
        newContactRows.add(c.id, ...contactValues(c));
        newContacts++;
      }
    }
    // Contacts before their attempts: the foreign key is checked row by row.
    newContactRows.flush();
    for (const w of written) {
      const c = w.row;
      touched.push(c.id!);
      for (const a of w.attempts ?? []) {
        if (!a.dirty) continue;
        if (a.id === null) newAttempts.add(c.id!, a.agent_id, a.at, a.ring_ms, a.result);
        else updateAttempt.run(a.ring_ms, a.result, a.id);
      }
      const after = rollupRow(c);
      const b = w.before;
      // Ring attempts are summed under the contact's group: when it moves, so do they.
      if (b && !w.attempts && (b.enter_at !== after.enter_at || b.channel !== after.channel || b.queue !== after.queue || b.segment !== after.segment)) attempts(w);
      if (b) {
        delta.addRow(b, params, hourCache, -1);
        for (const [agent, result] of w.ringsBefore ?? []) delta.addRing(b, agent, result, params, hourCache, -1);
      }
      delta.addRow(after, params, hourCache, 1);
      if (w.attempts && w.ringsBefore) for (const a of w.attempts) delta.addRing(after, a.agent_id, a.result, params, hourCache, 1);
    }
    newAttempts.flush();
    delta.flush(db);
    states.flush(db);
    if (orphans > 0) prunePending.run(MAX_PENDING_EVENTS);
    return { applied: events.length, orphans, newContacts, touched };
  }

  return {
    // IMMEDIATE: a batch reads before it writes, and a deferred transaction whose read snapshot
    // predates another connection's write (an import worker) fails with SQLITE_BUSY at once
    // instead of waiting busy_timeout for the lock.
    // Every source passes here, so this one spot spells callers alike (caller.ts) and keeps caller
    // numbers out of a pseudonymised file.
    apply: (events) => gate.run(() => db.transaction(applyBatch).immediate(privacy.events(normaliseEventCallers(events)))),
    write: (fn) => gate.run(() => db.transaction(fn).immediate()),
    params: rollupParams,

    upsertCustomers(records, now) {
      segments.clear();
      return gate.run(() => db.transaction(() => {
        const current = segmentsCurrent(db);
        let changed = 0;
        const resegment: string[] = [];
        for (const r of privacy.customers(normaliseCustomerCallers(records))) {
          const n = upsertCustomer.run({ caller: r.caller, ref: r.ref ?? null, name: r.name ?? null, segment: r.segment ?? null, now }).changes;
          changed += n;
          if (n > 0 && r.segment) resegment.push(r.caller);
        }
        // The directory's segment comes first: the callers' contacts take it (one statement, so a
        // bulk load without the caller index scans once, not once per customer). While the stored
        // segments are current, their rollup sums move with them: no rebuild.
        if (resegment.length) {
          if (current) moveToDirectorySegments(JSON.stringify(resegment));
          resegmentCallers.run(JSON.stringify(resegment));
        }
        if (changed > 0) bumpDirectory.run(DIRECTORY_VERSION_KEY);
        if (current) markSegmentsCurrent(db);
        return changed;
      })());
    },
    agents,
  };
}
