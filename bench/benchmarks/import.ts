import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { defaultSettings } from '../../shared/contract/settings';
import { openDb } from '../../main/db/open';
import { BULK_DEFERRED_INDEXES } from '../../main/db/bulk-indexes';
import { importFile } from '../../main/core/ingest/import/driver';
import { readLineBatches } from '../../main/core/ingest/queue-log';
import { createIngestStore } from '../../main/core/ingest/store';
import type { Benchmark, BenchContext, Figure } from '../harness';
import { writeSyntheticQueueLog } from './queue-log-synth';

const LINES = Number(process.env.FW_BENCH_IMPORT_LINES ?? 1_000_000);
const BIG_LINES = Number(process.env.FW_BENCH_BIG_LINES ?? 5_000_000);
const BATCH = 20_000;
const ZONE = 'Europe/Tallinn';

const seconds = () => process.hrtime.bigint();
const msSince = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e6;

/** The floor under any import: the same chunked reader the importer uses, lines decoded and dropped. */
async function rawRead(file: string): Promise<number> {
  let n = 0;
  for await (const b of readLineBatches(file, { includeUnterminated: true })) n += b.lines.length;
  return n;
}

/**
 * The other floor: the same number of contacts as bare rows into the real schema, same batch size,
 * no logic. With `deferred`, the indexes a bulk load defers are dropped first and built after, as
 * a bulk import does: the time of the inserts alone and of building those indexes.
 */
function bareInsert(dbPath: string, calls: number, deferred = false): { insertMs: number; indexMs: number } {
  const db = openDb(dbPath);
  if (deferred) for (const ix of BULK_DEFERRED_INDEXES) db.exec(`DROP INDEX IF EXISTS ${ix.name}`);
  const insert = db.prepare(
    'INSERT INTO contacts (source, source_id, channel, queue, caller, enter_at, answer_at, end_at, outcome, wait_ms, talk_ms) VALUES (?,?,?,?,?,?,?,?,?,?,?)',
  );
  const t0 = 1_767_225_600_000;
  let t = seconds();
  for (let i = 0; i < calls; i += BATCH) {
    db.transaction(() => {
      for (let j = i; j < Math.min(calls, i + BATCH); j++) {
        const enter = t0 + j * 500;
        insert.run('asterisk:default', `${1_767_225_600 + (j >> 1)}.${j}`, 'voice', `q${j % 12}`, `+3725${100_000 + ((j * 7919) % 900_000)}`, enter, enter + 12_000, enter + 200_000, 'answered', 12_000, 188_000);
      }
    })();
  }
  const insertMs = msSince(t);
  t = seconds();
  if (deferred) db.transaction(() => BULK_DEFERRED_INDEXES.forEach((ix) => db.exec(ix.sql)))();
  const indexMs = msSince(t);
  db.close();
  return { insertMs, indexMs };
}

async function endToEnd(file: string, dbPath: string) {
  const s = defaultSettings();
  const t = seconds();
  const db = openDb(dbPath);
  const store = createIngestStore(db, () => ({ timezone: ZONE, targetSec: s.targetSec, shortAbandonSec: s.shortAbandonSec }));
  const report = await importFile({ db, store, now: () => Date.now() }, { file, format: 'queue_log' });
  // Closing checkpoints the WAL into the database file: the import is on disk when this returns.
  db.close();
  return { ms: msSince(t), report };
}

/** queue_log import end to end, with its two floors measured in the same run. */
export const importBenchmark: Benchmark = {
  name: 'import',
  description: `queue_log file import end to end (${LINES.toLocaleString('en')} lines: parse, contacts, attempts, rollups, WAL)`,
  async run(ctx) {
    const file = path.join(ctx.dir, 'queue_log');
    const gen = writeSyntheticQueueLog(file, { lines: LINES });
    ctx.log(`${gen.lines.toLocaleString('en')} lines, ${gen.calls.toLocaleString('en')} calls, ${(gen.bytes / 1e6).toFixed(0)} MB`);

    await rawRead(file); // warm the page cache so every pass reads from memory alike
    let t = seconds();
    const rawLines = await rawRead(file);
    const rawMs = msSince(t);

    t = seconds();
    bareInsert(path.join(ctx.dir, 'bare.sqlite'), gen.calls);
    const bareMs = msSince(t);
    const lean = bareInsert(path.join(ctx.dir, 'bare-lean.sqlite'), gen.calls, true);

    const run = await endToEnd(file, path.join(ctx.dir, 'import.sqlite'));
    if (run.report.contacts !== gen.calls || run.report.rejectedCount !== 0) {
      throw new Error(`import counted ${run.report.contacts} contacts and ${run.report.rejectedCount} rejects; the file has ${gen.calls} calls`);
    }
    const linesPerSec = (rawLines / run.ms) * 1000;
    const contactsPerSec = (gen.calls / run.ms) * 1000;
    return [
      { name: 'raw chunked read', value: (rawLines / rawMs) * 1000, unit: 'lines/s' },
      { name: 'bare bulk insert of the same contacts', value: (gen.calls / bareMs) * 1000, unit: 'contacts/s' },
      // What the 600,000 lines/s target leaves for everything else: the same bare inserts with the
      // bulk-deferred indexes dropped, as this file's lines per second, then with those indexes built.
      { name: 'bare insert, deferred indexes dropped, as lines', value: (rawLines / lean.insertMs) * 1000, unit: 'lines/s' },
      { name: '  the same, then those indexes built', value: (rawLines / (lean.insertMs + lean.indexMs)) * 1000, unit: 'lines/s' },
      {
        name: 'import end to end',
        value: linesPerSec,
        unit: 'lines/s',
        target: '≥ 600,000 lines/s',
        meets: linesPerSec >= 600_000,
        baseline: { name: 'raw chunked read', value: (rawLines / rawMs) * 1000 },
      },
      { name: 'import end to end, contacts', value: contactsPerSec, unit: 'contacts/s', target: '≥ 200,000 contacts/s', meets: contactsPerSec >= 200_000 },
      { name: 'time per contact (import / bare insert)', value: run.ms / bareMs, unit: '×', target: '≤ 1.5×', meets: run.ms / bareMs <= 1.5 },
    ];
  },
};

const CHILD = fileURLToPath(new URL('./import-child.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The child runs bundled, as the built CLI would (a TypeScript loader in the child would add its
 * own tens of MB to the figure). Inside the checkout so the bundle resolves better-sqlite3.
 */
async function bundledChild(): Promise<string> {
  const { build } = await import('esbuild');
  const outfile = path.join(REPO, 'node_modules', '.cache', 'floorwatch', `bench-import-child-${process.pid}.mjs`);
  await build({ entryPoints: [CHILD], outfile, bundle: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'error' });
  return outfile;
}

/** Peak memory of a large import, in a process of its own (the figure would include the bench's otherwise). */
export async function importInChild(ctx: BenchContext, lines: number, heapCapsMb: readonly (number | null)[] = [null]): Promise<{ figures: Figure[]; file: string; calls: number }> {
  const file = path.join(ctx.dir, 'queue_log');
  let t = seconds();
  const gen = writeSyntheticQueueLog(file, { lines });
  ctx.log(`${gen.lines.toLocaleString('en')} lines, ${(gen.bytes / 1e6).toFixed(0)} MB written in ${(msSince(t) / 1000).toFixed(1)} s`);
  const child = await bundledChild();
  const figures: Figure[] = [];
  const m = `${(lines / 1e6).toFixed(0)} M lines`;
  try {
    for (const cap of heapCapsMb) {
      const db = path.join(ctx.dir, `big-${cap ?? 'default'}.sqlite`);
      const flags = cap === null ? [] : [`--max-old-space-size=${cap}`];
      t = seconds();
      const { stdout } = await promisify(execFile)(process.execPath, [...flags, child, file, db], { maxBuffer: 1 << 20 });
      ctx.log(`child ${flags.join(' ') || '(default heap)'} finished in ${(msSince(t) / 1000).toFixed(1)} s`);
      const r = JSON.parse(stdout.trim().split('\n').pop()!) as { ms: number; lines: number; contacts: number; rejected: number; maxRssKb: number };
      if (r.contacts !== gen.calls || r.rejected !== 0) throw new Error(`child import counted ${r.contacts} contacts, ${r.rejected} rejects; the file has ${gen.calls} calls`);
      const mb = r.maxRssKb / 1024;
      const how = cap === null ? '' : ` (old space capped at ${cap} MB)`;
      figures.push(
        // For comparison only: every import path of the product runs in a heap-capped worker.
        { name: `peak RSS importing ${m} on one thread${how}${cap === null ? ", V8's default heap" : ''}`, value: mb, unit: 'MB' },
        { name: `import end to end, ${m}${how}`, value: (r.lines / r.ms) * 1000, unit: 'lines/s' },
      );
      for (const x of ['', '-wal', '-shm']) fs.rmSync(db + x, { force: true });
    }
  } finally {
    fs.rmSync(child, { force: true });
  }
  return { figures, file, calls: gen.calls };
}

/**
 * `floorwatch import FILE` as users run it: the CLI bundled as it is built (with its import worker
 * beside it), in a process of its own whose peak RSS (main thread and worker together) is read at
 * exit by a preloaded module.
 */
async function importViaCli(ctx: BenchContext, file: string, calls: number): Promise<{ mb: number; linesPerSec: number }> {
  const { build } = await import('esbuild');
  const dir = path.join(REPO, 'node_modules', '.cache', 'floorwatch', `bench-cli-${process.pid}`);
  fs.mkdirSync(dir, { recursive: true });
  try {
    const common = { bundle: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'error' } as const;
    await build({ ...common, entryPoints: [path.join(REPO, 'main/cli/index.ts')], outfile: path.join(dir, 'cli.mjs') });
    await build({ ...common, entryPoints: [path.join(REPO, 'main/core/ingest/import/worker.ts')], outfile: path.join(dir, 'import-worker.js') });
    const report = path.join(dir, 'rss.mjs');
    fs.writeFileSync(report, "process.on('exit', () => process.stderr.write(`\\nmaxRssKb=${process.resourceUsage().maxRSS}\\n`));\n");
    const db = path.join(ctx.dir, 'cli.sqlite');
    const t = seconds();
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', pathToFileURL(report).href, path.join(dir, 'cli.mjs'), '--db', db, '--json', 'import', file], { maxBuffer: 1 << 24 });
    const ms = msSince(t);
    const r = JSON.parse(stdout.trim().split('\n').pop()!) as { lines: number; contacts: number; rejectedCount: number };
    if (r.contacts !== calls || r.rejectedCount !== 0) throw new Error(`floorwatch import counted ${r.contacts} contacts, ${r.rejectedCount} rejects; the file has ${calls} calls`);
    const kb = Number(/maxRssKb=(\d+)/.exec(stderr)?.[1]);
    for (const x of ['', '-wal', '-shm']) fs.rmSync(db + x, { force: true });
    return { mb: kb / 1024, linesPerSec: (r.lines / ms) * 1000 };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The 5 M-line file (~330 MB): peak memory of the importer, measured in a child process. It takes
 * minutes on two cores, so it runs when named (`npm run bench -- import-5m`) or with FW_BENCH_5M=1.
 */
export const importBigBenchmark: Benchmark = {
  name: 'import-5m',
  description: `peak memory importing a ${(BIG_LINES / 1e6).toFixed(0)} M-line queue_log in a child process (when named or FW_BENCH_5M=1)`,
  async run(ctx) {
    if (!process.argv.includes('import-5m') && process.env.FW_BENCH_5M !== '1') {
      ctx.log('skipped: name it (npm run bench -- import-5m) or set FW_BENCH_5M=1');
      return [];
    }
    // V8 lets the old space grow to ~130 MB of mostly garbage before its first full collection,
    // whatever the live size (the importer's is ~40 MB): the in-process run with the default heap
    // shows that, and `floorwatch import`, whose worker caps its old generation, what users get.
    const { figures, file, calls } = await importInChild(ctx, BIG_LINES, [null]);
    const cli = await importViaCli(ctx, file, calls);
    ctx.log('floorwatch import: the import runs in a worker whose old generation is capped at 128 MB');
    return [
      ...figures,
      { name: `peak RSS, floorwatch import of ${(BIG_LINES / 1e6).toFixed(0)} M lines (whole process)`, value: cli.mb, unit: 'MB', target: '< 200 MB', meets: cli.mb < 200 },
      { name: `floorwatch import end to end, ${(BIG_LINES / 1e6).toFixed(0)} M lines`, value: cli.linesPerSec, unit: 'lines/s' },
    ];
  },
};
