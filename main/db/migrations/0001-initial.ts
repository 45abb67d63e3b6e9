import type { Migration } from './types';

/**
 * The data model of DESIGN §2. Times are UTC epoch milliseconds. Segment is never stored on a
 * contact: it is resolved from the directory (customers) or rules at query time, with the
 * source's own hint (`segment_hint`) as the fallback, so re-importing the directory re-segments
 * history. Rollups are keyed by the resolved segment and are rebuilt when the directory changes.
 */
export const migration0001: Migration = {
  version: 1,
  name: 'initial',
  up: `
CREATE TABLE queues (
  name TEXT PRIMARY KEY,
  channel TEXT NOT NULL CHECK (channel IN ('voice','chat','email','social','sms'))
) STRICT;

CREATE TABLE agents (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  email TEXT,
  merged_into INTEGER REFERENCES agents(id),
  state TEXT NOT NULL DEFAULT 'offline'
    CHECK (state IN ('available','ringing','busy','wrapup','paused','offline')),
  state_since INTEGER,
  state_reason TEXT,
  state_until INTEGER
) STRICT;

-- Every spelling under which a source names an agent (interface SIP/1001, member name, AMI name).
CREATE TABLE agent_aliases (
  alias TEXT PRIMARY KEY,
  agent_id INTEGER NOT NULL REFERENCES agents(id)
) STRICT;

CREATE TABLE customers (
  caller TEXT PRIMARY KEY,
  ref TEXT,
  name TEXT,
  segment TEXT,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE segment_rules (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('prefix','queue','did')),
  pattern TEXT NOT NULL,
  segment TEXT NOT NULL,
  priority INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE contacts (
  id INTEGER PRIMARY KEY,
  source TEXT NOT NULL,
  source_id TEXT NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('voice','chat','email','social','sms')),
  queue TEXT NOT NULL,
  caller TEXT,
  did TEXT,
  segment_hint TEXT,
  customer_name TEXT,
  enter_at INTEGER NOT NULL,
  answer_at INTEGER,
  end_at INTEGER,
  outcome TEXT CHECK (outcome IN ('answered','abandoned','timeout','exit-empty','exit-key','transferred','closed')),
  agent_id INTEGER REFERENCES agents(id),
  wait_ms INTEGER,
  talk_ms INTEGER,
  hold_ms INTEGER,
  wrap_ms INTEGER,
  ring_ms INTEGER,
  transfers INTEGER NOT NULL DEFAULT 0,
  reason TEXT,
  resolved INTEGER,
  csat INTEGER,
  nps INTEGER,
  extra TEXT,
  UNIQUE (source, source_id)
) STRICT;
CREATE INDEX contacts_enter ON contacts (enter_at);
-- Waiting contacts (the live list): small partial index, scanned on every snapshot.
CREATE INDEX contacts_waiting ON contacts (enter_at) WHERE answer_at IS NULL AND end_at IS NULL;
CREATE INDEX contacts_caller ON contacts (caller, enter_at) WHERE caller IS NOT NULL;
CREATE INDEX contacts_agent ON contacts (agent_id, enter_at) WHERE agent_id IS NOT NULL;

CREATE TABLE attempts (
  id INTEGER PRIMARY KEY,
  contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  agent_id INTEGER NOT NULL REFERENCES agents(id),
  at INTEGER NOT NULL,
  ring_ms INTEGER,
  result TEXT NOT NULL CHECK (result IN ('ringing','connected','no-answer','canceled')),
  UNIQUE (contact_id, agent_id, at)
) STRICT;
CREATE INDEX attempts_agent ON attempts (agent_id, at);

CREATE TABLE agent_events (
  id INTEGER PRIMARY KEY,
  agent_id INTEGER NOT NULL REFERENCES agents(id),
  at INTEGER NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('login','logoff','pause','unpause','add','remove','ready')),
  queue TEXT NOT NULL DEFAULT '',
  reason TEXT,
  source TEXT NOT NULL,
  UNIQUE (agent_id, at, action, queue)
) STRICT;
CREATE INDEX agent_events_at ON agent_events (at);

-- Which queues an agent serves (from add/remove member and logins): the live agent panel per channel.
CREATE TABLE agent_queues (
  agent_id INTEGER NOT NULL REFERENCES agents(id),
  queue TEXT NOT NULL,
  PRIMARY KEY (agent_id, queue)
) STRICT, WITHOUT ROWID;

CREATE TABLE import_runs (
  id INTEGER PRIMARY KEY,
  source TEXT NOT NULL,
  file TEXT,
  format TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  finished_at INTEGER,
  status TEXT NOT NULL CHECK (status IN ('running','done','failed','cancelled')),
  -- For tails and resumed imports: the byte offset fully applied, and the file's identity
  -- (device:inode:first-bytes hash) to notice rotation.
  byte_offset INTEGER NOT NULL DEFAULT 0,
  file_identity TEXT,
  lines INTEGER NOT NULL DEFAULT 0,
  imported INTEGER NOT NULL DEFAULT 0,
  contacts INTEGER NOT NULL DEFAULT 0,
  rejected INTEGER NOT NULL DEFAULT 0,
  unknown_events TEXT,
  error TEXT
) STRICT;

CREATE TABLE import_rejects (
  run_id INTEGER NOT NULL REFERENCES import_runs(id) ON DELETE CASCADE,
  line INTEGER NOT NULL,
  reason TEXT NOT NULL,
  text TEXT,
  PRIMARY KEY (run_id, line)
) STRICT, WITHOUT ROWID;

CREATE TABLE anomalies (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  fingerprint TEXT NOT NULL UNIQUE,
  segment TEXT,
  agent_id INTEGER REFERENCES agents(id),
  queue TEXT,
  channel TEXT,
  from_at INTEGER NOT NULL,
  to_at INTEGER NOT NULL,
  hours TEXT,
  observed REAL NOT NULL,
  expected REAL NOT NULL,
  total INTEGER NOT NULL,
  p_value REAL NOT NULL,
  q_value REAL NOT NULL,
  explanation TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new','acknowledged','dismissed','coached')),
  status_reason TEXT,
  detected_at INTEGER NOT NULL
) STRICT;
CREATE INDEX anomalies_window ON anomalies (from_at, to_at);

CREATE TABLE coaching_sessions (
  id INTEGER PRIMARY KEY,
  uid TEXT NOT NULL UNIQUE,
  agent_id INTEGER NOT NULL REFERENCES agents(id),
  lead TEXT NOT NULL,
  start_at INTEGER NOT NULL,
  end_at INTEGER NOT NULL CHECK (end_at > start_at),
  topic TEXT NOT NULL,
  agenda TEXT,
  status TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled','done','missed','cancelled')),
  target_metric TEXT,
  series_id TEXT,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX coaching_agent ON coaching_sessions (agent_id, start_at);
CREATE INDEX coaching_lead ON coaching_sessions (lead, start_at);

CREATE TABLE coaching_evidence (
  session_id INTEGER NOT NULL REFERENCES coaching_sessions(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('anomaly','contact','kpi')),
  ref TEXT NOT NULL,
  summary TEXT,
  PRIMARY KEY (session_id, kind, ref)
) STRICT, WITHOUT ROWID;

CREATE TABLE coaching_notes (
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES coaching_sessions(id) ON DELETE CASCADE,
  at INTEGER NOT NULL,
  text TEXT NOT NULL
) STRICT;

CREATE TABLE coaching_actions (
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES coaching_sessions(id) ON DELETE CASCADE,
  text TEXT NOT NULL,
  due_at INTEGER,
  done INTEGER NOT NULL DEFAULT 0
) STRICT;

-- Hourly rollup (DESIGN §2): one row per UTC hour start x channel x queue x segment x agent.
-- UTC hours map to local hours exactly for whole-hour zones; dashboards bucket them by local hour.
-- agent_id 0 = no agent (unanswered contacts).
CREATE TABLE rollup_hour (
  hour_at INTEGER NOT NULL,
  channel TEXT NOT NULL,
  queue TEXT NOT NULL,
  segment TEXT NOT NULL,
  agent_id INTEGER NOT NULL,
  offered INTEGER NOT NULL DEFAULT 0,
  answered INTEGER NOT NULL DEFAULT 0,
  abandoned INTEGER NOT NULL DEFAULT 0,
  short_abandoned INTEGER NOT NULL DEFAULT 0,
  answered_in_target INTEGER NOT NULL DEFAULT 0,
  wait_ms INTEGER NOT NULL DEFAULT 0,
  answered_wait_ms INTEGER NOT NULL DEFAULT 0,
  talk_ms INTEGER NOT NULL DEFAULT 0,
  hold_ms INTEGER NOT NULL DEFAULT 0,
  wrap_ms INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (hour_at, channel, queue, segment, agent_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT, WITHOUT ROWID;
`,
};
