import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../open';
import { MIGRATIONS } from './index';

describe('migration 0004 (coaching)', () => {
  it('adds coaching settings, series and sent reminders on top of 0003 on :memory:', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, 3));
    expect(migrate(db, MIGRATIONS.slice(0, 4))).toBe(4);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['coaching_settings', 'coaching_series', 'coaching_reminders']));
    expect(() => db.prepare("INSERT INTO coaching_series (id, every, created_at) VALUES ('s', 'daily', 0)").run()).toThrow(/CHECK/);
    db.pragma('foreign_keys = ON');
    db.prepare("INSERT INTO agents (id, name) VALUES (1, 'A')").run();
    db.prepare("INSERT INTO coaching_sessions (id, uid, agent_id, lead, start_at, end_at, topic, created_at) VALUES (1, 'u', 1, 'L', 0, 10, 't', 0)").run();
    db.prepare('INSERT INTO coaching_reminders (session_id, start_at, sent_at) VALUES (1, 0, 0)').run();
    db.prepare('DELETE FROM coaching_sessions WHERE id = 1').run();
    expect(db.prepare('SELECT COUNT(*) AS n FROM coaching_reminders').get()).toEqual({ n: 0 });
  });
});
