import type { Impact, Scorecard, TargetMetric } from '../../../shared/contract/coaching';
import type { Db } from '../../db/open';
import { SEGMENT_SQL } from '../ingest/rollup';
import { poissonRates, twoProportionZ, welch, type TestResult } from './stats';

const DAY = 86_400_000;
const WEEK = 7 * DAY;

interface Window {
  from: number;
  to: number;
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

/** Raw sums for one agent (or the team, agentId null) in [from, to). */
function sums(db: Db, agentId: number | null, w: Window, repeatMs: number) {
  const c = db
    .prepare<[number, number, number | null, number | null], { answered: number; handle: number; handle2: number; csatN: number; csatGood: number; agents: number }>(
      `SELECT COUNT(*) AS answered, COALESCE(SUM(h), 0) AS handle, COALESCE(SUM(h * h), 0) AS handle2,
         COALESCE(SUM(csat IS NOT NULL), 0) AS csatN, COALESCE(SUM(csat >= 4), 0) AS csatGood, COUNT(DISTINCT agent_id) AS agents
       FROM (SELECT (COALESCE(talk_ms, 0) + COALESCE(hold_ms, 0) + COALESCE(wrap_ms, 0)) / 1000.0 AS h, csat, agent_id FROM contacts
             WHERE enter_at >= ? AND enter_at < ? AND answer_at IS NOT NULL AND agent_id IS NOT NULL AND (? IS NULL OR agent_id = ?))`,
    )
    .get(w.from, w.to, agentId, agentId)!;
  const a = db
    .prepare<[number, number, number | null, number | null], { attempts: number; rna: number }>(
      `SELECT COUNT(*) AS attempts, COALESCE(SUM(result = 'no-answer'), 0) AS rna FROM attempts
       WHERE at >= ? AND at < ? AND result IN ('connected','no-answer') AND (? IS NULL OR agent_id = ?)`,
    )
    .get(w.from, w.to, agentId, agentId)!;
  const r = db
    .prepare<[number, number, number, number | null, number | null], { n: number; repeats: number }>(
      `SELECT COUNT(*) AS n, COALESCE(SUM(EXISTS (SELECT 1 FROM contacts n WHERE n.caller = c.caller AND n.enter_at > c.enter_at AND n.enter_at <= c.enter_at + ?)), 0) AS repeats
       FROM contacts c WHERE c.enter_at >= ? AND c.enter_at < ? AND c.answer_at IS NOT NULL AND c.caller IS NOT NULL AND c.agent_id IS NOT NULL AND (? IS NULL OR c.agent_id = ?)`,
    )
    .get(repeatMs, w.from, w.to, agentId, agentId)!;
  return { ...c, ...a, repeatN: r.n, repeats: r.repeats };
}

/** The agent against the team over the four weeks before `until`, and week by week. */
export function scorecard(db: Db, agentId: number, until: number, repeatWindowHours: number): Scorecard {
  const w = { from: until - 4 * WEEK, to: until };
  const repeatMs = repeatWindowHours * 3_600_000;
  const me = sums(db, agentId, w, repeatMs);
  const team = sums(db, null, w, repeatMs);
  const bySegment = db
    .prepare<[number, number], { segment: string; agent_attempts: number; agent_rna: number; attempts: number; rna: number }>(
      `SELECT ${SEGMENT_SQL} AS segment,
         SUM(t.agent_id = ${Number(agentId)}) AS agent_attempts, SUM(t.agent_id = ${Number(agentId)} AND t.result = 'no-answer') AS agent_rna,
         COUNT(*) AS attempts, SUM(t.result = 'no-answer') AS rna
       FROM attempts t JOIN contacts c ON c.id = t.contact_id
       WHERE t.at >= ? AND t.at < ? AND t.result IN ('connected','no-answer') GROUP BY segment ORDER BY segment`,
    )
    .all(w.from, w.to);
  const weeks = [3, 2, 1, 0].map((k) => {
    const from = until - (k + 1) * WEEK;
    const s = sums(db, agentId, { from, to: from + WEEK }, repeatMs);
    return { from, answered: s.answered, ahtSec: ratio(s.handle, s.answered), rnaRate: ratio(s.rna, s.attempts) };
  });
  return {
    from: w.from,
    to: w.to,
    answered: { agent: me.answered, team: ratio(team.answered, team.agents) },
    ahtSec: { agent: ratio(me.handle, me.answered), team: ratio(team.handle, team.answered) },
    rnaRate: { agent: ratio(me.rna, me.attempts), team: ratio(team.rna, team.attempts) },
    repeatRate: { agent: ratio(me.repeats, me.repeatN), team: ratio(team.repeats, team.repeatN) },
    csat: { agent: ratio(me.csatGood, me.csatN), team: ratio(team.csatGood, team.csatN) },
    rnaBySegment: bySegment
      .filter((s) => s.agent_attempts > 0)
      .map((s) => ({ segment: s.segment || '—', agent: ratio(s.agent_rna, s.agent_attempts), team: ratio(s.rna, s.attempts), attempts: s.agent_attempts })),
    weeks,
  };
}

const ALPHA = 0.05;

/**
 * "Did it work?": the target metric over `days` days before the session and after it, the
 * change, and a test of whether the change is larger than chance (α = 0.05, two-sided):
 * two-proportion z-test for rates, Welch for AHT, a conditional Poisson test for volume.
 */
export function impact(db: Db, agentId: number, session: Window, metric: TargetMetric, days: number, now: number, repeatWindowHours: number): Impact {
  const before = { from: session.from - days * DAY, to: session.from };
  const after = { from: session.to, to: session.to + days * DAY };
  const repeatMs = repeatWindowHours * 3_600_000;
  const b = sums(db, agentId, before, repeatMs);
  const a = sums(db, agentId, after, repeatMs);
  type Side = { value: number | null; n: number };
  /** A rate metric: `good` out of `n` on each side, compared by a two-proportion z-test. */
  const rate = (good: (x: typeof b) => number, n: (x: typeof b) => number): [Side, Side, TestResult, string] => [
    { value: ratio(good(b), n(b)), n: n(b) },
    { value: ratio(good(a), n(a)), n: n(a) },
    twoProportionZ(good(b), n(b), good(a), n(a)),
    'two-proportion z-test',
  ];
  let bv: Side;
  let av: Side;
  let test: TestResult;
  let name: string;
  switch (metric) {
    case 'rnaRate':
      [bv, av, test, name] = rate((x) => x.rna, (x) => x.attempts);
      break;
    case 'repeatRate':
      [bv, av, test, name] = rate((x) => x.repeats, (x) => x.repeatN);
      break;
    case 'csat':
      [bv, av, test, name] = rate((x) => x.csatGood, (x) => x.csatN);
      break;
    case 'aht': {
      const mean = (s: typeof b) => (s.answered > 0 ? s.handle / s.answered : 0);
      const variance = (s: typeof b) => (s.answered > 1 ? (s.handle2 - s.answered * mean(s) ** 2) / (s.answered - 1) : 0);
      bv = { value: ratio(b.handle, b.answered), n: b.answered };
      av = { value: ratio(a.handle, a.answered), n: a.answered };
      test = welch(mean(b), variance(b), b.answered, mean(a), variance(a), a.answered);
      name = "Welch's test";
      break;
    }
    case 'answered':
      bv = { value: b.answered, n: b.answered };
      av = { value: a.answered, n: a.answered };
      test = poissonRates(b.answered, a.answered);
      name = 'Poisson rate test';
      break;
  }
  const change = bv.value !== null && av.value !== null ? av.value - bv.value : null;
  return {
    metric,
    days,
    before: bv,
    after: av,
    change,
    test: name,
    statistic: test.statistic,
    pValue: test.pValue,
    significant: test.pValue !== null && test.pValue < ALPHA,
    complete: now >= after.to,
  };
}
