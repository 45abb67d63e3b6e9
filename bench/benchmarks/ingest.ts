import path from 'node:path';
import { defaultSettings } from '../../shared/contract/settings';
import { openDb } from '../../main/db/open';
import type { IngestEvent } from '../../main/core/ingest/events';
import { createIngestStore } from '../../main/core/ingest/store';
import { time, type Benchmark } from '../harness';

const CALLS = 100_000;
const BATCH = 2000;

function events(n: number, t0: number): IngestEvent[] {
  const out: IngestEvent[] = [];
  for (let i = 0; i < n; i++) {
    const id = `c${i}`;
    const enter = t0 + i * 1500;
    const agent = `SIP/${1000 + (i % 40)}`;
    out.push({ kind: 'enqueued', source: 'bench', id, at: enter, channel: 'voice', queue: `Q${i % 4}`, caller: `+3725${String(i % 50_000).padStart(6, '0')}` });
    if (i % 9 === 0) {
      out.push({ kind: 'ended', source: 'bench', id, at: enter + 40_000, outcome: 'abandoned' });
      continue;
    }
    out.push({ kind: 'answered', source: 'bench', id, at: enter + 12_000, agent, ringMs: 4000 });
    out.push({ kind: 'ended', source: 'bench', id, at: enter + 200_000, outcome: 'answered', talkMs: 188_000 });
  }
  return out;
}

/** Live-source ingest through the one write path (contacts, attempts, agent state, rollups). */
export const ingestBenchmark: Benchmark = {
  name: 'ingest',
  description: `${CALLS.toLocaleString('en')} calls as normalised events through the ingest store, batches of ${BATCH}`,
  run(ctx) {
    const s = defaultSettings();
    const params = () => ({ timezone: 'Europe/Tallinn', targetSec: s.targetSec, shortAbandonSec: s.shortAbandonSec });
    const evs = events(CALLS, Date.UTC(2026, 0, 5, 6));

    const db = openDb(path.join(ctx.dir, 'ingest.sqlite'));
    const store = createIngestStore(db, params);
    const run = time(() => {
      for (let i = 0; i < evs.length; i += BATCH) store.apply(evs.slice(i, i + BATCH));
    });
    db.close();

    // Baseline: the same contacts as bare rows, one insert each, same batching, no logic.
    const bare = openDb(path.join(ctx.dir, 'bare.sqlite'));
    const insert = bare.prepare('INSERT INTO contacts (source, source_id, channel, queue, caller, enter_at, answer_at, end_at, outcome, wait_ms) VALUES (?,?,?,?,?,?,?,?,?,?)');
    const base = time(() => {
      for (let i = 0; i < CALLS; i += BATCH) {
        bare.transaction(() => {
          for (let j = i; j < Math.min(CALLS, i + BATCH); j++) {
            const enter = j * 1500;
            insert.run('bench', `c${j}`, 'voice', `Q${j % 4}`, `+3725${j}`, enter, enter + 12_000, enter + 200_000, 'answered', 12_000);
          }
        })();
      }
    });
    bare.close();
    const perSec = (n: number, ms: number) => (n / ms) * 1000;
    return [
      { name: 'events per second', value: perSec(evs.length, run.ms), unit: 'events/s' },
      {
        name: 'contacts per second',
        value: perSec(CALLS, run.ms),
        unit: 'contacts/s',
        baseline: { name: 'bare insert', value: perSec(CALLS, base.ms) },
      },
      { name: 'time per contact (ingest / bare insert)', value: run.ms / base.ms, unit: '×' },
    ];
  },
};
