import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../open';
import { MIGRATIONS } from './index';

describe('migration 0007 (live counts)', () => {
  it("adds the ring-no-answer index on top of 0006 on :memory:, and the agents panel's counts use the indexes alone", () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, 6));
    expect(migrate(db, MIGRATIONS.slice(0, 7))).toBe(7);
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join('\n');
    expect(plan("SELECT count(*) FROM attempts t WHERE t.agent_id = 1 AND t.at >= 0 AND t.result = 'no-answer'")).toMatch(/COVERING INDEX attempts_rna/);
    expect(plan('SELECT count(*) FROM contacts c WHERE c.agent_id = 1 AND c.enter_at >= 0')).toMatch(/COVERING INDEX contacts_agent/);
  });
});
