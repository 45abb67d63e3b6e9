import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../open';
import { MIGRATIONS } from './index';

describe('migration 0009 (rollup extras)', () => {
  it('adds the extra sums to every tier, carries them through the triggers, stores segment and flags, and asks for a rebuild', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, 8));
    db.prepare("INSERT INTO meta (key, value) VALUES ('rollup.params', 'built')").run();
    db.prepare("INSERT INTO contacts (source, source_id, channel, queue, enter_at) VALUES ('t', '1', 'voice', 'Support', 0)").run();
    db.prepare('INSERT INTO rollup_zone (from_at, offset_ms) VALUES (?, ?)').run(-8.64e15, 7_200_000);
    expect(migrate(db, MIGRATIONS.slice(0, 9))).toBe(9);

    expect(db.prepare('SELECT segment, repeat_flags FROM contacts').get()).toEqual({ segment: '', repeat_flags: 0 });
    const hour = Date.UTC(2026, 10, 23, 8);
    const insert = db.prepare(
      "INSERT INTO rollup_hour (hour_at, channel, queue, segment, agent_id, offered, attempts, rna_attempts, nps_detractors) VALUES (?, 'voice', 'Support', 'VIP', ?, ?, ?, ?, ?)",
    );
    insert.run(hour, 1, 3, 4, 2, 1);
    // An agent rung for the group who answered none of it: attempts only.
    insert.run(hour, 2, 0, 5, 5, 0);
    db.prepare('UPDATE rollup_hour SET fcr_repeated = fcr_repeated + 2 WHERE agent_id = 1').run();
    const sum = (table: string) =>
      db.prepare(`SELECT SUM(offered) AS offered, SUM(attempts) AS attempts, SUM(rna_attempts) AS rna, SUM(fcr_repeated) AS fcr, SUM(nps_detractors) AS nps FROM ${table}`).get();
    for (const table of ['rollup_hour', 'rollup_hour_seg', 'rollup_day_seg', 'rollup_month_seg']) expect(sum(table), table).toEqual({ offered: 3, attempts: 9, rna: 7, fcr: 2, nps: 1 });
    db.prepare('DELETE FROM rollup_hour WHERE agent_id = 2').run();
    for (const table of ['rollup_hour_seg', 'rollup_day_seg', 'rollup_month_seg']) expect(sum(table), table).toEqual({ offered: 3, attempts: 4, rna: 2, fcr: 2, nps: 1 });
    expect(db.prepare("SELECT value FROM meta WHERE key = 'rollup.params'").get()).toBeUndefined();
  });
});
