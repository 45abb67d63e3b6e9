import type { Migration } from './types';

/**
 * Configured live sources (queue_log tails, AMI connections, NDJSON feeds) and the resume point
 * of each followed file: byte offset, line number, file identity and the parser's memory, saved
 * in the same transaction as the events they produced, so a restart never counts a line twice.
 */
export const migration0002: Migration = {
  version: 2,
  name: 'sources',
  up: `
CREATE TABLE sources (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('queue_log-tail','ami','ndjson-tail','ndjson-http','simulator')),
  name TEXT NOT NULL,
  config TEXT NOT NULL,
  enabled INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE tail_positions (
  file TEXT PRIMARY KEY,
  identity TEXT NOT NULL,
  byte_offset INTEGER NOT NULL,
  line_no INTEGER NOT NULL,
  parser_state TEXT,
  updated_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
`,
};
