import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../open';
import { MIGRATIONS } from './index';

describe('migration 0012 (agent day totals)', () => {
  it('fills the totals from rollup_day_agent and keeps them equal to rollup_hour summed by local day and agent', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, 11));
    db.prepare('INSERT INTO rollup_zone (from_at, offset_ms) VALUES (?, ?)').run(-8.64e15, 7_200_000);
    const insert = db.prepare('INSERT INTO rollup_hour (hour_at, channel, queue, segment, agent_id, offered, attempts, talk_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    // 21:00 UTC is 23:00 local (+2 h); 22:00 UTC is the next local day.
    const h21 = Date.UTC(2026, 10, 23, 21);
    const h22 = Date.UTC(2026, 10, 23, 22);
    insert.run(h21, 'voice', 'Support', 'VIP', 1, 2, 3, 100);
    insert.run(h21, 'chat', 'Web', '', 1, 1, 0, 50);
    insert.run(h22, 'voice', 'Support', 'VIP', 1, 4, 4, 10);
    insert.run(h21, 'voice', 'Sales', 'VIP', 2, 5, 1, 7);
    expect(migrate(db, MIGRATIONS.slice(0, 12))).toBe(12);

    const totals = () => db.prepare('SELECT day, agent_id, offered, attempts, talk_ms FROM rollup_day_agent_total ORDER BY day, agent_id').all();
    const expected = () =>
      db
        .prepare(
          `SELECT date((hour_at + 7200000) / 1000, 'unixepoch') AS day, agent_id, SUM(offered) AS offered, SUM(attempts) AS attempts, SUM(talk_ms) AS talk_ms
           FROM rollup_hour GROUP BY 1, 2 ORDER BY 1, 2`,
        )
        .all();
    expect(totals()).toEqual([
      { day: '2026-11-23', agent_id: 1, offered: 3, attempts: 3, talk_ms: 150 },
      { day: '2026-11-23', agent_id: 2, offered: 5, attempts: 1, talk_ms: 7 },
      { day: '2026-11-24', agent_id: 1, offered: 4, attempts: 4, talk_ms: 10 },
    ]);
    // The triggers: an upsert, an update, a delete and a new row.
    db.prepare("UPDATE rollup_hour SET offered = offered + 3, talk_ms = talk_ms + 5 WHERE agent_id = 2").run();
    db.prepare("DELETE FROM rollup_hour WHERE channel = 'chat'").run();
    insert.run(h22, 'sms', 'Text', 'Business', 2, 1, 2, 0);
    expect(totals()).toEqual(expected());
    expect(totals()).toEqual([
      { day: '2026-11-23', agent_id: 1, offered: 2, attempts: 3, talk_ms: 100 },
      { day: '2026-11-23', agent_id: 2, offered: 8, attempts: 1, talk_ms: 12 },
      { day: '2026-11-24', agent_id: 1, offered: 4, attempts: 4, talk_ms: 10 },
      { day: '2026-11-24', agent_id: 2, offered: 1, attempts: 2, talk_ms: 0 },
    ]);
  });
});
