import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../open';
import { MIGRATIONS } from './index';

describe('migration 0005 (review)', () => {
  it('adds the explorer indexes on top of 0004 on :memory:, and the planner uses them', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, 4));
    expect(migrate(db, MIGRATIONS.slice(0, 5))).toBe(5);
    const indexes = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").all() as { name: string }[]).map((r) => r.name);
    expect(indexes).toEqual(expect.arrayContaining(['contacts_channel_enter', 'contacts_queue_enter', 'contacts_wait', 'rollup_segment_hour']));
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join('\n');
    expect(plan("SELECT id FROM contacts WHERE queue = 'q' AND enter_at >= 0 ORDER BY enter_at DESC LIMIT 10")).toMatch(/contacts_queue_enter/);
    expect(plan("SELECT DISTINCT hour_at FROM rollup_hour WHERE segment = 'VIP' AND hour_at < 5 ORDER BY hour_at DESC LIMIT 24")).toMatch(/rollup_segment_hour/);
    expect(plan('SELECT id FROM contacts ORDER BY ifnull(wait_ms, -1) DESC, id DESC LIMIT 10')).toMatch(/contacts_wait/);
  });
});
