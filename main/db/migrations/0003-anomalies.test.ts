import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../open';
import { MIGRATIONS } from './index';

describe('migration 0003 (anomalies)', () => {
  it('adds detail and seen_at to anomalies on top of 0002, keeping existing flags', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, 2));
    db.prepare(
      `INSERT INTO anomalies (kind, fingerprint, from_at, to_at, observed, expected, total, p_value, q_value, explanation, detected_at)
       VALUES ('unanswered', 'f1', 0, 1, 5, 1, 20, 0.001, 0.01, 'x', 0)`,
    ).run();
    expect(migrate(db, MIGRATIONS.slice(0, 3))).toBe(3);
    const cols = (db.prepare('PRAGMA table_info(anomalies)').all() as { name: string }[]).map((c) => c.name);
    expect(cols).toEqual(expect.arrayContaining(['detail', 'seen_at']));
    expect(db.prepare('SELECT detail, status FROM anomalies').get()).toEqual({ detail: null, status: 'new' });
    const indexes = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").all() as { name: string }[]).map((r) => r.name);
    expect(indexes).toEqual(expect.arrayContaining(['anomalies_status', 'attempts_at']));
  });
});

describe('rollup_hour_seg (triggers)', () => {
  it('equals rollup_hour summed over agents after inserts, upserts and deletes', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, 3));
    const up = db.prepare(
      `INSERT INTO rollup_hour (hour_at, channel, queue, segment, agent_id, offered, answered) VALUES (?, 'voice', 'q', ?, ?, ?, ?)
       ON CONFLICT (hour_at, channel, queue, segment, agent_id) DO UPDATE SET offered = offered + excluded.offered, answered = answered + excluded.answered`,
    );
    up.run(0, 'VIP', 1, 2, 1);
    up.run(0, 'VIP', 2, 3, 3);
    up.run(0, 'VIP', 1, 1, 1);
    up.run(3_600_000, '', 0, 4, 0);
    const seg = () => db.prepare('SELECT hour_at, segment, offered, answered FROM rollup_hour_seg WHERE offered <> 0 OR answered <> 0 ORDER BY hour_at').all();
    const sum = () => db.prepare('SELECT hour_at, segment, SUM(offered) AS offered, SUM(answered) AS answered FROM rollup_hour GROUP BY hour_at, channel, queue, segment ORDER BY hour_at').all();
    expect(seg()).toEqual(sum());
    expect(seg()).toEqual([
      { hour_at: 0, segment: 'VIP', offered: 6, answered: 5 },
      { hour_at: 3_600_000, segment: '', offered: 4, answered: 0 },
    ]);
    db.prepare('DELETE FROM rollup_hour WHERE agent_id = 2').run();
    expect(seg()).toEqual(sum());
    db.exec('DELETE FROM rollup_hour');
    expect(seg()).toEqual([]);
  });
});
