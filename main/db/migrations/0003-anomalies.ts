import type { Migration } from './types';

const SUMS = ['offered', 'answered', 'abandoned', 'short_abandoned', 'answered_in_target', 'wait_ms', 'answered_wait_ms', 'talk_ms', 'hold_ms', 'wrap_ms'];
const cols = SUMS.join(', ');
const key = (row: 'NEW' | 'OLD') => `hour_at = ${row}.hour_at AND channel = ${row}.channel AND queue = ${row}.queue AND segment = ${row}.segment`;

/**
 * Anomaly flags keep the figures behind their explanation (`detail`, JSON) so screens render the
 * sentence in the reader's language, and when a rescan last confirmed them (`seen_at`).
 *
 * `rollup_hour_seg` is a coarser tier of rollup_hour without the agent dimension: dashboards that
 * do not group by agent, all-time views and the anomaly scan read it (rollup_hour holds a row per
 * agent, which at a large floor is nearly as many rows as contacts). It is kept equal to
 * rollup_hour by triggers, so every writer of rollup_hour (ingest, rebuilds) keeps it current
 * without knowing about it.
 */
/**
 * Segment of contact `c`, as main/core/ingest/rollup.ts SEGMENT_SQL resolves it, frozen here with
 * this migration. The anomaly service rebuilds rollup_attempt whenever the directory or the rules
 * change (main/core/anomalies/attempt-rollup.ts), as rollup_hour is rebuilt.
 */
const SEGMENT = `COALESCE(
  (SELECT cu.segment FROM customers cu WHERE cu.caller = c.caller),
  (SELECT r.segment FROM segment_rules r WHERE (r.kind = 'prefix' AND substr(c.caller, 1, length(r.pattern)) = r.pattern)
     OR (r.kind = 'queue' AND c.queue = r.pattern) OR (r.kind = 'did' AND c.did = r.pattern)
   ORDER BY length(r.pattern) DESC, r.id LIMIT 1),
  c.segment_hint, '')`;
const attemptDelta = (row: 'NEW' | 'OLD', sign: 1 | -1) => `
  INSERT INTO rollup_attempt (hour_at, agent_id, segment, attempts, no_answer)
    SELECT (${row}.at / 3600000) * 3600000, ${row}.agent_id, ${SEGMENT}, ${sign}, ${sign} * (${row}.result = 'no-answer')
    FROM contacts c WHERE c.id = ${row}.contact_id AND ${row}.result <> 'ringing'
    ON CONFLICT (hour_at, agent_id, segment) DO UPDATE SET attempts = attempts + excluded.attempts, no_answer = no_answer + excluded.no_answer;`;

/**
 * The triggers that keep rollup_hour_seg equal to rollup_hour, for the sum columns `sums`. Later
 * migrations that add a sum column re-create them through this with the longer list.
 */
export const segmentTriggers = (sums: readonly string[]) => {
  const cols = sums.join(', ');
  const set = (sign: '+' | '-', row: 'NEW' | 'OLD') => sums.map((c) => `${c} = ${c} ${sign} ${row}.${c}`).join(', ');
  return `CREATE TRIGGER rollup_hour_seg_insert AFTER INSERT ON rollup_hour BEGIN
  INSERT INTO rollup_hour_seg (hour_at, channel, queue, segment, ${cols})
    VALUES (NEW.hour_at, NEW.channel, NEW.queue, NEW.segment, ${sums.map((c) => `NEW.${c}`).join(', ')})
    ON CONFLICT (hour_at, channel, queue, segment) DO UPDATE SET ${sums.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')};
END;
CREATE TRIGGER rollup_hour_seg_update AFTER UPDATE ON rollup_hour BEGIN
  UPDATE rollup_hour_seg SET ${set('-', 'OLD')} WHERE ${key('OLD')};
  INSERT INTO rollup_hour_seg (hour_at, channel, queue, segment, ${cols})
    VALUES (NEW.hour_at, NEW.channel, NEW.queue, NEW.segment, ${sums.map((c) => `NEW.${c}`).join(', ')})
    ON CONFLICT (hour_at, channel, queue, segment) DO UPDATE SET ${sums.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')};
END;
CREATE TRIGGER rollup_hour_seg_delete AFTER DELETE ON rollup_hour BEGIN
  UPDATE rollup_hour_seg SET ${set('-', 'OLD')} WHERE ${key('OLD')};
END;`;
};

export const migration0003: Migration = {
  version: 3,
  name: 'anomalies',
  up: `
ALTER TABLE anomalies ADD COLUMN detail TEXT;
ALTER TABLE anomalies ADD COLUMN seen_at INTEGER;
CREATE INDEX anomalies_status ON anomalies (status, detected_at);
CREATE INDEX attempts_at ON attempts (at);

CREATE TABLE rollup_hour_seg (
  hour_at INTEGER NOT NULL,
  channel TEXT NOT NULL,
  queue TEXT NOT NULL,
  segment TEXT NOT NULL,
  ${SUMS.map((c) => `${c} INTEGER NOT NULL DEFAULT 0`).join(',\n  ')},
  PRIMARY KEY (hour_at, channel, queue, segment)
) STRICT, WITHOUT ROWID;

INSERT INTO rollup_hour_seg (hour_at, channel, queue, segment, ${cols})
  SELECT hour_at, channel, queue, segment, ${SUMS.map((c) => `SUM(${c})`).join(', ')} FROM rollup_hour GROUP BY hour_at, channel, queue, segment;

${segmentTriggers(SUMS)}

-- Finished ring attempts per UTC hour × agent × segment of the contact: the avoidance scan's input.
CREATE TABLE rollup_attempt (
  hour_at INTEGER NOT NULL,
  agent_id INTEGER NOT NULL,
  segment TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  no_answer INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (hour_at, agent_id, segment)
) STRICT, WITHOUT ROWID;
INSERT INTO rollup_attempt (hour_at, agent_id, segment, attempts, no_answer)
  SELECT (a.at / 3600000) * 3600000 AS h, a.agent_id, ${SEGMENT} AS seg, COUNT(*), SUM(a.result = 'no-answer')
  FROM attempts a JOIN contacts c ON c.id = a.contact_id WHERE a.result <> 'ringing' GROUP BY h, a.agent_id, seg;
CREATE TRIGGER rollup_attempt_insert AFTER INSERT ON attempts BEGIN${attemptDelta('NEW', 1)}
END;
CREATE TRIGGER rollup_attempt_update AFTER UPDATE OF result, at, agent_id ON attempts BEGIN${attemptDelta('OLD', -1)}${attemptDelta('NEW', 1)}
END;
CREATE TRIGGER rollup_attempt_delete AFTER DELETE ON attempts BEGIN${attemptDelta('OLD', -1)}
END;
`,
};
