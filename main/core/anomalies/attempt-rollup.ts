import type { Db } from '../../db/open';
import { SEGMENT_SQL } from '../ingest/rollup';

const META_KEY = 'rollup_attempt.key';

/**
 * rollup_attempt (migration 0003) is kept current by triggers on attempts, keyed by the segment a
 * contact had when its attempt was written. When the directory or the segment rules change, the
 * segments of past contacts change too: then it is rebuilt, as rollup_hour is.
 */
export function ensureAttemptRollup(db: Db): void {
  const key = JSON.stringify(
    db
      .prepare<[], Record<string, unknown>>(
        `SELECT (SELECT value FROM meta WHERE key = 'rollup.params') AS params,
           (SELECT COUNT(*) FROM customers) AS customers, (SELECT MAX(updated_at) FROM customers) AS updated,
           (SELECT group_concat(kind || ':' || pattern || ':' || segment, '|') FROM segment_rules) AS rules`,
      )
      .get(),
  );
  if (db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?').get(META_KEY)?.value === key) return;
  db.transaction(() => {
    db.exec('DELETE FROM rollup_attempt');
    db.exec(`INSERT INTO rollup_attempt (hour_at, agent_id, segment, attempts, no_answer)
      SELECT (a.at / 3600000) * 3600000 AS h, a.agent_id, ${SEGMENT_SQL} AS seg, COUNT(*), SUM(a.result = 'no-answer')
      FROM attempts a JOIN contacts c ON c.id = a.contact_id WHERE a.result <> 'ringing' GROUP BY h, a.agent_id, seg`);
    db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(META_KEY, key);
  })();
}
