import type { Migration } from './types';

/**
 * Events of a contact whose entry has not been imported yet (a rotated queue_log imported after
 * the newer file, a tail started in the middle of calls) are kept here, keyed by the contact,
 * and applied when its entry arrives (main/core/ingest/store.ts). Before, they were counted as
 * orphans and dropped, so a call that straddled the rotation lost its answer and its end.
 */
export const migration0010: Migration = {
  version: 10,
  name: 'pending-events',
  up: `
CREATE TABLE pending_events (
  source TEXT NOT NULL,
  source_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  event TEXT NOT NULL,
  PRIMARY KEY (source, source_id, event)
) STRICT, WITHOUT ROWID;
CREATE INDEX pending_events_at ON pending_events (at);
`,
};
