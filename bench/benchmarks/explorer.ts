import path from 'node:path';
import { CONTACT_SORTS, type ReviewFilters } from '../../shared/contract/review';
import { defaultSettings } from '../../shared/contract/settings';
import { openDb } from '../../main/db/open';
import { rebuildRollups } from '../../main/core/ingest/rollup';
import { contactPage } from '../../main/core/review/contacts';
import { percentile, time, type Benchmark } from '../harness';

const CONTACTS = Number(process.env.FW_BENCH_EXPLORER_CONTACTS ?? 5_000_000);
const ZONE = 'Europe/Tallinn';
const DAY = 86_400_000;

/** The contacts explorer's first page (issue: < 200 ms at 5,000,000 contacts), per filter and sort. */
export const explorerBenchmark: Benchmark = {
  name: 'explorer',
  description: `first page of the contacts explorer at ${CONTACTS.toLocaleString('en')} contacts, per filter and sort`,
  run(ctx) {
    const s = defaultSettings();
    const db = openDb(path.join(ctx.dir, 'explorer.sqlite'));
    const end = Date.UTC(2026, 10, 1);
    const span = 365 * DAY;
    // Whole milliseconds between contacts: the times are INTEGER columns in a STRICT table.
    const step = Math.floor(span / CONTACTS);
    const load = time(() => {
      for (const [name, ch] of [['Support', 'voice'], ['Sales', 'voice'], ['Web chat', 'chat'], ['Inbox', 'email'], ['SMS', 'sms']] as const) {
        db.prepare('INSERT OR IGNORE INTO queues (name, channel) VALUES (?, ?)').run(name, ch);
      }
      db.prepare(`INSERT INTO customers (caller, segment, updated_at)
        WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 99999)
        SELECT '+3725' || i, CASE i % 20 WHEN 0 THEN 'VIP' WHEN 1 THEN 'Business' WHEN 2 THEN 'Business' ELSE 'Consumer' END, 0 FROM n`).run();
      db.prepare(`WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
        INSERT INTO contacts (source, source_id, channel, queue, caller, enter_at, answer_at, end_at, outcome, wait_ms, talk_ms)
        SELECT 'bench', i, CASE i % 5 WHEN 2 THEN 'chat' WHEN 3 THEN 'email' WHEN 4 THEN 'sms' ELSE 'voice' END,
          CASE i % 5 WHEN 0 THEN 'Support' WHEN 1 THEN 'Sales' WHEN 2 THEN 'Web chat' WHEN 3 THEN 'Inbox' ELSE 'SMS' END,
          '+3725' || (i * 7919 % 100000), ? + i * ?, CASE WHEN i % 9 = 0 THEN NULL ELSE ? + i * ? + 15000 END, ? + i * ? + 200000,
          CASE WHEN i % 9 = 0 THEN 'abandoned' ELSE 'answered' END, (i * 37) % 120000, 185000 FROM n`).run(
        CONTACTS - 1, end - span, step, end - span, step, end - span, step,
      );
      rebuildRollups(db, { timezone: ZONE, targetSec: s.targetSec, shortAbandonSec: s.shortAbandonSec });
    });
    ctx.log(`${CONTACTS.toLocaleString('en')} contacts over a year loaded in ${(load.ms / 1000).toFixed(1)} s`);

    const cases: [string, ReviewFilters][] = [
      ['last 30 days', { from: '2026-10-02', to: '2026-10-31' }],
      ['whole year', { from: '2025-11-01', to: '2026-10-31' }],
      ['whole year, segment VIP', { from: '2025-11-01', to: '2026-10-31', segment: 'VIP' }],
      ['last 7 days, queue Inbox', { from: '2026-10-25', to: '2026-10-31', queue: 'Inbox' }],
    ];
    const figures = [];
    let worst = 0;
    for (const [name, filters] of cases) {
      for (const sort of CONTACT_SORTS) {
        const samples: number[] = [];
        for (let i = 0; i < 7; i++) samples.push(time(() => contactPage(db, ZONE, filters, sort, null, 100)).ms);
        const p95 = percentile(samples, 95);
        worst = Math.max(worst, p95);
        figures.push({ name: `${name}, ${sort}, first page p95`, value: p95, unit: 'ms' });
      }
    }
    db.close();
    return [...figures, { name: 'slowest first page, p95', value: worst, unit: 'ms', target: '< 200 ms', meets: worst < 200 }];
  },
};
