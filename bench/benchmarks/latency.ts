import fs from 'node:fs';
import path from 'node:path';
import type { ImportJob } from '../../shared/contract/sources';
import type { LiveSnapshot } from '../../shared/contract/live';
import type { IngestEvent } from '../../main/core/ingest/events';
import { createSnapshotter } from '../../main/core/live/snapshot';
import { percentile, time, type Benchmark, type Figure } from '../harness';
import { skipReason, startFloor, startLoad, type Floor } from './floor';
import { writeSyntheticQueueLog } from './queue-log-synth';

const RATE = 200;
const MARKER_QUEUE = 'bench-marker';
/** Markers per cycle; the marker queue then empties, so its tile counts 1…CYCLE again. */
const CYCLE = 10;
const MARKER_EVERY_MS = 200;
const envNumber = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const IMPORT_LINES = envNumber('FLOORWATCH_BENCH_IMPORT_LINES', 2_000_000);
/** Measuring after the import, for the baseline, and at most this long during it. */
const BASELINE_SEC = envNumber('FLOORWATCH_BENCH_LATENCY_BASELINE_SECONDS', 15);
const MAX_IMPORT_SEC = envNumber('FLOORWATCH_BENCH_LATENCY_MAX_SECONDS', 180);
// FLOORWATCH_BENCH_LATENCY_DUMP=<file>: also write every marker's figures there, for a closer look.

/**
 * Page side: every DOM change is checked for the marker queue's "waiting" figure; each new value
 * is stamped with Date.now() (the same clock as the core's, on this machine) and with the time of
 * the next animation frame, when it is painted. A string: this config has no DOM typings.
 */
const OBSERVE = `(() => {
  const sel = '[data-testid="queue-tile"][data-queue="${MARKER_QUEUE}"] .queue-row__waiting';
  const state = { value: null, changes: [] };
  const check = () => {
    const el = document.querySelector(sel);
    const m = el ? /(\\d+)\\s*$/.exec(el.textContent || '') : null;
    const v = m ? Number(m[1]) : null;
    if (v === null || v === state.value) return;
    const change = { v, t: Date.now(), frame: 0 };
    state.value = v;
    state.changes.push(change);
    requestAnimationFrame(() => { change.frame = Date.now(); });
  };
  new MutationObserver(check).observe(document.body, { subtree: true, childList: true, characterData: true });
  check();
  window.__fwLatency = state;
})()`;

interface Change {
  v: number;
  t: number;
  frame: number;
}

interface Marker {
  /** The marker queue's count once this marker is in. */
  v: number;
  t0: number;
  duringImport: boolean;
}

/** Time from `t0` to the first change at or after it showing at least `v` (counts only grow within a cycle). */
function shownAfter(m: Marker, changes: readonly Change[], pick: (c: Change) => number): number | null {
  const c = changes.find((x) => x.t >= m.t0 && x.v >= m.v);
  return c ? pick(c) - m.t0 : null;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

let failedMarkerWrites = 0;
/** A marker write the store refused (SQLITE_BUSY while the import holds the lock) is retried. */
function tryIngest(core: Floor['core'], events: IngestEvent[]): boolean {
  try {
    core.ingest(events);
    return true;
  } catch {
    failedMarkerWrites++;
    return false;
  }
}

/** Cancels running imports and waits for their workers to end: the database is removed next. */
async function stopImports(core: Floor['core']): Promise<void> {
  const running = new Set<string>();
  let listed = false;
  const ended = new Promise<void>((resolve) => {
    const stop = core.events.on('import.progress', (p) => {
      if (p.state !== 'running') running.delete(p.jobId);
      if (listed && running.size === 0) {
        stop();
        resolve();
      }
    });
  });
  const jobs = await core.dispatcher.call('import.jobs', {}, { access: 'read' });
  if (!jobs.ok) return;
  for (const j of jobs.result as ImportJob[]) if (j.state === 'running') running.add(j.jobId);
  listed = true;
  if (running.size === 0) return;
  for (const jobId of running) await core.dispatcher.call('import.cancel', { jobId }, { access: 'write' });
  await ended;
}

/**
 * Event-to-screen latency of the live console: a marker contact enters ingest while 200 events/s
 * flow over all five channels and a large queue_log import runs in its worker; measured until the
 * figure in the marker queue's row changes in Chromium. Cycles of markers keep running for a
 * while after the import ends: that is the baseline without an import.
 */
export const latencyBenchmark: Benchmark = {
  name: 'live-latency',
  description: `event-to-screen latency at ${RATE} events/s during a ${(IMPORT_LINES / 1e6).toFixed(1)} M-line queue_log import (Chromium)`,
  async run(ctx) {
    const skip = skipReason();
    if (skip) {
      ctx.log(skip);
      return [];
    }
    const logFile = path.join(ctx.dir, 'history.queue_log');
    // History ending days before today, so the import adds to past hours, not to today's tiles
    // (2 M lines span about 20 days of this floor's traffic).
    const nowSec = Math.floor(Date.now() / 1000);
    const spanSec = Math.ceil(IMPORT_LINES / 100_000) * 86_400;
    const synth = writeSyntheticQueueLog(logFile, { lines: IMPORT_LINES, start: nowSec - spanSec - 3 * 86_400 });
    if (synth.lastAt > nowSec - 86_400) throw new Error(`the generated history reaches ${new Date(synth.lastAt * 1000).toISOString()}: it must end before today`);
    ctx.log(`queue_log written: ${synth.lines.toLocaleString('en')} lines, ${synth.calls.toLocaleString('en')} calls`);

    const floor = await startFloor(ctx.dir, ctx.log);
    const load = startLoad(floor.core, RATE);
    try {
      return await measure(floor, load, logFile, ctx.log);
    } finally {
      load.stop();
      await stopImports(floor.core);
      await floor.close();
    }
  },
};

async function measure(floor: Floor, load: ReturnType<typeof startLoad>, logFile: string, log: (m: string) => void): Promise<Figure[]> {
  const { core, page } = floor;
  failedMarkerWrites = 0;
  await page.evaluate(OBSERVE);
  await sleep(3000); // the load reaches its steady state (contacts waiting, agents busy)

  // Server side: when the snapshot carrying each marker count is pushed to screens.
  const pushed: Change[] = [];
  let lastPushed: number | null = null;
  let lastSnapshot: LiveSnapshot | null = null;
  let job: ImportJob | null = null;
  let importStartedLines: () => void = () => undefined;
  const writing = new Promise<void>((r) => (importStartedLines = r));
  const off = core.events.onAny((name, payload) => {
    if (name === 'live.snapshot') {
      const snap = payload as LiveSnapshot;
      lastSnapshot = snap;
      const v = snap.queues.find((q) => q.queue === MARKER_QUEUE)?.waiting;
      if (v !== undefined && v !== lastPushed) {
        lastPushed = v;
        pushed.push({ v, t: Date.now(), frame: 0 });
      }
    } else if (name === 'import.progress') {
      const p = payload as ImportJob;
      if (job && p.jobId === job.jobId) {
        job = p;
        if (p.lines > 0 || p.state !== 'running') importStartedLines();
      }
    }
  });

  const started = await core.dispatcher.call('import.start', { path: logFile }, { access: 'write' });
  if (!started.ok) throw new Error(`import.start failed: ${started.error.message}`);
  job = started.result as ImportJob;
  const importStart = Date.now();
  await writing;
  let importEnd: number | null = null;
  const importRunning = () => {
    if (importEnd === null && job && job.state !== 'running') importEnd = Date.now();
    return importEnd === null;
  };
  const linesAtStart = job.lines;
  log(`import running (worker), ${linesAtStart.toLocaleString('en')} lines in; measuring`);

  const markers: Marker[] = [];
  const sentAtStart = load.sent();
  const measureStart = Date.now();
  let stopAt = measureStart + MAX_IMPORT_SEC * 1000;
  let cycle = 0;
  while (Date.now() < stopAt) {
    const ids: string[] = [];
    for (let k = 1; k <= CYCLE; k++) {
      const id = `m${cycle}-${k}`;
      ids.push(id);
      const during = importRunning();
      const marker: IngestEvent = { kind: 'enqueued', source: 'bench-mark', id, at: Date.now(), channel: 'voice', queue: MARKER_QUEUE, caller: id };
      const t0 = Date.now();
      if (!tryIngest(core, [marker])) {
        ids.pop();
        k--;
        await sleep(MARKER_EVERY_MS);
        continue;
      }
      markers.push({ v: k, t0, duringImport: during });
      await sleep(MARKER_EVERY_MS);
    }
    // Empty the marker queue and wait until the page shows it, so the next cycle's counts are unambiguous.
    const at = Date.now();
    while (!tryIngest(core, ids.map((id): IngestEvent => ({ kind: 'answered', source: 'bench-mark', id, at, agent: 'SIP/1999' })))) await sleep(MARKER_EVERY_MS);
    await page.waitForFunction(() => (globalThis as unknown as { __fwLatency: { value: number | null } }).__fwLatency.value === 0, undefined, { timeout: 120_000 });
    await sleep(MARKER_EVERY_MS);
    cycle++;
    if (!importRunning() && stopAt > importEnd! + BASELINE_SEC * 1000) stopAt = importEnd! + BASELINE_SEC * 1000;
  }
  const measureEnd = Date.now();
  const stillRunning = importRunning();
  const linesAtEnd = job.lines;
  const sent = load.sent() - sentAtStart;
  off();
  if (stillRunning) log(`import still running after ${MAX_IMPORT_SEC} s of measuring: cancelling it`);
  await stopImports(core);

  // The server's share on this very database, as it stands now (history imported, load running).
  const snapshotter = createSnapshotter(core.db);
  snapshotter(Date.now(), floor.settings.get(), null);
  const computeMs: number[] = [];
  for (let i = 0; i < 20; i++) {
    computeMs.push(time(() => snapshotter(Date.now(), floor.settings.get(), null)).ms);
    await sleep(50);
  }
  const last = lastSnapshot as LiveSnapshot | null;
  if (last) {
    log(
      `last snapshot pushed: ${(JSON.stringify(last).length / 1024).toFixed(0)} KB, ${last.agents.length} agents, ${last.waiting.length} of ${last.waitingTotal} waiting, ${last.queues.length} queues`,
    );
  }
  if (job.state === 'failed') log(`the import failed: ${job.error ?? 'no reason given'}`);

  const changes = (await page.evaluate('window.__fwLatency.changes')) as Change[];
  const during = markers.filter((m) => m.duringImport);
  const after = markers.filter((m) => !m.duringImport);
  const screen = (ms: Marker[]) => ms.map((m) => shownAfter(m, changes, (c) => c.t));
  const shown = screen(during).filter((x): x is number => x !== null);
  const lost = during.length - shown.length;
  const painted = during.map((m) => shownAfter(m, changes, (c) => c.frame || c.t)).filter((x): x is number => x !== null);
  const server = during.map((m) => shownAfter(m, pushed, (c) => c.t)).filter((x): x is number => x !== null);
  const baseline = screen(after).filter((x): x is number => x !== null);

  const importSec = ((importEnd ?? measureEnd) - importStart) / 1000;
  log(
    `import ${stillRunning ? 'was still running at the end (cancelled)' : `finished ${((importEnd! - measureStart) / 1000).toFixed(1)} s into the measurement`}; ` +
      `${(linesAtEnd - linesAtStart).toLocaleString('en')} lines imported while measuring, ${((job.lines || linesAtEnd) / importSec).toFixed(0)} lines/s overall`,
  );
  log(`${markers.length} markers in ${cycle} cycles: ${during.length} during the import, ${after.length} after it; ${lost} never seen on screen`);

  const dump = process.env.FLOORWATCH_BENCH_LATENCY_DUMP;
  if (dump) {
    const rows = markers.map((m) => ({ at: m.t0 - measureStart, v: m.v, duringImport: m.duringImport, screen: shownAfter(m, changes, (c) => c.t), pushed: shownAfter(m, pushed, (c) => c.t) }));
    fs.writeFileSync(dump, JSON.stringify({ importEnd: importEnd === null ? null : importEnd - measureStart, ingestCalls: load.calls.map((c) => ({ at: c.at - measureStart, ms: c.ms })), markers: rows }));
    log(`per-marker figures written to ${dump}`);
  }
  if (during.length === 0) log('the import ended before the first marker: raise FLOORWATCH_BENCH_IMPORT_LINES to measure during an import');
  const p95 = percentile(shown, 95);
  const figures: Figure[] = [
    { name: 'event → screen during import, p50', value: percentile(shown, 50), unit: 'ms' },
    {
      name: 'event → screen during import, p95',
      value: p95,
      unit: 'ms',
      target: '< 100 ms',
      meets: p95 < 100 && lost === 0,
      ...(baseline.length ? { baseline: { name: 'p95 with no import', value: percentile(baseline, 95) } } : {}),
    },
    { name: 'event → screen during import, max', value: shown.length ? Math.max(...shown) : NaN, unit: 'ms' },
    { name: 'event → next painted frame during import, p95', value: percentile(painted, 95), unit: 'ms' },
    { name: 'event → snapshot pushed by host during import, p95', value: percentile(server, 95), unit: 'ms' },
    { name: 'samples during import', value: during.length, unit: 'markers' },
    { name: 'samples never shown', value: lost, unit: 'markers' },
    { name: 'live load delivered', value: (sent / (measureEnd - measureStart)) * 1000, unit: 'events/s' },
    { name: 'import lines committed while measuring', value: linesAtEnd - linesAtStart, unit: 'lines' },
  ];
  figures.push({ name: 'snapshot computation on the final database, p50', value: percentile(computeMs, 50), unit: 'ms' });
  if (baseline.length) figures.push({ name: 'event → screen with no import, p95', value: percentile(baseline, 95), unit: 'ms' });
  const afterServer = after.map((m) => shownAfter(m, pushed, (c) => c.t)).filter((x): x is number => x !== null);
  if (afterServer.length) figures.push({ name: 'event → snapshot pushed with no import, p95', value: percentile(afterServer, 95), unit: 'ms' });
  // How long each live ingest call held the thread: waiting for the import's write lock shows here.
  const importTo = importEnd ?? measureEnd;
  const callsDuring = load.calls.filter((c) => c.at >= measureStart && c.at < importTo).map((c) => c.ms);
  const failure = load.calls.find((c) => c.failed)?.failed;
  if (failure) log(`live ingest failed ${load.calls.filter((c) => c.failed).length} times, first: ${failure}`);
  const callsAfter = load.calls.filter((c) => c.at >= importTo && c.at < measureEnd).map((c) => c.ms);
  figures.push(
    {
      name: 'live ingest call during import, p95',
      value: percentile(callsDuring, 95),
      unit: 'ms',
      ...(callsAfter.length ? { baseline: { name: 'with no import', value: percentile(callsAfter, 95) } } : {}),
    },
    { name: 'live ingest call during import, max', value: callsDuring.length ? Math.max(...callsDuring) : NaN, unit: 'ms' },
    {
      name: 'live ingest calls that failed during import',
      value: load.calls.filter((c) => c.failed && c.at >= measureStart && c.at < importTo).length + failedMarkerWrites,
      unit: 'calls',
      target: '0',
      meets: !load.calls.some((c) => c.failed) && failedMarkerWrites === 0,
    },
  );
  return figures;
}
