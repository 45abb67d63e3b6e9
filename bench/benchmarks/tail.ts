import fs from 'node:fs';
import path from 'node:path';
import { defaultSettings } from '../../shared/contract/settings';
import { openDb } from '../../main/db/open';
import { systemClock } from '../../main/core/ports';
import { createIngestStore } from '../../main/core/ingest/store';
import { createFileTail } from '../../main/core/ingest/tail';
import { createSnapshotter } from '../../main/core/live/snapshot';
import { percentile, type Benchmark } from '../harness';
import { mulberry32 } from '../../main/core/simulator/random';
import { writeSyntheticQueueLog } from './queue-log-synth';

const SAMPLES = 120;
const HISTORY_LINES = 100_000;
const ZONE = 'Europe/Tallinn';

/**
 * Tail lag: from appending a line to a followed queue_log to the live snapshot showing it, through
 * the tail's directory watch and poll, the ingest store and the snapshotter. The file carries a day
 * of history first, so the parser's call memory (saved with every commit) is a realistic size.
 */
export const tailBenchmark: Benchmark = {
  name: 'tail',
  description: `lag from an appended queue_log line to the live snapshot, ${SAMPLES} appends after a day of history`,
  async run(ctx) {
    const settings = { ...defaultSettings(), timezone: ZONE };
    const file = path.join(ctx.dir, 'queue_log');
    const nowSec = Math.floor(Date.now() / 1000);
    writeSyntheticQueueLog(file, { lines: HISTORY_LINES, start: nowSec - 86_400 });
    const db = openDb(path.join(ctx.dir, 'tail.sqlite'));
    const store = createIngestStore(db, () => ({ timezone: ZONE, targetSec: settings.targetSec, shortAbandonSec: settings.shortAbandonSec }));
    const snapshot = createSnapshotter(db);
    let applied: (() => void) | null = null;
    const tail = createFileTail({ db, store, file, format: 'queue_log', clock: systemClock, onApplied: () => applied?.() });
    const size = fs.statSync(file).size;
    const caughtUp = new Promise<void>((resolve) => {
      // The status is updated right after onApplied returns.
      applied = () => setImmediate(() => tail.status().offset >= size && resolve());
    });
    let t = process.hrtime.bigint();
    tail.start();
    await caughtUp;
    ctx.log(`history of ${HISTORY_LINES.toLocaleString('en')} lines followed in ${(Number(process.hrtime.bigint() - t) / 1e6).toFixed(0)} ms`);

    const rnd = mulberry32(3);
    const samples: number[] = [];
    try {
      for (let i = 0; i < SAMPLES; i++) {
        // Appends arrive at irregular moments relative to the poll, as a PBX writes them.
        await new Promise((r) => setTimeout(r, 10 + rnd() * 90));
        const at = Math.floor(Date.now() / 1000);
        const callid = `${at}.tail${i}`;
        const seen = new Promise<void>((resolve) => {
          applied = () => {
            const now = Date.now();
            // Each appended contact stays waiting: the i-th is in when i + 1 wait.
            if (snapshot(now, settings, now).waitingTotal >= i + 1) resolve();
          };
        });
        t = process.hrtime.bigint();
        fs.appendFileSync(file, `${at}|${callid}|q1|NONE|ENTERQUEUE||+3726${i}|1\n`);
        await seen;
        samples.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
    } finally {
      tail.stop();
      db.close();
    }
    const p95 = percentile(samples, 95);
    return [
      { name: 'append → live snapshot, p50', value: percentile(samples, 50), unit: 'ms' },
      { name: 'append → live snapshot, p95', value: p95, unit: 'ms', target: '< 250 ms', meets: p95 < 250 },
      { name: 'append → live snapshot, max', value: Math.max(...samples), unit: 'ms' },
    ];
  },
};
