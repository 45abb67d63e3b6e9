import { describe, expect, it } from 'vitest';
import { openDb } from '../../db/open';
import { queryKpiExtras, type ExtraQuery } from './kpi-extras';

const ZONE = 'Europe/Tallinn';
const HOUR = 3_600_000;

describe('KPI extras: repeat contacts and FCR', () => {
  // Twelve days; caller k calls every (7 + k) hours, so some calls are repeats within 72 h and
  // some are not, and calls just outside the range still count as neighbours.
  const db = openDb(':memory:');
  db.prepare("INSERT INTO agents (id, name) VALUES (1, 'kadri')").run();
  const insert = db.prepare(
    `INSERT INTO contacts (source, source_id, channel, queue, caller, enter_at, answer_at, end_at, outcome, agent_id, wait_ms, segment_hint)
     VALUES ('t', ?, 'voice', 'Support', ?, ?, ?, ?, ?, ?, 5000, ?)`,
  );
  const start = Date.parse('2026-03-20T00:00:00Z');
  let n = 0;
  for (let k = 0; k < 12; k++)
    for (let t = start + k * 997_000; t < start + 12 * 24 * HOUR; t += (7 + k * 9) * HOUR) {
      const answered = n % 4 !== 0;
      insert.run(String(n++), k === 11 ? null : `+3725${k}`, t, answered ? t + 5000 : null, t + 60_000, answered ? 'answered' : 'abandoned', answered ? 1 : null, k % 2 ? 'VIP' : 'Consumer');
    }

  it('reads neighbouring contacts by range or by caller with the same counts', () => {
    const cases: Omit<ExtraQuery, 'zone' | 'repeatWindowHours'>[] = [
      { from: '2026-03-23', to: '2026-03-29', by: ['day'] },
      { from: '2026-03-25', to: '2026-03-25', by: ['hour', 'segment'] },
      { by: ['segment', 'agent'] },
    ];
    for (const c of cases) {
      const q = { ...c, zone: ZONE, repeatWindowHours: 72 };
      const range = queryKpiExtras(db, { ...q, historyRead: 'range' });
      const probe = queryKpiExtras(db, { ...q, historyRead: 'probe' });
      expect([...range.entries()], JSON.stringify(c)).toEqual([...probe.entries()]);
      expect([...queryKpiExtras(db, q).entries()]).toEqual([...probe.entries()]);
      const totals = [...range.values()].reduce((a, g) => ({ repeat: a.repeat + g.counts.repeatContacts, fcr: a.fcr + g.counts.fcrRepeated }), { repeat: 0, fcr: 0 });
      expect(totals.repeat).toBeGreaterThan(0);
      expect(totals.fcr).toBeGreaterThan(0);
    }
  });
});
