import type { Benchmark, Figure } from '../harness';
import { skipReason, startFloor, startLoad } from './floor';

const RATE = 50;
const TARGET_MB = 150;
const SAMPLE_EVERY_MS = 10_000;
const WARMUP_MS = 30_000;
const minutes = () => {
  const v = Number(process.env.FLOORWATCH_BENCH_HEAP_MINUTES);
  return Number.isFinite(v) && v > 0 ? v : 3;
};
const MB = 1024 * 1024;

interface Sample {
  /** Minutes since the first sample. */
  min: number;
  heapMb: number;
  nodes: number;
  listeners: number;
}

/** Least-squares slope through (x, y). */
function fit(xs: number[], ys: number[]): { slope: number } {
  const n = xs.length;
  const mx = xs.reduce((s, x) => s + x, 0) / n;
  const my = ys.reduce((s, y) => s + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
  }
  return { slope: sxx === 0 ? 0 : sxy / sxx };
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * JS heap of the live page under steady traffic. The target is an hour at 50 events/s; a routine
 * run lasts FLOORWATCH_BENCH_HEAP_MINUTES (default 3) and extrapolates the trend to one hour.
 * Each sample follows a full garbage collection, so it is live memory, not garbage not yet swept.
 */
export const heapBenchmark: Benchmark = {
  name: 'live-heap',
  description: `JS heap of #/live at ${RATE} events/s for ${minutes()} min (after GC), extrapolated to 1 h (Chromium)`,
  async run(ctx) {
    const skip = skipReason();
    if (skip) {
      ctx.log(skip);
      return [];
    }
    const floor = await startFloor(ctx.dir, ctx.log);
    const load = startLoad(floor.core, RATE);
    try {
      const cdp = await floor.page.context().newCDPSession(floor.page);
      await cdp.send('HeapProfiler.enable');
      const sample = async (t0: number): Promise<Sample> => {
        await cdp.send('HeapProfiler.collectGarbage');
        const heap = await cdp.send('Runtime.getHeapUsage');
        const dom = await cdp.send('Memory.getDOMCounters');
        return { min: (Date.now() - t0) / 60_000, heapMb: heap.usedSize / MB, nodes: dom.nodes, listeners: dom.jsEventListeners };
      };
      ctx.log(`warming up ${WARMUP_MS / 1000} s, then sampling every ${SAMPLE_EVERY_MS / 1000} s for ${minutes()} min`);
      await sleep(WARMUP_MS);
      const t0 = Date.now();
      const end = t0 + minutes() * 60_000;
      const samples: Sample[] = [await sample(t0)];
      for (let next = t0 + SAMPLE_EVERY_MS; next <= end; next += SAMPLE_EVERY_MS) {
        await sleep(Math.max(0, next - Date.now()));
        const s = await sample(t0);
        samples.push(s);
        ctx.log(`${s.min.toFixed(1)} min: ${s.heapMb.toFixed(1)} MB, ${s.nodes} DOM nodes, ${s.listeners} listeners`);
      }
      const { slope } = fit(
        samples.map((s) => s.min),
        samples.map((s) => s.heapMb),
      );
      const first = samples[0]!;
      const last = samples[samples.length - 1]!;
      const peak = Math.max(...samples.map((s) => s.heapMb));
      // A falling trend over a few minutes is noise around a flat line, not a heap that shrinks for an hour.
      const hour = last.heapMb + Math.max(0, slope) * (60 - last.min);
      const delivered = (load.sent() / ((Date.now() - t0 + WARMUP_MS) / 1000)).toFixed(0);
      ctx.log(`${samples.length} samples; ${load.sent().toLocaleString('en')} events ingested (~${delivered}/s)`);
      const figures: Figure[] = [
        { name: 'JS heap at start (after GC)', value: first.heapMb, unit: 'MB' },
        { name: `JS heap after ${minutes()} min (after GC)`, value: last.heapMb, unit: 'MB' },
        { name: 'JS heap peak (after GC)', value: peak, unit: 'MB' },
        { name: 'JS heap trend', value: slope * 60, unit: 'MB/hour' },
        { name: 'JS heap extrapolated to 1 hour', value: hour, unit: 'MB', target: `< ${TARGET_MB} MB`, meets: Math.max(hour, peak) < TARGET_MB },
        { name: 'DOM nodes, start → end', value: last.nodes - first.nodes, unit: `nodes (${first.nodes} → ${last.nodes})` },
        { name: 'JS event listeners, start → end', value: last.listeners - first.listeners, unit: `listeners (${first.listeners} → ${last.listeners})` },
      ];
      return figures;
    } finally {
      load.stop();
      await floor.close();
    }
  },
};
