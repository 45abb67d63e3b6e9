import type { Migration } from './types';

/**
 * Indexes for the contacts explorer (offline review). Each supported sort walks an index in
 * keyset order, so the first page costs the same at 5,000 or 5,000,000 contacts:
 * - time order filtered by channel or queue: (channel|queue, enter_at) — unfiltered time order
 *   uses contacts_enter, agent filters contacts_agent (0001);
 * - longest wait first: the expression the explorer sorts on (unknown waits last);
 * - a segment filter: segment is resolved per contact (never stored), so the explorer asks the
 *   rollup which hours hold that segment and reads only those hours' contacts.
 */
export const migration0005: Migration = {
  version: 5,
  name: 'review',
  up: `
CREATE INDEX contacts_channel_enter ON contacts (channel, enter_at);
CREATE INDEX contacts_queue_enter ON contacts (queue, enter_at);
CREATE INDEX contacts_wait ON contacts (ifnull(wait_ms, -1));
CREATE INDEX rollup_segment_hour ON rollup_hour (segment, hour_at);
`,
};
