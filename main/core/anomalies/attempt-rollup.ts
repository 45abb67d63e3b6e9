import type { Db } from '../../db/open';

const META_KEY = 'rollup_attempt.key';

/**
 * Ring attempts per UTC hour × agent × segment, as rollup_attempt holds them. The contact's stored
 * segment is SEGMENT_SQL's, resolved at ingest and again when the directory or rules change.
 */
const COUNT_SQL = `SELECT (a.at / 3600000) * 3600000 AS h, a.agent_id, c.segment AS seg, COUNT(*) AS attempts, SUM(a.result = 'no-answer') AS no_answer
  FROM attempts a JOIN contacts c ON c.id = a.contact_id WHERE a.result <> 'ringing'`;

/**
 * What the rollup's segments depend on: the directory and the rules. Not the other rollup
 * parameters: its hours are UTC hours and it holds no threshold, so a new answer target or zone
 * leaves it as it is.
 */
function currentKey(db: Db): string {
  return JSON.stringify(
    db
      .prepare<[], Record<string, unknown>>(
        `SELECT (SELECT COUNT(*) FROM customers) AS customers, (SELECT MAX(updated_at) FROM customers) AS updated,
           (SELECT group_concat(kind || ':' || pattern || ':' || segment, '|') FROM segment_rules) AS rules`,
      )
      .get(),
  );
}

/** The rollup's segments still match the directory and the rules. */
export function attemptRollupFresh(db: Db): boolean {
  return db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?').get(META_KEY)?.value === currentKey(db);
}

/**
 * rollup_attempt (migration 0003) is kept current by triggers on attempts, keyed by the segment a
 * contact had when its attempt was written. When the directory or the segment rules change, the
 * segments of past contacts change too: then it is rebuilt, as rollup_hour is.
 */
export function ensureAttemptRollup(db: Db): void {
  if (attemptRollupFresh(db)) return;
  db.transaction(() => {
    db.exec(`DELETE FROM rollup_attempt; ${ATTEMPT_ROLLUP_FILL}`);
    markAttemptRollupFresh(db);
  })();
}

/**
 * Fills an empty rollup_attempt from the attempts (table names unqualified: a rebuild's worker
 * thread fills its scratch file's, rollup-parallel.ts).
 */
export const ATTEMPT_ROLLUP_FILL = `INSERT INTO rollup_attempt (hour_at, agent_id, segment, attempts, no_answer) ${COUNT_SQL} GROUP BY h, a.agent_id, seg`;

/** Records that rollup_attempt matches the directory and rules as they are now. */
export function markAttemptRollupFresh(db: Db): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(META_KEY, currentKey(db));
}

/**
 * Agent × segment counts of [fromAt, toAt) straight from the attempts, for a read that finds the
 * rollup stale: reads never rebuild it (the next recording scan does).
 */
export function countAttemptsDirect(db: Db, fromAt: number, toAt: number): { agent_id: number; segment: string; attempts: number; no_answer: number }[] {
  return db
    .prepare<[number, number, number, number], { agent_id: number; segment: string; attempts: number; no_answer: number }>(
      `SELECT agent_id, seg AS segment, SUM(attempts) AS attempts, SUM(no_answer) AS no_answer FROM (
         ${COUNT_SQL} AND a.at >= ? AND a.at < ? GROUP BY h, a.agent_id, seg
       ) WHERE h >= ? AND h < ? GROUP BY agent_id, seg HAVING SUM(attempts) > 0`,
    )
    .all(Math.floor(fromAt / 3_600_000) * 3_600_000, Math.ceil(toAt / 3_600_000) * 3_600_000, fromAt, toAt);
}
