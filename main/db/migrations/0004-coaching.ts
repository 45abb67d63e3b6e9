import type { Migration } from './types';

/**
 * What coaching needs beyond the tables of 0001: its settings (reminder lead time, leads and
 * their e-mail, the shift schedule), the rule of each recurring series (so a list can say
 * "weekly until …"), and which reminders were sent (a restart must not notify twice).
 */
export const migration0004: Migration = {
  version: 4,
  name: 'coaching',
  up: `
CREATE TABLE coaching_settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE coaching_series (
  id TEXT PRIMARY KEY,
  every TEXT NOT NULL CHECK (every IN ('weekly','biweekly')),
  until_date TEXT,
  count INTEGER,
  created_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE coaching_reminders (
  session_id INTEGER NOT NULL REFERENCES coaching_sessions(id) ON DELETE CASCADE,
  start_at INTEGER NOT NULL,
  sent_at INTEGER NOT NULL,
  PRIMARY KEY (session_id, start_at)
) STRICT, WITHOUT ROWID;

CREATE INDEX coaching_sessions_start ON coaching_sessions (start_at);
`,
};
