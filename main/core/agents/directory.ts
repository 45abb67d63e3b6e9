import type { AgentEntry, AgentMergeResult } from '../../../shared/contract/agents';
import { ApiError } from '../../../shared/contract/errors';
import type { Db } from '../../db/open';
import { AGENT_MERGES_KEY } from '../ingest/agents';
import { hourSql } from '../ingest/rollup';

const ROLLUP_KEY = new Set(['hour_at', 'channel', 'queue', 'segment', 'agent_id']);

/**
 * The measure columns of rollup_hour, read from the schema so a measure a later migration adds is
 * summed by a merge too (every non-key column is a sum).
 */
function rollupMeasures(db: Db): string[] {
  return db
    .prepare<[], { name: string }>("SELECT name FROM pragma_table_info('rollup_hour')")
    .all()
    .map((c) => c.name)
    .filter((name) => !ROLLUP_KEY.has(name));
}

interface EntryRow {
  id: number;
  name: string;
  email: string | null;
  state: string;
  aliases: string;
  contacts: number;
  last_contact: number | null;
  last_attempt: number | null;
  last_event: number | null;
}

interface AgentRow {
  id: number;
  name: string;
  email: string | null;
  merged_into: number | null;
  state: string;
  state_since: number | null;
  state_reason: string | null;
  state_until: number | null;
}

// Each "last" is one probe of an index led by agent_id (contacts_agent, attempts_agent, the
// agent_events unique key). The handled count reads contacts_agent alone: ingest sets a contact's
// agent only together with its answer time (store.ts, `answered`), so every contact with an agent
// was answered, and checking answer_at would cost a table lookup per contact (~1 s at 1 M).
const ENTRY_SQL = `
SELECT a.id, a.name, a.email, a.state,
  (SELECT json_group_array(alias) FROM (SELECT alias FROM agent_aliases WHERE agent_id = a.id ORDER BY alias)) AS aliases,
  (SELECT count(*) FROM contacts c WHERE c.agent_id = a.id) AS contacts,
  (SELECT COALESCE(c.end_at, c.answer_at, c.enter_at) FROM contacts c WHERE c.agent_id = a.id ORDER BY c.enter_at DESC LIMIT 1) AS last_contact,
  (SELECT max(t.at) FROM attempts t WHERE t.agent_id = a.id) AS last_attempt,
  (SELECT max(e.at) FROM agent_events e WHERE e.agent_id = a.id) AS last_event
FROM agents a`;

function toEntry(r: EntryRow): AgentEntry {
  const seen = [r.last_contact, r.last_attempt, r.last_event].filter((t): t is number => t !== null);
  return {
    id: r.id,
    name: r.name,
    email: r.email,
    aliases: JSON.parse(r.aliases) as string[],
    contacts: r.contacts,
    lastSeen: seen.length ? Math.max(...seen) : null,
    state: r.state,
  };
}

export interface AgentStore {
  /** Every agent not merged away, by name. */
  list(): AgentEntry[];
  get(id: number): AgentEntry | null;
  rename(id: number, name: string): AgentEntry;
  /** Moves everything of `from` to `into` in one transaction; `from` stays as a pointer (merged_into). */
  merge(from: number, into: number): AgentMergeResult;
}

export function createAgentStore(db: Db): AgentStore {
  const listAll = db.prepare<[], EntryRow>(`${ENTRY_SQL} WHERE a.merged_into IS NULL ORDER BY a.name COLLATE NOCASE, a.id`);
  const one = db.prepare<[number], EntryRow>(`${ENTRY_SQL} WHERE a.id = ?`);
  const agentRow = db.prepare<[number], AgentRow>('SELECT id, name, email, merged_into, state, state_since, state_reason, state_until FROM agents WHERE id = ?');
  const setName = db.prepare<[string, number]>('UPDATE agents SET name = ? WHERE id = ?');
  const sameName = db.prepare<[string, number], { id: number }>('SELECT id FROM agents WHERE name = ? AND id <> ? AND merged_into IS NULL LIMIT 1');

  const measures = rollupMeasures(db);
  const cols = measures.join(', ');
  const steps = {
    // Agents merged into `from` earlier now point at the survivor too: no chains to follow.
    chain: db.prepare<[number, number]>('UPDATE agents SET merged_into = ? WHERE merged_into = ?'),
    markMerged: db.prepare<[number, number]>('UPDATE agents SET merged_into = ? WHERE id = ?'),
    aliases: db.prepare<[number, number]>('UPDATE agent_aliases SET agent_id = ? WHERE agent_id = ?'),
    contacts: db.prepare<[number, number]>('UPDATE contacts SET agent_id = ? WHERE agent_id = ?'),
    // The same ring logged under both spellings: keep one. Triggers (migration 0003) keep
    // rollup_attempt equal to attempts through both the delete and the re-pointing update.
    attemptDuplicates: db.prepare<[number, number]>(
      `DELETE FROM attempts WHERE agent_id = ? AND EXISTS
         (SELECT 1 FROM attempts b WHERE b.agent_id = ? AND b.contact_id = attempts.contact_id AND b.at = attempts.at)`,
    ),
    // Their ring counts in rollup_hour (under `from`, the contact's group) go with them.
    attemptDuplicatesRollup: db.prepare<[{ from: number; into: number }]>(
      `UPDATE rollup_hour SET attempts = rollup_hour.attempts - d.n, rna_attempts = rollup_hour.rna_attempts - d.rna FROM (
         SELECT ${hourSql('c.enter_at')} AS h, c.channel, c.queue, c.segment, COUNT(*) AS n, SUM(a.result = 'no-answer') AS rna
         FROM attempts a JOIN contacts c ON c.id = a.contact_id
         WHERE a.agent_id = @from AND a.result <> 'ringing' AND EXISTS (SELECT 1 FROM attempts b WHERE b.agent_id = @into AND b.contact_id = a.contact_id AND b.at = a.at)
         GROUP BY 1, 2, 3, 4
       ) AS d WHERE rollup_hour.agent_id = @from AND rollup_hour.hour_at = d.h AND rollup_hour.channel = d.channel AND rollup_hour.queue = d.queue AND rollup_hour.segment = d.segment`,
    ),
    attempts: db.prepare<[number, number]>('UPDATE attempts SET agent_id = ? WHERE agent_id = ?'),
    // The triggers leave `from`'s rollup_attempt rows at zero rather than deleting them.
    attemptRollupLeft: db.prepare<[number]>('DELETE FROM rollup_attempt WHERE agent_id = ? AND attempts = 0 AND no_answer = 0'),
    // agent_events is unique on (agent, at, action, queue): an event both spellings logged is kept once.
    events: db.prepare<[number, number]>('UPDATE OR IGNORE agent_events SET agent_id = ? WHERE agent_id = ?'),
    eventsLeft: db.prepare<[number]>('DELETE FROM agent_events WHERE agent_id = ?'),
    queues: db.prepare<[number, number]>('INSERT OR IGNORE INTO agent_queues (agent_id, queue) SELECT ?, queue FROM agent_queues WHERE agent_id = ?'),
    queuesLeft: db.prepare<[number]>('DELETE FROM agent_queues WHERE agent_id = ?'),
    anomalies: db.prepare<[number, number]>('UPDATE anomalies SET agent_id = ? WHERE agent_id = ?'),
    coaching: db.prepare<[number, number]>('UPDATE coaching_sessions SET agent_id = ? WHERE agent_id = ?'),
    // rollup_hour has the agent in its key: add `from`'s rows into `into`'s, then drop them. The
    // triggers on rollup_hour keep rollup_hour_seg in step: the upsert adds `from`'s figures there
    // and the delete takes them away again, so segment totals do not change.
    rollupAdd: db.prepare<[number, number]>(
      `INSERT INTO rollup_hour (hour_at, channel, queue, segment, agent_id, ${cols})
         SELECT hour_at, channel, queue, segment, ?, ${cols} FROM rollup_hour WHERE agent_id = ?
       ON CONFLICT (hour_at, channel, queue, segment, agent_id) DO UPDATE SET ${measures.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`,
    ),
    rollupLeft: db.prepare<[number]>('DELETE FROM rollup_hour WHERE agent_id = ?'),
    // Live state: the later of the two is the person's current state.
    state: db.prepare<[string, number | null, string | null, number | null, number]>(
      'UPDATE agents SET state = ?, state_since = ?, state_reason = ?, state_until = ? WHERE id = ?',
    ),
    email: db.prepare<[string, number]>('UPDATE agents SET email = ? WHERE id = ? AND email IS NULL'),
    // Ingest stores on other connections (import workers) drop their alias caches when this moves.
    count: db.prepare<[string]>(
      "INSERT INTO meta (key, value) VALUES (?, '1') ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)",
    ),
  };

  /** An agent that still exists on its own; `what` names its role in the refusal. */
  const live = (id: number, what: string): AgentRow => {
    const row = agentRow.get(id);
    if (!row) throw new ApiError('not-found', `No agent with id ${id}.`);
    if (row.merged_into !== null) throw new ApiError('conflict', `${what} (${row.name}, id ${id}) was already merged into agent ${row.merged_into}.`);
    return row;
  };

  const get = (id: number) => {
    const r = one.get(id);
    return r ? toEntry(r) : null;
  };

  return {
    list: () => listAll.all().map(toEntry),
    get,
    rename(id, name) {
      const row = live(id, 'The agent to rename');
      if (row.name !== name) {
        const other = sameName.get(name, id);
        if (other) throw new ApiError('conflict', `Another agent (id ${other.id}) is already called “${name}”. If they are the same person, merge them instead.`);
        setName.run(name, id);
      }
      return get(id)!;
    },
    merge(from, into) {
      if (from === into) throw new ApiError('bad-input', 'An agent cannot be merged into itself.', [{ path: 'into', message: 'An agent cannot be merged into itself.' }]);
      const moved = db
        .transaction(() => {
          const a = live(from, 'The agent to merge');
          const b = live(into, 'The agent to merge into');
          steps.chain.run(into, from);
          steps.markMerged.run(into, from);
          const aliases = steps.aliases.run(into, from).changes;
          const contacts = steps.contacts.run(into, from).changes;
          steps.attemptDuplicatesRollup.run({ from, into });
          steps.attemptDuplicates.run(from, into);
          const attempts = steps.attempts.run(into, from).changes;
          steps.attemptRollupLeft.run(from);
          const agentEvents = steps.events.run(into, from).changes;
          steps.eventsLeft.run(from);
          steps.queues.run(into, from);
          steps.queuesLeft.run(from);
          steps.anomalies.run(into, from);
          steps.coaching.run(into, from);
          steps.rollupAdd.run(into, from);
          steps.rollupLeft.run(from);
          if ((a.state_since ?? -Infinity) > (b.state_since ?? -Infinity)) steps.state.run(a.state, a.state_since, a.state_reason, a.state_until, into);
          if (a.email) steps.email.run(a.email, into);
          steps.count.run(AGENT_MERGES_KEY);
          return { contacts, attempts, agentEvents, aliases };
        })
        .immediate();
      return { agent: get(into)!, moved };
    },
  };
}
