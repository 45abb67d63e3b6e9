import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../open';
import { MIGRATIONS } from './index';

describe('migration 0008 (rollup waited)', () => {
  it('adds waited to every tier on top of 0007, carries it through the triggers, and asks for a rebuild', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, 7));
    db.prepare("INSERT INTO meta (key, value) VALUES ('rollup.params', 'built')").run();
    db.prepare('INSERT INTO rollup_zone (from_at, offset_ms) VALUES (?, ?)').run(-8.64e15, 7_200_000);
    expect(migrate(db, MIGRATIONS.slice(0, 8))).toBe(8);

    const hour = Date.UTC(2026, 10, 23, 8);
    const insert = db.prepare("INSERT INTO rollup_hour (hour_at, channel, queue, segment, agent_id, offered, waited) VALUES (?, 'voice', 'Support', 'VIP', ?, ?, ?)");
    insert.run(hour, 1, 3, 2);
    insert.run(hour, 2, 4, 1);
    db.prepare('UPDATE rollup_hour SET waited = waited + 1 WHERE agent_id = 2').run();
    const sum = (table: string) => db.prepare<[], { offered: number; waited: number }>(`SELECT SUM(offered) AS offered, SUM(waited) AS waited FROM ${table}`).get()!;
    for (const table of ['rollup_hour', 'rollup_hour_seg', 'rollup_day_seg', 'rollup_month_seg']) expect(sum(table), table).toEqual({ offered: 7, waited: 4 });
    db.prepare('DELETE FROM rollup_hour WHERE agent_id = 1').run();
    for (const table of ['rollup_hour_seg', 'rollup_day_seg', 'rollup_month_seg']) expect(sum(table), table).toEqual({ offered: 4, waited: 2 });
    expect(db.prepare("SELECT value FROM meta WHERE key = 'rollup.params'").get()).toBeUndefined();
  });
});
