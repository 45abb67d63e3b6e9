import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../open';
import { MIGRATIONS } from './index';

describe('migration 0006 (rollup tiers)', () => {
  it('adds the coarse tiers on top of 0005, keeps the hourly tiers, and asks for a rebuild', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, 5));
    db.exec(`INSERT INTO meta (key, value) VALUES ('rollup.params', '{}');
      INSERT INTO rollup_hour (hour_at, channel, queue, segment, agent_id, offered, answered) VALUES (0, 'voice', 'q', 'VIP', 1, 2, 1)`);
    expect(migrate(db, MIGRATIONS.slice(0, 6))).toBe(6);
    expect(db.prepare("SELECT value FROM meta WHERE key = 'rollup.params'").get()).toBeUndefined();
    // Without a zone table the tiers count in UTC; readers ignore them until a rebuild names the zone.
    db.exec(`INSERT INTO rollup_zone (from_at, offset_ms) VALUES (-8640000000000000, 7200000);
      INSERT INTO rollup_hour (hour_at, channel, queue, segment, agent_id, offered, answered) VALUES (79200000, 'voice', 'q', 'VIP', 1, 3, 3)
        ON CONFLICT (hour_at, channel, queue, segment, agent_id) DO UPDATE SET offered = offered + excluded.offered, answered = answered + excluded.answered;
      UPDATE rollup_hour SET offered = offered + 1 WHERE hour_at = 79200000;`);
    expect(db.prepare('SELECT hour_at, offered, answered FROM rollup_hour_seg ORDER BY hour_at').all()).toEqual([
      { hour_at: 0, offered: 2, answered: 1 },
      { hour_at: 79_200_000, offered: 4, answered: 3 },
    ]);
    // 22:00 UTC on 1 Jan 1970 is local midnight of 2 Jan (a Friday) at +02:00.
    expect(db.prepare('SELECT day, offered, answered FROM rollup_day_seg').all()).toEqual([{ day: '1970-01-02', offered: 4, answered: 3 }]);
    expect(db.prepare('SELECT month, weekday, hour, offered FROM rollup_month_seg').all()).toEqual([{ month: '1970-01', weekday: 5, hour: 0, offered: 4 }]);
    db.exec('DELETE FROM rollup_hour WHERE hour_at = 79200000');
    expect(db.prepare('SELECT day, offered, answered FROM rollup_day_seg').all()).toEqual([{ day: '1970-01-02', offered: 0, answered: 0 }]);
  });
});
