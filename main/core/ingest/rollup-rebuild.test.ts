import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../shared/contract/settings';
import { openDb } from '../../db/open';
import { CONTACT_ROW_SQL, rebuildRollups, writeSegmentRules, type RollupParams } from './rollup';

const s = defaultSettings();
const params: RollupParams = { timezone: 'Europe/Tallinn', targetSec: s.targetSec, shortAbandonSec: s.shortAbandonSec };

describe('rollup rebuild', () => {
  it('resolves segments as SEGMENT_SQL does: directory, then the longest rule, then the hint', () => {
    const db = openDb(':memory:');
    writeSegmentRules(db, [
      { kind: 'prefix', pattern: '+372', segment: 'Local' },
      { kind: 'prefix', pattern: '+3725', segment: 'Mobile' },
      { kind: 'queue', pattern: 'Sales', segment: 'Prospect' },
      { kind: 'did', pattern: '800', segment: 'Freephone' },
    ]);
    db.exec(`INSERT INTO customers (caller, segment, updated_at) VALUES ('+37251', 'VIP', 0), ('+37252', NULL, 0), ('+37253', '', 0)`);
    const insert = db.prepare(
      `INSERT INTO contacts (source, source_id, channel, queue, caller, did, segment_hint, enter_at, answer_at, end_at, outcome, wait_ms) VALUES ('t', ?, 'voice', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const callers = ['+37251', '+37252', '+37253', '+3726', '+1555', null];
    const queues = ['Support', 'Sales'];
    const dids = [null, '800', '900'];
    const hints = [null, 'Hinted'];
    let i = 0;
    for (const caller of callers)
      for (const queue of queues)
        for (const did of dids)
          for (const hint of hints) {
            const t = Date.UTC(2026, 2, 29, 0, 0) + i * 600_000;
            insert.run(String(i++), queue, caller, did, hint, t, i % 3 ? t + 5000 : null, t + 60_000, i % 3 ? 'answered' : 'abandoned', 5000);
          }
    rebuildRollups(db, params);
    const bySql = db.prepare(`SELECT segment, COUNT(*) AS n FROM (${CONTACT_ROW_SQL}) GROUP BY segment ORDER BY segment`).all();
    const byRollup = db.prepare('SELECT segment, SUM(offered) AS n FROM rollup_hour GROUP BY segment ORDER BY segment').all();
    expect(byRollup).toEqual(bySql);
    expect((bySql as { segment: string }[]).map((r) => r.segment)).toEqual(['', 'Freephone', 'Hinted', 'Local', 'Mobile', 'Prospect', 'VIP']);
    db.close();
  });

  it("keeps rollup_hour's secondary indexes and triggers as they were, and the index agrees with the table", () => {
    const db = openDb(':memory:');
    const schema = () => db.prepare("SELECT type, name, sql FROM sqlite_master WHERE tbl_name IN ('rollup_hour', 'rollup_hour_seg') ORDER BY type, name").all();
    const before = schema();
    expect(before).toContainEqual(expect.objectContaining({ type: 'index', name: 'rollup_segment_hour' }));
    const insert = db.prepare(`INSERT INTO contacts (source, source_id, channel, queue, segment_hint, enter_at, outcome) VALUES ('t', ?, 'voice', 'Q', ?, ?, 'abandoned')`);
    for (let i = 0; i < 40; i++) insert.run(String(i), ['VIP', 'Regular'][i % 2], Date.UTC(2026, 2, 29) + i * 900_000);
    rebuildRollups(db, params);
    expect(schema()).toEqual(before);
    // Read through the index (segment first) and through the table: the same rows.
    const viaIndex = db.prepare("SELECT hour_at, offered FROM rollup_hour INDEXED BY rollup_segment_hour WHERE segment = 'VIP' ORDER BY hour_at").all();
    const viaTable = db.prepare("SELECT hour_at, offered FROM rollup_hour NOT INDEXED WHERE segment = 'VIP' ORDER BY hour_at").all();
    expect(viaIndex).toHaveLength(10);
    expect(viaIndex).toEqual(viaTable);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('counts every finished ring once under its agent: the answering agent’s own no-answer and canceled rings too, rings still ringing not at all', () => {
    const db = openDb(':memory:');
    db.exec("INSERT INTO agents (id, name) VALUES (1, 'A'), (2, 'B')");
    const contact = db.prepare(`INSERT INTO contacts (id, source, source_id, channel, queue, enter_at, answer_at, outcome, agent_id) VALUES (?, 't', ?, 'voice', 'Q', ?, ?, ?, ?)`);
    const ring = db.prepare('INSERT INTO attempts (contact_id, agent_id, at, result) VALUES (?, ?, ?, ?)');
    const t = Date.UTC(2026, 2, 29, 8, 0);
    // 1: A does not answer, B's ring is canceled, then A answers.
    contact.run(1, '1', t, t + 30_000, 'answered', 1);
    ring.run(1, 1, t + 1000, 'no-answer');
    ring.run(1, 2, t + 1000, 'canceled');
    ring.run(1, 1, t + 20_000, 'connected');
    // 2: B answers while A's ring and a second ring of B's have not finished.
    contact.run(2, '2', t + 60_000, t + 70_000, 'answered', 2);
    ring.run(2, 2, t + 61_000, 'connected');
    ring.run(2, 1, t + 61_000, 'ringing');
    ring.run(2, 2, t + 65_000, 'ringing');
    // 3: nobody answers; the caller leaves while B still rings.
    contact.run(3, '3', t + 120_000, null, 'abandoned', null);
    ring.run(3, 1, t + 121_000, 'no-answer');
    ring.run(3, 2, t + 125_000, 'ringing');
    rebuildRollups(db, params);
    const byAgent = db.prepare('SELECT agent_id, SUM(attempts) AS attempts, SUM(rna_attempts) AS rna FROM rollup_hour GROUP BY agent_id ORDER BY agent_id').all();
    // Hand-counted: A rang 3 times to the end (2 no-answers), B twice (none unanswered).
    expect(byAgent).toEqual([
      { agent_id: 0, attempts: 0, rna: 0 },
      { agent_id: 1, attempts: 3, rna: 2 },
      { agent_id: 2, attempts: 2, rna: 0 },
    ]);
    db.close();
  });
});
