import { scoreCells } from '../../main/core/anomalies/detect';
import { loadAgentSegments, loadHourSegments } from '../../main/core/anomalies/load';
import { countCells } from '../../main/core/anomalies/scan';
import { isFloorScope } from '../../shared/contract/anomalies';
import { simulatedDb } from '../../main/core/anomalies/testing';
import type { Injection } from '../../main/core/simulator';
import { percentile, type Benchmark, type Figure } from '../harness';

const ZONE = 'Europe/Tallinn';
const DAYS = 30;
/** Seeds per scenario; FW_BENCH_SEEDS raises it for a longer, tighter estimate. */
const SEEDS = Number(process.env.FW_BENCH_SEEDS ?? 6);
const AGENTS = ['kadri', 'maria', 'jaan', 'shirin', 'li-wei', 'helen'];
const SEGMENTS = ['VIP', 'Business', 'Consumer'];

interface Outcome {
  found: boolean;
  /** Unanswered contacts (or rung-out attempts) in the planted cell: the contacts the anomaly concerns. */
  observed: number;
  /** What the cell would have had by its margins (the engine's leave-one-out expectation). */
  expected: number;
  /** Flags that are not the planted anomaly. */
  falseFlags: number;
}

function from(seed: number): number {
  // Mondays in 2025, one per seed, so weekdays and DST dates vary across seeds.
  return Date.parse('2025-01-06T00:00:00+02:00') + (seed % 40) * 7 * 86_400_000;
}

function runScenario(seed: number, planted: Injection): Outcome {
  const env = simulatedDb({ from: from(seed), days: DAYS, seed, timezone: ZONE, inject: [planted] });
  try {
    const { flags, fromAt, toAt } = env.service.run({});
    const o = env.settings.get().anomalies;
    let cell: { events: number; expected: number } | undefined;
    let agentId: number | undefined;
    if (planted.kind === 'avoidance') {
      agentId = env.db.prepare<[string], { agent_id: number }>('SELECT agent_id FROM agent_aliases WHERE alias = ?').get(planted.agent)?.agent_id;
      const cells = loadAgentSegments(env.db, fromAt, toAt).map((a) => ({ row: String(a.agentId), col: a.segment, total: a.attempts, events: a.noAnswer }));
      cell = scoreCells(cells, { ...o, minContacts: 1 }).scored.find((c) => c.row === String(agentId) && c.col === planted.segment);
    } else if (planted.segment === undefined && planted.weekdays) {
      // A weekly bad hour of the whole floor: its cell is that weekday's hour in the weekday × hour table.
      const cells = countCells(loadHourSegments(env.db, ZONE, fromAt, toAt), (h) => String(h.weekday), (h) => String(h.hour));
      cell = scoreCells(cells, { ...o, minContacts: 1 }).scored.find((c) => c.row === String(planted.weekdays![0]) && c.col === String(planted.localHours[0]));
    } else if (planted.segment === undefined) {
      // An outage of the whole floor: its cell is that date-hour in the date × hour table.
      const hours = loadHourSegments(env.db, ZONE, fromAt, toAt);
      const at = hours.find((h) => h.hourAt >= (planted.from ?? -Infinity) && h.hourAt < (planted.to ?? Infinity) && planted.localHours.includes(h.hour));
      const cells = countCells(hours, (h) => h.date, (h) => String(h.hour));
      cell = scoreCells(cells, { ...o, minContacts: 1 }).scored.find((c) => c.row === at?.date && c.col === String(at.hour));
    } else {
      const cells = countCells(loadHourSegments(env.db, ZONE, fromAt, toAt), (h) => h.segment, (h) => (planted.localHours.includes(h.hour) ? 'planted' : String(h.hour)));
      cell = scoreCells(cells, { ...o, minContacts: 1 }).scored.find((c) => c.row === planted.segment && c.col === 'planted');
    }
    const isPlanted = (f: (typeof flags)[number]) => {
      if (planted.kind === 'avoidance') return f.kind === 'avoidance' && f.segment === planted.segment && f.agentId === agentId;
      if (f.kind !== 'unanswered' || f.segment !== (planted.segment ?? null)) return false;
      if ((planted.segment === undefined) !== isFloorScope(f.detail.scope)) return false;
      if (planted.weekdays && f.detail.weekday !== null && !planted.weekdays.includes(f.detail.weekday)) return false;
      // A one-off outage is not what a recurring flag says.
      if (f.hours) return planted.from === undefined && f.hours.some((h) => planted.localHours.includes(h));
      const h = Number(new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: 'numeric', hourCycle: 'h23' }).format(f.fromAt));
      return planted.localHours.includes(h) && f.toAt > (planted.from ?? -Infinity) && f.fromAt < (planted.to ?? Infinity);
    };
    const hits = flags.filter(isPlanted);
    return { found: hits.length > 0, observed: cell?.events ?? 0, expected: cell?.expected ?? Infinity, falseFlags: flags.length - hits.length };
  } finally {
    env.close();
  }
}

/** Detection quality: recall of planted anomalies by kind and size, false flags on clean traffic. */
export const anomalyQualityBenchmark: Benchmark = {
  name: 'anomalies-quality',
  description: `planted anomalies in ${DAYS}-day simulations, ${SEEDS} seeds per scenario: recall by kind and size, false flags per 30 clean days`,
  run(ctx) {
    const figures: Figure[] = [];
    let clean = 0;
    let cleanAccusing = 0;
    let cleanFloor = 0;
    for (let s = 1; s <= SEEDS * 2; s++) {
      const env = simulatedDb({ from: from(1000 + s), days: DAYS, seed: 1000 + s, timezone: ZONE });
      const { flags } = env.service.run({});
      env.close();
      clean += flags.length;
      cleanAccusing += flags.filter((f) => f.kind === 'avoidance').length;
      cleanFloor += flags.filter((f) => isFloorScope(f.detail.scope)).length;
      if (flags.length) ctx.log(`clean seed ${1000 + s}: ${flags.map((f) => f.explanation).join(' | ')}`);
    }
    const per30 = (n: number) => (n / (SEEDS * 2)) * (30 / DAYS);
    figures.push({ name: 'false flags per 30 clean days (all kinds)', value: per30(clean), unit: 'flags', target: '≤ 1', meets: per30(clean) <= 1 });
    figures.push({ name: 'accusing (avoidance) flags per 30 clean days', value: per30(cleanAccusing), unit: 'flags', target: '≤ 1', meets: per30(cleanAccusing) <= 1 });
    // Of all, those about the whole floor (a date-hour or a weekly hour bad for every segment): they name nobody.
    figures.push({ name: '  of all, about the whole floor', value: per30(cleanFloor), unit: 'flags' });

    const scenarios: { label: string; size: number; make: (seed: number) => Injection }[] = [
      ...[2, 3, 5].map((f) => ({
        label: `unanswered ×${f}`,
        size: f,
        make: (seed: number): Injection => ({ kind: 'unanswered', segment: SEGMENTS[seed % 3]!, localHours: [9 + (seed % 8)], abandonFactor: f }),
      })),
      // One hour of one date when every segment's contacts went unanswered f times as often.
      ...[3, 5].map((f) => ({
        label: `outage of every segment ×${f}, one date-hour`,
        size: f,
        make: (seed: number): Injection => {
          const hour = 9 + (seed % 8);
          // That local hour on day 8–21 of the run; the window spans the hour with room for any offset.
          const day = from(seed * 7 + f * 10) + (8 + (seed % 14)) * 86_400_000;
          return { kind: 'unanswered', localHours: [hour], abandonFactor: f, from: day + (hour - 4) * 3_600_000, to: day + (hour + 2) * 3_600_000 };
        },
      })),
      // Every week, one hour of one weekday when every segment's contacts went unanswered f times as often.
      ...[3, 5].map((f) => ({
        label: `weekly bad hour of every segment ×${f}`,
        size: f,
        make: (seed: number): Injection => ({ kind: 'unanswered', localHours: [9 + (seed % 8)], weekdays: [1 + (seed % 5)], abandonFactor: f }),
      })),
      ...[0.09, 0.15, 0.3, 0.6].map((rate) => ({
        label: `avoidance RNA ${Math.round(rate * 100)} %`,
        size: rate / 0.03,
        make: (seed: number): Injection => ({ kind: 'avoidance', agent: AGENTS[seed % AGENTS.length]!, segment: SEGMENTS[seed % 3]!, rnaRate: rate }),
      })),
    ];
    let bigFound = 0;
    let bigTotal = 0;
    for (const sc of scenarios) {
      let found = 0;
      let falseFlags = 0;
      let big = 0;
      let bigHit = 0;
      const ratios: number[] = [];
      for (let s = 1; s <= SEEDS; s++) {
        const o = runScenario(s * 7 + Math.round(sc.size * 10), sc.make(s));
        if (o.found) found++;
        falseFlags += o.falseFlags;
        ratios.push(o.observed / o.expected);
        // The target's population: effects of at least 3× the expected rate, at least 20 contacts concerned.
        if (o.observed >= 20 && o.observed >= 3 * o.expected) {
          big++;
          if (o.found) bigHit++;
        }
      }
      bigFound += bigHit;
      bigTotal += big;
      figures.push({ name: `recall ${sc.label} (all ${SEEDS} runs)`, value: (found / SEEDS) * 100, unit: '%' });
      figures.push({ name: `  median observed/expected in the planted cell`, value: percentile(ratios, 50), unit: '×' });
      if (big) figures.push({ name: `  recall where ≥ 3× and ≥ 20 contacts (${big} runs)`, value: (bigHit / big) * 100, unit: '%' });
      figures.push({ name: `  other flags per run`, value: falseFlags / SEEDS, unit: 'flags' });
    }
    const big = bigTotal ? (bigFound / bigTotal) * 100 : NaN;
    figures.push({ name: 'recall, effects ≥ 3× with ≥ 20 contacts', value: big, unit: '%', target: '≥ 95 %', meets: big >= 95 });
    return figures;
  },
};

export { anomalyPerfBenchmark } from './anomalies-perf';
