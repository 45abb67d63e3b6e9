import type { Db } from '../../db/open';
import { createAgentDirectory, type AgentDirectory } from './agents';
import type { CustomerRecord, IngestEvent } from './events';
import { CONTACT_ROW_SQL, contribution, RollupDelta, type ContactRow, type RollupParams } from './rollup';

export interface ApplyResult {
  applied: number;
  /** Events about a contact whose `enqueued` was never seen (e.g. a file starting mid-call). */
  orphans: number;
  /** Contacts created by this batch. */
  newContacts: number;
  /** Ids of contacts touched (for live updates and anomaly scans). */
  touched: number[];
}

export interface IngestStore {
  /** Applies a batch in one transaction; idempotent, so replays and overlapping files are harmless. */
  apply(events: readonly IngestEvent[]): ApplyResult;
  /** Upserts directory entries in one transaction; returns how many were new or changed (the caller rebuilds rollups then). */
  upsertCustomers(records: readonly CustomerRecord[], now: number): number;
  agents: AgentDirectory;
}

type ContactKey = { id: number };

/**
 * The one write path into the store (DESIGN §2). Every source's events end here. Contacts are
 * unique on (source, source id); attempts on (contact, agent, ring start); agent events on
 * (agent, time, action, queue). Agent state only moves forward in time, so importing an old file
 * after live events cannot rewind the floor.
 */
export function createIngestStore(db: Db, rollupParams: () => RollupParams): IngestStore {
  const agents = createAgentDirectory(db);
  const findContact = db.prepare<[string, string], ContactKey>('SELECT id FROM contacts WHERE source = ? AND source_id = ?');
  const upsertEnqueued = db.prepare(
    `INSERT INTO contacts (source, source_id, channel, queue, caller, did, segment_hint, customer_name, enter_at, extra)
     VALUES (@source, @id, @channel, @queue, @caller, @did, @segment, @customerName, @at, @extra)
     ON CONFLICT (source, source_id) DO UPDATE SET channel = excluded.channel, queue = excluded.queue,
       caller = COALESCE(excluded.caller, caller), did = COALESCE(excluded.did, did),
       segment_hint = COALESCE(excluded.segment_hint, segment_hint),
       customer_name = COALESCE(excluded.customer_name, customer_name),
       enter_at = excluded.enter_at, extra = COALESCE(excluded.extra, extra)
     RETURNING id`,
  );
  const ensureQueue = db.prepare<[string, string]>('INSERT OR IGNORE INTO queues (name, channel) VALUES (?, ?)');
  const rowOf = db.prepare<[number], ContactRow>(`${CONTACT_ROW_SQL} WHERE c.id = ?`);
  const contactInfo = db.prepare<[number], { enter_at: number; answer_at: number | null; agent_id: number | null; queue: string }>(
    'SELECT enter_at, answer_at, agent_id, queue FROM contacts WHERE id = ?',
  );

  const insertAttempt = db.prepare<[number, number, number, number | null, string]>(
    'INSERT OR IGNORE INTO attempts (contact_id, agent_id, at, ring_ms, result) VALUES (?, ?, ?, ?, ?)',
  );
  const closeRinging = db.prepare<[string, number | null, number, number, number, number]>(
    `UPDATE attempts SET result = ?, ring_ms = COALESCE(?, ? - at)
     WHERE id = (SELECT id FROM attempts WHERE contact_id = ? AND agent_id = ? AND result = 'ringing' AND at <= ? ORDER BY at DESC LIMIT 1)`,
  );
  const upsertAttempt = db.prepare<[number, number, number, number | null, string]>(
    `INSERT INTO attempts (contact_id, agent_id, at, ring_ms, result) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (contact_id, agent_id, at) DO UPDATE SET ring_ms = COALESCE(excluded.ring_ms, ring_ms), result = excluded.result`,
  );
  const cancelRinging = db.prepare<[number, number]>(
    `UPDATE attempts SET result = 'canceled', ring_ms = ? - at WHERE contact_id = ? AND result = 'ringing'`,
  );

  const setAnswered = db.prepare(
    `UPDATE contacts SET answer_at = @at, agent_id = @agent, wait_ms = COALESCE(@waitMs, MAX(0, @at - enter_at)),
       ring_ms = COALESCE(@ringMs, ring_ms) WHERE id = @id`,
  );
  const setEnded = db.prepare(
    `UPDATE contacts SET end_at = @at, outcome = @outcome,
       wait_ms = COALESCE(@waitMs, wait_ms, MAX(0, @at - enter_at)),
       talk_ms = COALESCE(@talkMs, talk_ms), hold_ms = COALESCE(@holdMs, hold_ms), wrap_ms = COALESCE(@wrapMs, wrap_ms),
       reason = COALESCE(@reason, reason), resolved = COALESCE(@resolved, resolved),
       csat = COALESCE(@csat, csat), nps = COALESCE(@nps, nps)
     WHERE id = @id`,
  );
  // A transfer is counted once per contact: the event carries no sequence number to tell a
  // replayed transfer from a second one.
  const setTransferred = db.prepare<[number]>('UPDATE contacts SET transfers = MAX(transfers, 1) WHERE id = ?');

  const insertAgentEvent = db.prepare<[number, number, string, string, string | null, string]>(
    'INSERT OR IGNORE INTO agent_events (agent_id, at, action, queue, reason, source) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const addAgentQueue = db.prepare<[number, string]>('INSERT OR IGNORE INTO agent_queues (agent_id, queue) VALUES (?, ?)');
  const removeAgentQueue = db.prepare<[number, string]>('DELETE FROM agent_queues WHERE agent_id = ? AND queue = ?');
  const agentQueueCount = db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM agent_queues WHERE agent_id = ?');
  const agentState = db.prepare<[number], { state: string; state_since: number | null }>('SELECT state, state_since FROM agents WHERE id = ?');
  const setAgentState = db.prepare<[string, number, string | null, number | null, number]>(
    'UPDATE agents SET state = ?, state_since = ?, state_reason = ?, state_until = ? WHERE id = ?',
  );
  const upsertCustomer = db.prepare(
    `INSERT INTO customers (caller, ref, name, segment, updated_at) VALUES (@caller, @ref, @name, @segment, @now)
     ON CONFLICT (caller) DO UPDATE SET ref = COALESCE(excluded.ref, ref), name = COALESCE(excluded.name, name),
       segment = COALESCE(excluded.segment, segment), updated_at = excluded.updated_at
     WHERE COALESCE(excluded.segment, segment) IS NOT segment OR COALESCE(excluded.name, name) IS NOT name
       OR COALESCE(excluded.ref, ref) IS NOT ref`,
  );

  /** Moves an agent to `state` unless a later state is already recorded. */
  function moveAgent(id: number, at: number, state: string, reason: string | null = null, until: number | null = null, onlyFrom?: string[]) {
    const cur = agentState.get(id);
    if (!cur) return;
    if (cur.state_since !== null && at < cur.state_since) return;
    if (onlyFrom && !onlyFrom.includes(cur.state)) return;
    setAgentState.run(state, at, reason, until, id);
  }

  function applyBatch(events: readonly IngestEvent[]): ApplyResult {
    const params = rollupParams();
    const delta = new RollupDelta();
    const hourCache = new Map<number, number>();
    const before = new Map<number, ContactRow | null>();
    let orphans = 0;
    let newContacts = 0;

    const touch = (id: number, isNew: boolean) => {
      if (before.has(id)) return;
      before.set(id, isNew ? null : (rowOf.get(id) ?? null));
    };
    const contactId = (source: string, id: string): number | undefined => findContact.get(source, id)?.id;

    for (const e of events) {
      switch (e.kind) {
        case 'enqueued': {
          const existing = contactId(e.source, e.id);
          if (existing !== undefined) touch(existing, false);
          ensureQueue.run(e.queue, e.channel);
          const row = upsertEnqueued.get({
            source: e.source,
            id: e.id,
            channel: e.channel,
            queue: e.queue,
            caller: e.caller ?? null,
            did: e.did ?? null,
            segment: e.segment ?? null,
            customerName: e.customerName ?? null,
            at: e.at,
            extra: e.extra ? JSON.stringify(e.extra) : null,
          }) as { id: number };
          if (existing === undefined) {
            touch(row.id, true);
            newContacts++;
          }
          break;
        }
        case 'agent': {
          const agent = agents.resolve(e.agent, e.name);
          insertAgentEvent.run(agent, e.at, e.action, e.queue ?? '', e.reason ?? null, e.source);
          if (e.queue && (e.action === 'add' || e.action === 'login')) addAgentQueue.run(agent, e.queue);
          switch (e.action) {
            case 'login':
            case 'ready':
              moveAgent(agent, e.at, 'available');
              break;
            case 'add':
              moveAgent(agent, e.at, 'available', null, null, ['offline']);
              break;
            case 'unpause':
              moveAgent(agent, e.at, 'available', null, null, ['paused']);
              break;
            case 'pause':
              moveAgent(agent, e.at, 'paused', e.reason ?? null);
              break;
            case 'logoff':
              moveAgent(agent, e.at, 'offline');
              break;
            case 'remove':
              if (e.queue) removeAgentQueue.run(agent, e.queue);
              if (!e.queue || agentQueueCount.get(agent)!.n === 0) moveAgent(agent, e.at, 'offline');
              break;
          }
          break;
        }
        default: {
          const id = contactId(e.source, e.id);
          if (id === undefined) {
            orphans++;
            break;
          }
          touch(id, false);
          applyContactEvent(id, e);
        }
      }
    }

    for (const [id, old] of before) {
      if (old) delta.add(contribution(old, params, hourCache), -1);
      const now = rowOf.get(id);
      if (now) delta.add(contribution(now, params, hourCache), 1);
    }
    delta.flush(db);
    return { applied: events.length, orphans, newContacts, touched: [...before.keys()] };
  }

  function applyContactEvent(id: number, e: Exclude<IngestEvent, { kind: 'enqueued' } | { kind: 'agent' }>) {
    switch (e.kind) {
      case 'ring': {
        const agent = agents.resolve(e.agent);
        insertAttempt.run(id, agent, e.at, null, 'ringing');
        addAgentQueue.run(agent, contactInfo.get(id)!.queue);
        moveAgent(agent, e.at, 'ringing', null, null, ['available', 'ringing', 'wrapup']);
        break;
      }
      case 'ring-end': {
        const agent = agents.resolve(e.agent);
        const closed = closeRinging.run(e.result, e.ringMs ?? null, e.at, id, agent, e.at).changes;
        if (closed === 0) upsertAttempt.run(id, agent, e.at - (e.ringMs ?? 0), e.ringMs ?? null, e.result);
        moveAgent(agent, e.at, 'available', null, null, ['ringing']);
        break;
      }
      case 'answered': {
        const agent = agents.resolve(e.agent);
        setAnswered.run({ id, at: e.at, agent, waitMs: e.waitMs ?? null, ringMs: e.ringMs ?? null });
        const closed = closeRinging.run('connected', e.ringMs ?? null, e.at, id, agent, e.at).changes;
        if (closed === 0) upsertAttempt.run(id, agent, e.at - (e.ringMs ?? 0), e.ringMs ?? null, 'connected');
        addAgentQueue.run(agent, contactInfo.get(id)!.queue);
        moveAgent(agent, e.at, 'busy');
        break;
      }
      case 'ended': {
        setEnded.run({
          id,
          at: e.at,
          outcome: e.outcome,
          waitMs: e.waitMs ?? null,
          talkMs: e.talkMs ?? null,
          holdMs: e.holdMs ?? null,
          wrapMs: e.wrapMs ?? null,
          reason: e.reason ?? null,
          resolved: e.resolved === undefined || e.resolved === null ? null : e.resolved ? 1 : 0,
          csat: e.csat ?? null,
          nps: e.nps ?? null,
        });
        cancelRinging.run(e.at, id);
        const info = contactInfo.get(id)!;
        if (info.agent_id !== null && info.answer_at !== null) {
          const wrap = e.wrapMs ?? 0;
          if (wrap > 0) moveAgent(info.agent_id, e.at, 'wrapup', null, e.at + wrap, ['busy']);
          else moveAgent(info.agent_id, e.at, 'available', null, null, ['busy']);
        }
        break;
      }
      case 'transferred':
        setTransferred.run(id);
        break;
    }
  }

  return {
    apply: (events) => db.transaction(applyBatch)(events),
    upsertCustomers(records, now) {
      return db.transaction(() => {
        let changed = 0;
        for (const r of records) {
          changed += upsertCustomer.run({ caller: r.caller, ref: r.ref ?? null, name: r.name ?? null, segment: r.segment ?? null, now }).changes;
        }
        return changed;
      })();
    },
    agents,
  };
}
