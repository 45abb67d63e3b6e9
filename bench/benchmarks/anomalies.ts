import path from 'node:path';
import { defaultSettings } from '../../shared/contract/settings';
import { addLocalDays, localDate } from '../../shared/domain/time';
import { queryKpis } from '../../main/core/analytics/kpis';
import { ensureAttemptRollup } from '../../main/core/anomalies/attempt-rollup';
import { createAnomalyService } from '../../main/core/anomalies/service';
import { scoreCells } from '../../main/core/anomalies/detect';
import { loadAgentSegments, loadHourSegments } from '../../main/core/anomalies/load';
import { simulatedDb } from '../../main/core/anomalies/testing';
import { rebuildRollups } from '../../main/core/ingest/rollup';
import { openDb } from '../../main/db/open';
import { manualClock } from '../../main/core/ports';
import { createMemorySettingsStore } from '../../main/core/settings/file-store';
import type { Injection } from '../../main/core/simulator';
import { percentile, time, type Benchmark, type Figure } from '../harness';

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
    } else {
      const m = new Map<string, { row: string; col: string; total: number; events: number }>();
      for (const h of loadHourSegments(env.db, ZONE, fromAt, toAt)) {
        const col = planted.localHours.includes(h.hour) ? 'planted' : String(h.hour);
        const c = m.get(`${h.segment}|${col}`) ?? { row: h.segment, col, total: 0, events: 0 };
        c.total += h.offered;
        c.events += h.unanswered;
        m.set(`${h.segment}|${col}`, c);
      }
      cell = scoreCells([...m.values()], { ...o, minContacts: 1 }).scored.find((c) => c.row === planted.segment && c.col === 'planted');
    }
    const isPlanted = (f: (typeof flags)[number]) => {
      if (planted.kind === 'avoidance') return f.kind === 'avoidance' && f.segment === planted.segment && f.agentId === agentId;
      if (f.kind !== 'unanswered' || f.segment !== planted.segment) return false;
      if (f.hours) return f.hours.some((h) => planted.localHours.includes(h));
      const h = Number(new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: 'numeric', hourCycle: 'h23' }).format(f.fromAt));
      return planted.localHours.includes(h);
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
    for (let s = 1; s <= SEEDS * 2; s++) {
      const env = simulatedDb({ from: from(1000 + s), days: DAYS, seed: 1000 + s, timezone: ZONE });
      const { flags } = env.service.run({});
      env.close();
      clean += flags.length;
      cleanAccusing += flags.filter((f) => f.kind === 'avoidance').length;
      if (flags.length) ctx.log(`clean seed ${1000 + s}: ${flags.map((f) => f.explanation).join(' | ')}`);
    }
    const per30 = (n: number) => (n / (SEEDS * 2)) * (30 / DAYS);
    figures.push({ name: 'false flags per 30 clean days (all kinds)', value: per30(clean), unit: 'flags', target: '≤ 1', meets: per30(clean) <= 1 });
    figures.push({ name: 'accusing (avoidance) flags per 30 clean days', value: per30(cleanAccusing), unit: 'flags', target: '≤ 1', meets: per30(cleanAccusing) <= 1 });

    const scenarios: { label: string; size: number; make: (seed: number) => Injection }[] = [
      ...[2, 3, 5].map((f) => ({
        label: `unanswered ×${f}`,
        size: f,
        make: (seed: number): Injection => ({ kind: 'unanswered', segment: SEGMENTS[seed % 3]!, localHours: [9 + (seed % 8)], abandonFactor: f }),
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

const PERF_CONTACTS = Number(process.env.FW_BENCH_ANOMALY_CONTACTS ?? 1_000_000);

/** Dashboard queries on rollups vs the raw table, and a full 90-day anomaly scan, at 1 M contacts. */
export const anomalyPerfBenchmark: Benchmark = {
  name: 'anomalies-perf',
  description: `KPI dashboard queries and a 90-day anomaly scan over ${PERF_CONTACTS.toLocaleString('en')} contacts`,
  run(ctx) {
    const settings = { ...defaultSettings(), timezone: ZONE };
    const db = openDb(path.join(ctx.dir, 'anomalies.sqlite'));
    const now = Date.UTC(2026, 10, 23, 10, 0);
    const span = 90 * 86_400_000;
    const step = Math.floor(span / PERF_CONTACTS);
    const load = time(() => {
      db.prepare("INSERT INTO queues (name, channel) VALUES ('voice-0', 'voice'), ('chat-1', 'chat')").run();
      for (let a = 1; a <= 40; a++) db.prepare('INSERT INTO agents (id, name) VALUES (?, ?)').run(a, `Agent ${a}`);
      db.prepare(`WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
        INSERT INTO contacts (source, source_id, channel, queue, caller, segment_hint, enter_at, answer_at, end_at, outcome, agent_id, wait_ms, talk_ms)
        SELECT 'bench', i, CASE i % 3 WHEN 2 THEN 'chat' ELSE 'voice' END, CASE i % 3 WHEN 2 THEN 'chat-1' ELSE 'voice-0' END,
          '+3725' || (i % 90000), CASE i % 5 WHEN 0 THEN 'VIP' WHEN 1 THEN 'Business' ELSE 'Consumer' END,
          ? + i * ?, CASE WHEN i % 11 = 0 THEN NULL ELSE ? + i * ? + 20000 END, ? + i * ? + 200000,
          CASE WHEN i % 11 = 0 THEN 'abandoned' ELSE 'answered' END, CASE WHEN i % 11 = 0 THEN NULL ELSE 1 + i % 40 END, 20000, 180000 FROM n`).run(
        PERF_CONTACTS - 1, now - span, step, now - span, step, now - span, step,
      );
      db.prepare(`INSERT INTO attempts (contact_id, agent_id, at, ring_ms, result)
        SELECT id, COALESCE(agent_id, 1 + id % 40), enter_at + 5000, 8000, CASE WHEN id % 29 = 0 THEN 'no-answer' ELSE 'connected' END FROM contacts`).run();
      rebuildRollups(db, { timezone: ZONE, targetSec: settings.targetSec, shortAbandonSec: settings.shortAbandonSec });
    });
    ctx.log(`history loaded in ${(load.ms / 1000).toFixed(1)} s`);
    const rollup = { timezone: ZONE, targetSec: settings.targetSec, shortAbandonSec: settings.shortAbandonSec };
    const today = localDate(ZONE, now);
    const figures: Figure[] = [];
    const measure = (name: string, q: () => unknown, target: number) => {
      const samples = Array.from({ length: 20 }, () => time(q).ms);
      const p95 = percentile(samples, 95);
      figures.push({ name, value: p95, unit: 'ms p95', target: `≤ ${target} ms`, meets: p95 <= target });
      return p95;
    };
    measure('KPIs today by hour × segment', () => queryKpis(db, { from: today, to: today, by: ['hour', 'segment'], zone: ZONE }, rollup), 15);
    measure('KPIs 7 days by day × segment', () => queryKpis(db, { from: addLocalDays(today, -6), to: today, by: ['day', 'segment'], zone: ZONE }, rollup), 15);
    const all = measure('KPIs all time by hour × segment (rollup)', () => queryKpis(db, { by: ['hour', 'segment'], zone: ZONE }, rollup), 100);
    const raw = time(() =>
      db.prepare(`SELECT strftime('%H', enter_at / 1000, 'unixepoch') AS h, segment_hint, COUNT(*), SUM(answer_at IS NOT NULL) FROM contacts GROUP BY h, segment_hint`).all(),
    ).ms;
    figures.push({ name: 'all time by hour × segment, raw table', value: raw, unit: 'ms', baseline: { name: 'rollup', value: all } });

    const clock = manualClock(now);
    const service = createAnomalyService({ db, settings: createMemorySettingsStore({ timezone: ZONE, anomalies: { ...settings.anomalies, windowDays: 90 } }), clock });
    // Rebuilding the attempt rollup happens once after a directory change; ingest keeps it current.
    const attemptRebuild = time(() => ensureAttemptRollup(db));
    figures.push({ name: 'attempt rollup rebuilt from scratch', value: attemptRebuild.ms, unit: 'ms' });
    const scans = Array.from({ length: 5 }, () => time(() => service.run({})));
    const scanP95 = percentile(scans.map((x) => x.ms), 95);
    figures.push({ name: `full 90-day anomaly scan (${scans[0]!.result.flags.length} flags)`, value: scanP95, unit: 'ms p95', target: '≤ 1000 ms', meets: scanP95 <= 1000 });
    db.close();
    return figures;
  },
};
