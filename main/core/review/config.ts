import { DEFAULT_REVIEW_CONFIG, ReviewConfig } from '../../../shared/contract/review';
import type { Db } from '../../db/open';

const KEY = 'review.config';

/**
 * Backup schedule, retention and pseudonymisation live in the database's meta table: they belong
 * to the data file (a colleague's file keeps its own policy), not to this machine's settings.
 */
export function readConfig(db: Db): ReviewConfig {
  const row = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?').get(KEY);
  if (!row) return { ...DEFAULT_REVIEW_CONFIG };
  const parsed = ReviewConfig.partial().safeParse(JSON.parse(row.value));
  return { ...DEFAULT_REVIEW_CONFIG, ...(parsed.success ? parsed.data : {}) };
}

export function writeConfig(db: Db, patch: Partial<ReviewConfig>): ReviewConfig {
  const next = ReviewConfig.parse({ ...readConfig(db), ...patch });
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(KEY, JSON.stringify(next));
  return next;
}

export function metaNumber(db: Db, key: string): number {
  const row = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?').get(key);
  return row ? Number(row.value) || 0 : 0;
}

export function setMetaNumber(db: Db, key: string, value: number): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, String(value));
}
